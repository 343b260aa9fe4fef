"""Pick the customer (and contact) a log is about from the names around trigger words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from nlp.analysis import Doc
from nlp.deals import FIELDS
from nlp.lexicon import words
from nlp.names import (
    PREPOSITIONS,
    Name,
    Token,
    capture,
    contact_after,
    index_at,
    name_text,
    person_like,
)
from nlp.owners import doer_in_front

DEAL_VERBS: Final = re.compile(
    r"\b(?:closed[\s-]won|closed[\s-]lost|closed|signed|won|lost|booked|inked|landed|qualified|quoted"
    r"|sent|move|moved|moving|mark|marked|marking|set|update|updated|change|changed|bump|bumped"
    r"|negotiating"
    r"|negotiation\s+with"
    r"|(?:opened|open|created?|add(?:ed)?|log(?:ged)?)?\s*(?:a\s+|an\s+)?new\s+(?:opp|opps|opportunity|deal|lead)"
    r"|(?:opened|open|created?|add(?:ed)?|log(?:ged)?)\s+(?:a\s+|an\s+)?(?:opp|opportunity|deal)"
    r"|(?:proposal|quote|pricing)\s+sent)\b\s*[:\-!]*"
)
# Words that, right after a name at the start, say it is a deal's state ("Acme signed!").
STATE_WORDS: Final = words(
    "signed closed closed-won closed-lost won lost is was went moved stuck deal opp opportunity "
    "qualified in redlines redlined negotiating dead just are has have proposal pricing quote "
    "legal procurement booked inked closing closes signing renewed renewing renewal verbally "
    "agreed approved slipped pushed ready chose picked selected decided passed churned accepted "
    "rejected declined gave wants verbal countersigned executed renewed po poc pilot trial "
    "converted amount value close stage now"
)
_VERB_FORM: Final = re.compile(
    r"(?:called|calld|rang|phoned|dialed|dialled|e-?mailed|emaild|mailed|met|demoed|demo'd"
    r"|demod|visited|pinged)\b"
)
_MENTION_CONTACT: Final = re.compile(r"(<@[A-Z0-9]+(?:\|[^<>]{0,80})?>)\s+(?:at|from|@|of)\s")
_COUNTED: Final = re.compile(r"\b\d{1,3}\s+$")
_CHATTER: Final = words(
    "hey hi hello yo ok okay so fyi um uh quotabot bot btw update news recap summary tally "
    "total stats numbers notes note quick also oops whoops sorry actually correction"
)
# Chatter that is never the first word of a company ("Total Wine", "Quick Lane" are).
_ASIDES: Final = words("hey hi hello yo ok okay so fyi um uh btw oops whoops sorry actually")
_ROLES: Final = words("ceo cfo cio cto coo cmo cro vp svp evp head director founder owner gm")
_FILLER: Final = words(
    "folks team guys people finally just officially already have has is are was deal opp "
    "account contract renewal all ."
)
_STATE_OR_ARROW: Final = STATE_WORDS | {"→", "-", ">", ":"}
_LOWER_DEAL_NEXT: Final = (
    words("deal opp opportunity to for is was closed signed won lost redlines qualified went moved")
    | FIELDS
)
_TAIL_NAME: Final = re.compile(
    r"(?:\s[-–—:|]\s*|\s?\(\s*)(?:all\s+|both\s+)?(?:with\s+|w/\s*|for\s+|at\s+|@\s*)?"
    r"(?=[A-Z][\w&'.-]*(?:\s+[A-Z&][\w&'.-]*){0,4}\s*\)?\s*[.!]*$)"
)
_SEPARATORS: Final = frozenset({":", "-", ",", "|", ">"})


@dataclass(frozen=True)
class Party:
    """The account and contact chosen for a log."""

    account: str | None
    contact: str | None


def _past_emoji(tokens: list[Token], k: int) -> int:
    """The token after any emoji at k: "closed 🚀 Rocket Co" names Rocket Co."""
    while (
        k < len(tokens) and tokens[k].kind == "p" and all(ord(c) > 0x2000 for c in tokens[k].text)
    ):
        k += 1
    return k


def _first_word(tokens: list[Token]) -> int:
    """The first real word, past chatter like "hey quotabot," or "fyi"."""
    for k, tok in enumerate(tokens):
        if tok.kind == "word" and tok.text.lower() not in _CHATTER:
            return k
        if tok.kind == "word" and _opens_name(tokens, k):
            return k  # "Total Wine 20k closing in Q1": the chatter word starts the name
        if tok.kind not in ("mask", "p", "word"):
            return k
    return len(tokens)


def _opens_name(tokens: list[Token], k: int) -> bool:
    """A capitalised word that a longer capitalised name starts with ("Total Wine")."""
    if not tokens[k].text[:1].isupper() or tokens[k].text.lower() in _ASIDES:
        return False
    name = capture(tokens, k, allow_lower=False)
    return name is not None and name.next_index > k + 1


def _choose(doc: Doc, starts: list[tuple[int, bool]], exclude: frozenset[str]) -> Party:
    tokens = doc.tokens
    names: list[Name] = []
    joined: set[int] = set()
    for index, allow_lower in starts:
        name = capture(tokens, index, allow_lower=allow_lower)
        if name is None or name_text(doc.text, name).lower() in exclude:
            continue
        person = name_text(doc.text, name)
        split = _person_of_company(person)
        if split:
            return Party(split[1], split[0])
        company = contact_after(tokens, name)
        if company and person_like(person) and (company.capitalised or not name.capitalised):
            return Party(name_text(doc.text, company), person)
        if index > 0 and tokens[index - 1].text.lower() in ("at", "@", "from"):
            joined.add(name.start)
        names.append(name)
    if not names:
        return Party(None, None)
    capitalised = sorted((n for n in names if n.capitalised), key=lambda n: n.start)
    best = (capitalised or sorted(names, key=lambda n: n.start))[0]
    first = name_text(doc.text, best)
    # "emailed Raj re pricing at Sunrise Tech": a lone first name, then a company after "at".
    later = [n for n in capitalised[1:] if n.start in joined]
    if later and " " not in first and person_like(first):
        return Party(name_text(doc.text, later[0]), first)
    return Party(first or None, None)


def _person_of_company(name: str) -> tuple[str, str] | None:
    """Split "Ivy Chen of Mosaic Health" into a person and a company (not "Bank of America")."""
    left, sep, right = name.partition(" of ")
    if not sep or not right or not person_like(left) or not person_like(left.split()[0]):
        return None
    right_is_company = not person_like(right)
    if len(left.split()) >= 2 or right_is_company:
        return left, right
    return None


def _preposition_starts(tokens: list[Token]) -> list[tuple[int, bool]]:
    starts = [(k + 1, True) for k, tok in enumerate(tokens) if tok.text.lower() in PREPOSITIONS]
    # "the CFO of Redpoint Ventures": a role word, then the company.
    starts += [
        (k + 1, True)
        for k, tok in enumerate(tokens)
        if tok.text.lower() == "of" and k and tokens[k - 1].text.lower() in _ROLES
    ]
    return starts


def _named_before_state(tokens: list[Token]) -> list[tuple[int, bool]]:
    """Capitalised names anywhere that a state word follows ("so the Acme folks finally signed")."""
    starts: list[tuple[int, bool]] = []
    for k, tok in enumerate(tokens):
        if tok.kind != "word" or not tok.text[:1].isupper() or tok.text.lower() in _ASIDES:
            continue  # "Sorry Globex is dead": the name starts after the aside
        before = tokens[k - 1] if k else None
        inside = before is not None and before.kind == "word" and before.text[:1].isupper()
        if inside and before is not None and before.text.lower() not in _ASIDES:
            continue  # inside a name already taken
        name = capture(tokens, k, allow_lower=False)
        if name is None:
            continue
        j = name.next_index
        while j < len(tokens) and tokens[j].text.lower() in _FILLER:
            j += 1
        if j < len(tokens) and tokens[j].text.lower() in _STATE_OR_ARROW:
            starts.append((k, False))
    return starts


def _lower_ok(doc: Doc, start: int) -> bool:
    """After a verb ("emailed globex"), at the start ("call acme 3") or in a counted list
    ("1 call 1 email tailspin toys") a lower-case name is fine; "the meeting ran long" is not."""
    if start == 0 or _VERB_FORM.match(doc.low, start):
        return True
    return bool(_COUNTED.search(doc.count_text, max(0, start - 12), start))


def activity_party(doc: Doc, *, leading_name: bool = False) -> Party:
    """Account/contact of an activity log ("call w/ Jane at Acme", "mtg Initech")."""
    tokens = doc.tokens
    first = _first_word(tokens)
    # After a verb ("emailed globex") or a terse opening noun ("call acme 3") a lower-case
    # name is fine; after a noun mid-sentence ("the meeting ran long") it is not.
    starts = [(index_at(tokens, m.end), _lower_ok(doc, m.start)) for m in doc.mentions]
    starts += _preposition_starts(tokens)
    tail = _TAIL_NAME.search(doc.text)
    if tail:  # "3 calls, 2 emails - all Vega Foods": the account closes the list
        starts.append((index_at(tokens, tail.end()), False))
    if first < len(tokens):
        nxt = capture(tokens, first, allow_lower=leading_name)
        if nxt is not None:
            follow = tokens[nxt.next_index] if nxt.next_index < len(tokens) else None
            mention_next = any(m.start == (follow.start if follow else -1) for m in doc.mentions)
            counted = follow is not None and follow.kind in ("num", "mask")
            # "Crushed 40 dials": a past-tense verb opening the message, not a customer.
            said = name_text(doc.text, nxt)
            verb = " " not in said and said.lower().endswith("ed")
            listed = follow is not None and (
                follow.text in _SEPARATORS or follow.text in "()[]" or (counted and not verb)
            )
            if leading_name or listed or mention_next:
                starts.insert(0, (first, leading_name))
    party = _choose(doc, starts, frozenset())
    # A Slack mention is a person kept verbatim: "call w/ <@U024BE7LH> from Acme".
    mention = _MENTION_CONTACT.search(doc.text)
    if mention and party.account and not party.contact:
        return Party(party.account, mention.group(1))
    return party


def deal_party(doc: Doc, *, exclude: frozenset[str], leading_name: bool = False) -> Party:
    """Account of a deal ("closed Initech", "Hartley & Sons signed", "new opp: Nimbus")."""
    tokens = doc.tokens
    starts: list[tuple[int, bool]] = []
    # "Ben closed Initech for 24k": the name in front did it; the deal is Initech.
    doer = doer_in_front(doc.text)
    if doer:
        exclude = exclude | {doer.lower()}
    first = _first_word(tokens)
    if first < len(tokens):
        name = capture(tokens, first, allow_lower=True)
        if name is not None:
            follow = tokens[name.next_index] if name.next_index < len(tokens) else None
            word = follow.text.lower() if follow else ""
            listed = word in _SEPARATORS or follow is None
            # "Hooli 25k closing in Q1": a capitalised name right before an amount.
            priced = follow is not None and follow.kind == "mask" and name.capitalised
            if leading_name or word in STATE_WORDS or ((listed or priced) and name.capitalised):
                starts.append((first, True))
    starts += _named_before_state(tokens)
    if leading_name:
        # After /deal the text is terse ("new Hooli 50k"): any capitalised name may be it.
        starts += [(k, False) for k, tok in enumerate(tokens) if tok.kind == "word"]
    for m in DEAL_VERBS.finditer(doc.low):
        starts.append((_past_emoji(tokens, index_at(tokens, m.end())), True))
    starts += _preposition_starts(tokens)
    party = _choose(doc, starts, exclude)
    if party.account and party.account.islower() and not _lower_deal_ok(doc, party.account):
        return Party(None, None)  # "we lost power in the office": no customer named
    return Party(party.account, None)


def _lower_deal_ok(doc: Doc, account: str) -> bool:
    """A lower-case deal account needs support: an amount, or it ends the clause."""
    start = doc.low.find(account)
    if any(m.explicit for m in doc.money) or not doc.low[:start].strip(" :-,"):
        return True  # an amount, or the name opens the message ("contoso redlines back")
    end = start + len(account)
    rest = doc.count_text[end:].split()  # dates and amounts are blanked here
    return not rest or rest[0] in _LOWER_DEAL_NEXT or not rest[0][:1].isalnum()
