"""Account matching as a property: a clear variant of one account finds it (no duplicate is
created), and a name equally close to two accounts picks neither (issue 11)."""

from __future__ import annotations

import string

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from storage.accounts import match, match_key

SUFFIXES = ("Inc", "Inc.", "LLC", "GmbH", "& Co", "Corp", "Corp.", "Ltd", "and Co")
word = st.text(alphabet=string.ascii_lowercase, min_size=6, max_size=10)
company = st.builds(
    lambda first, second: f"{first.capitalize()} {second.capitalize()}".strip(),
    word,
    st.one_of(st.just(""), word),
)


def distinct(names: list[str]) -> bool:
    """Accounts no reading could confuse: no shared first three letters, far apart."""
    keys = [match_key(n) for n in names]
    return all(
        a[:3] != b[:3] and fuzz.ratio(a, b) < 50 and all(w not in b.split() for w in a.split())
        for i, a in enumerate(keys)
        for b in keys[i + 1 :]
    )


@st.composite
def variant(draw: st.DrawFn, name: str) -> str:
    """How a rep writes `name`: another case, a legal suffix, a typo, or a prefix."""
    first = name.split()[0]
    kind = draw(st.sampled_from(["case", "suffix", "typo", "prefix", "word"]))
    if kind == "case":
        return draw(st.sampled_from([name.lower(), name.upper(), f"  {name}  "]))
    if kind == "suffix":
        return f"{name} {draw(st.sampled_from(SUFFIXES))}"
    if kind == "prefix":
        return first[: draw(st.integers(min_value=4, max_value=len(first)))]
    if kind == "word":
        return first
    at = draw(st.integers(min_value=1, max_value=len(first) - 2))
    slip = draw(st.sampled_from(["swap", "drop", "double", "replace"]))
    letters = list(name)
    if slip == "swap":
        letters[at], letters[at + 1] = letters[at + 1], letters[at]
    elif slip == "drop":
        del letters[at]
    elif slip == "double":
        letters.insert(at, letters[at])
    else:
        letters[at] = "x" if letters[at] != "x" else "y"
    return "".join(letters)


@settings(max_examples=300, deadline=None)
@given(st.lists(company, min_size=2, max_size=6, unique_by=match_key), st.data())
def test_a_clear_variant_finds_its_account(names: list[str], data: st.DataObject) -> None:
    assume(distinct(names))
    stored = [f"{n} {s}" for n, s in zip(names, data.draw(st.lists(
        st.sampled_from(("", "Inc", "GmbH", "& Co")), min_size=len(names), max_size=len(names)
    )), strict=True)]  # fmt: skip
    stored = [s.strip() for s in stored]
    target = data.draw(st.integers(min_value=0, max_value=len(names) - 1))
    written = data.draw(variant(names[target]))

    found = match(written, stored)

    assert found.candidates, f"{written!r} would create a duplicate of {stored[target]!r}"
    assert found.clear == target, (written, [stored[i] for i in found.candidates])


@settings(max_examples=200, deadline=None)
@given(company, st.sampled_from(SUFFIXES), st.sampled_from(SUFFIXES), st.data())
def test_two_equally_close_accounts_are_never_picked(
    name: str, one: str, other: str, data: st.DataObject
) -> None:
    stored = [f"{name} {one}", f"{name} {other}"]
    assume(stored[0].casefold() != stored[1].casefold())
    written = data.draw(st.sampled_from([name, name.lower(), name.split()[0][:5]]))

    found = match(written, stored)

    assert found.clear is None
    assert sorted(found.candidates) == [0, 1]


@settings(max_examples=200, deadline=None)
@given(word, st.sampled_from(string.ascii_lowercase), st.sampled_from(string.ascii_lowercase))
def test_a_typo_as_close_to_two_accounts_picks_neither(stem: str, one: str, other: str) -> None:
    assume(one != other)
    stored = [f"{stem}{one}".capitalize(), f"{stem}{other}".capitalize()]
    written = stem + next(c for c in "zqxj" if c not in (one, other))

    found = match(written, stored)

    assert found.clear is None


def test_legal_forms_and_punctuation_fold_away() -> None:
    assert match_key("Sable & Co") == match_key("sable and co.") == "sable"
    assert match_key("Zoë GmbH & Co. KG") == "zoe"
    assert match_key("The Stark") == "stark"
    assert match_key("Co") == "co"  # a name that is only a legal form stays itself
