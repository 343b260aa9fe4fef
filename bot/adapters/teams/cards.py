"""Render a neutral Reply as an Adaptive Card (Teams SDK card models)."""

from __future__ import annotations

import re
from typing import Any

from microsoft_teams.cards import (
    Action,
    ActionStyle,
    AdaptiveCard,
    CardElement,
    Column,
    ColumnDefinition,
    ColumnSet,
    Container,
    ExecuteAction,
    Fact,
    FactSet,
    Image,
    RichTextBlock,
    Table,
    TableCell,
    TableRow,
    TeamsCardProperties,
    TextBlock,
    TextRun,
)

from bot.adapters.teams.forms import form_elements, submit_action
from bot.charts.links import link
from core.messages import Attachment, Bar, Button, Reply
from core.messages import Table as ReplyTable
from core.money import fmt_count

# Teams renders Adaptive Cards up to schema 1.5 on desktop, web and mobile; Table needs 1.5,
# Action.Execute needs 1.4.
CARD_VERSION = "1.5"
# A Teams message (card included) must stay under ~28 KB; we cap what one card can carry.
MAX_TABLE_ROWS = 50
MAX_FACTS = 20
MAX_ACTIONS = 6  # Teams shows at most six top-level card actions.
MAX_FILE_TEXT = 20_000  # characters of an attached file shown in the card, of the ~28 KB

# Our own markup in reply text is **bold**; everything else is shown as written. Teams
# markdown has links ([label](url)) and * / _ styles: a [ or ] becomes a look-alike bracket,
# and a * or _ that could open or close a style (not inside a word) a look-alike mark.
_BOLD = re.compile(r"(\*\*[^*\n]+?\*\*)")
_MARK = re.compile(r"[*_\[\]]")
_LOOKALIKE = {"*": "\u2217", "_": "\u02cd", "[": "\uff3b", "]": "\uff3d"}


def markdown(text: str) -> str:
    """Reply text for a TextBlock or a markdown message: only our **bold** formats."""
    parts = _BOLD.split(text)
    return "".join(
        literal(part) if i % 2 == 0 else f"**{literal(part[2:-2])}**"
        for i, part in enumerate(parts)
    )


def literal(text: str) -> str:
    """User-controlled text (names, accounts, notes) exactly as written: no link, no style."""

    def inert(match: re.Match[str]) -> str:
        mark, at = match.group(), match.start()
        before = text[at - 1] if at > 0 else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if mark in "*_" and before.isalnum() and after.isalnum():
            return mark  # dana_smith, 3*4: inside a word nothing formats
        return _LOOKALIKE[mark]

    return _MARK.sub(inert, text)


_STYLES: dict[str, ActionStyle] = {
    "primary": "positive",
    "danger": "destructive",
    "default": "default",
}


def render_card(reply: Reply) -> AdaptiveCard:
    """The whole Reply as one card: title, text, facts, table, bars, form, notes, buttons."""
    body: list[CardElement] = []
    if reply.title:
        body.append(TextBlock(text=literal(reply.title), size="Medium", weight="Bolder", wrap=True))
    if reply.text:
        color = "Attention" if not reply.ok and not reply.form else None
        body.append(TextBlock(text=markdown(reply.text), wrap=True, color=color))
    if reply.facts:
        facts = [
            Fact(title=literal(f.label), value=literal(f.value)) for f in reply.facts[:MAX_FACTS]
        ]
        body.append(FactSet(facts=facts))
    if reply.table is not None:
        body.append(render_table(reply.table))
    url = link(reply.chart)
    if reply.chart is not None and url is not None:
        # Linked, never inline: a data URI of a 30 KB PNG would break Teams' ~28 KB message.
        body.append(Image(url=url, alt_text=reply.chart.alt or reply.chart.title, size="Stretch"))
    else:
        body.extend(bar for item in reply.bars for bar in render_bar(item))
    if reply.attachment is not None and not reply.attachment.direct:
        # A direct one (an export) follows as a file, through a FileConsentCard (files.py).
        body.extend(render_attachment(reply.attachment))
    actions: list[Action] = []
    if reply.form is not None:
        body.extend(form_elements(reply.form, dict(reply.errors)))
        actions.append(submit_action(reply.form))
    body.extend(
        TextBlock(text=markdown(note), wrap=True, is_subtle=True, size="Small", spacing="Small")
        for note in reply.notes
    )
    actions.extend(render_button(b) for b in reply.buttons)
    card = AdaptiveCard(
        version=CARD_VERSION,
        body=body,
        actions=actions[:MAX_ACTIONS] or None,
        fallback_text=markdown(reply.text or reply.title or ""),
    )
    if reply.table is not None or reply.bars or url is not None:
        # Tables and bars need the full message width to stay legible.
        card.msteams = TeamsCardProperties(width="full")
    return card


def card_json(reply: Reply) -> dict[str, Any]:
    """The card as the JSON Teams expects (camelCase, no nulls)."""
    data: dict[str, Any] = render_card(reply).model_dump(by_alias=True, exclude_none=True)
    data["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json"
    return data


def render_button(button: Button) -> ExecuteAction:
    """A button is an Action.Execute: Teams sends an invoke we answer with the updated card."""
    return ExecuteAction(
        title=button.label,
        verb=button.action_id,
        data={"action_id": button.action_id, "value": button.value},
        style=_STYLES.get(button.style, "default"),
    )


def render_attachment(attachment: Attachment) -> list[CardElement]:
    """A file shown in the card as plain monospace text (a text run reads no markdown, so
    the JSON's underscores and asterisks stay as they are)."""
    text = attachment.text[:MAX_FILE_TEXT]
    cut = len(attachment.text) - len(text)
    run = TextRun(text=text, font_type="Monospace", size="Small")
    shown: list[CardElement] = [
        TextBlock(text=attachment.name, weight="Bolder", wrap=True),
        RichTextBlock(inlines=[run]),
    ]
    if cut:
        note = f"({cut:,} more characters not shown)"
        shown.append(TextBlock(text=note, is_subtle=True, size="Small", wrap=True))
    return shown


def render_table(table: ReplyTable) -> Table:
    def cell(text: str, index: int, header: bool) -> TableCell:
        block = TextBlock(text=literal(text), wrap=True, weight="Bolder" if header else None)
        if index in table.numeric:
            block.horizontal_alignment = "Right"
        return TableCell(items=[block])

    header = TableRow(cells=[cell(c, i, True) for i, c in enumerate(table.columns)])
    rows = [
        TableRow(cells=[cell(value, i, False) for i, value in enumerate(row)])
        for row in table.rows[:MAX_TABLE_ROWS]
    ]
    return Table(
        columns=[ColumnDefinition(width=1) for _ in table.columns],
        rows=[header, *rows],
        first_row_as_headers=True,
        show_grid_lines=False,
    )


def render_bar(bar: Bar) -> list[CardElement]:
    """A label line and a two-column progress bar (works on every Teams client)."""
    # Bar values may be money in minor units: only the handler's `shown` says them right.
    if bar.target:
        share = max(0.0, min(bar.value / bar.target, 1.0))
        figures = bar.shown or f"{fmt_count(bar.value)} of {fmt_count(bar.target)}"
        label = f"{literal(bar.label)}: {literal(figures)} ({share:.0%})"
    else:
        share = 1.0 if bar.value else 0.0
        label = f"{literal(bar.label)}: {literal(bar.shown or fmt_count(bar.value))}"
    filled = round(share * 100)
    columns: list[Column] = []
    if filled:
        columns.append(_segment(filled, "good" if filled >= 100 else "accent"))
    if filled < 100:
        columns.append(_segment(100 - filled, "emphasis"))
    return [
        TextBlock(text=label, wrap=True, spacing="Small"),
        ColumnSet(columns=columns, spacing="ExtraSmall"),
    ]


def _segment(weight: int, style: Any) -> Column:
    return Column(
        width=float(weight),
        style=style,
        min_height="8px",
        items=[Container(items=[], min_height="8px")],
    )
