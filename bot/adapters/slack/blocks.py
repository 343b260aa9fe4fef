"""Reply -> Block Kit: header, text, fact fields, a monospace table, text bars, buttons, notes."""

from __future__ import annotations

import re
from typing import Any

from bot.charts.links import link
from core.messages import Attachment, Bar, Button, Chart, Reply, Table
from core.money import fmt_count

Block = dict[str, Any]

# Block Kit limits (api.slack.com/reference/block-kit/blocks): exceeding one rejects the message.
HEADER_MAX = 150
SECTION_MAX = 3000
FIELDS_PER_SECTION = 10
FIELD_MAX = 2000
BUTTON_TEXT_MAX = 75
BUTTON_VALUE_MAX = 2000
ACTIONS_MAX = 25
CONTEXT_ELEMENTS_MAX = 10
MESSAGE_BLOCKS_MAX = 50
BAR_WIDTH = 10
IMAGE_ALT_MAX = 2000

# Our own markup in reply text: `code` spans and **bold**; everything else is literal.
_OURS = re.compile(r"(`[^`\n]+`|\*\*[^*\n]+?\*\*)")
# Slack mrkdwn has no escape for *, _ and ~; where one could open or close a style (next to a
# space or a mark rather than inside a word) it becomes a look-alike that never formats.
_LOOKALIKE = {"*": "\u2217", "_": "\u02cd", "~": "\u223c", "`": "\u02cb"}
_STYLE = re.compile(r"[*_~`]")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mrkdwn(text: str) -> str:
    """Reply text as Slack mrkdwn: `code` and **bold** (as *bold*) are ours; the rest is shown
    as written. &, < and > are escaped, so text can never be a mention, a <!channel> or a
    <http://link|label>; a *, _, ~ or ` that could start or end a style is made inert."""
    out = []
    for i, part in enumerate(_OURS.split(text)):
        if i % 2 == 0:
            out.append(literal(part))
        elif part.startswith("`"):
            out.append(_escape(part))  # Slack shows code literally; &, <, > still escaped
        else:
            out.append(f"*{literal(part[2:-2])}*")
    return "".join(out)


def literal(text: str) -> str:
    """User-controlled text (names, accounts, notes) exactly as written, nothing formatted."""
    escaped = _escape(text)
    return _STYLE.sub(lambda m: _inert(m, escaped), escaped)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inert(match: re.Match[str], escaped: str) -> str:
    # A mark between two letters or digits (dana_smith, 3*4) formats nothing: keep it.
    at = match.start()
    before = escaped[at - 1] if at > 0 else " "
    after = escaped[at + 1] if at + 1 < len(escaped) else " "
    if before.isalnum() and after.isalnum():
        return match.group()
    return _LOOKALIKE[match.group()]


def _text(text: str) -> Block:
    # verbatim: Slack does not turn channel names or bare URLs in it into links either.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _section(text: str) -> Block:
    return {"type": "section", "text": _text(_clip(text, SECTION_MAX))}


def bar_line(bar: Bar) -> str:
    # Bar values may be money in minor units: only the handler's `shown` says them right.
    if bar.target:
        ratio = bar.value / bar.target
        filled = max(0, min(BAR_WIDTH, round(ratio * BAR_WIDTH)))
        meter = "█" * filled + "░" * (BAR_WIDTH - filled)
        figures = bar.shown or f"{fmt_count(bar.value)} / {fmt_count(bar.target)}"
        return f"`{meter}` {ratio:.0%}  *{literal(bar.label)}* {literal(figures)}"
    return f"*{literal(bar.label)}* {literal(bar.shown or fmt_count(bar.value))}"


def table_text(table: Table) -> str:
    """A monospace table in a code block (Slack has no table block in messages)."""
    rows = [table.columns, *table.rows]
    widths = [
        max(len(row[i]) if i < len(row) else 0 for row in rows) for i in range(len(table.columns))
    ]

    def line(row: tuple[str, ...]) -> str:
        cells = []
        for i, width in enumerate(widths):
            cell = row[i] if i < len(row) else ""
            cells.append(cell.rjust(width) if i in table.numeric else cell.ljust(width))
        return "  ".join(cells).rstrip()

    lines = [line(table.columns), "  ".join("-" * w for w in widths)]
    budget = SECTION_MAX - 8
    for shown, row in enumerate(table.rows):
        candidate = line(row)
        if sum(len(x) + 1 for x in lines) + len(candidate) > budget - 20:
            lines.append(f"… {len(table.rows) - shown} more")
            break
        lines.append(candidate)
    # Inside ``` Slack shows text literally, but &, <, > still need escaping, and a cell's own
    # backticks must not close the block.
    body = _escape("\n".join(lines)).replace("`", _LOOKALIKE["`"])
    return f"```\n{body}\n```"


def attachment_blocks(attachment: Attachment, room: int) -> list[Block]:
    """A file shown inline (`/quotabot my data`), in code blocks that each fit a section;
    a direct attachment (an export) is uploaded to the DM instead (uploads.py)."""
    budget = SECTION_MAX - 8
    text = attachment.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    pieces: list[str] = []
    piece = ""
    for line in text.splitlines():
        while len(line) > budget:  # a line longer than a section: cut it, still in order
            pieces.append(line[:budget])
            line = line[budget:]
        if piece and len(piece) + 1 + len(line) > budget:
            pieces.append(piece)
            piece = ""
        piece = f"{piece}\n{line}" if piece else line
    if piece:
        pieces.append(piece)
    shown = pieces[: max(room, 1)]
    blocks = [_section(f"```\n{p}\n```") for p in shown]
    if len(shown) < len(pieces):
        rest = sum(len(p) for p in pieces[len(shown) :])
        blocks.append(_section(f"_({attachment.name}: {rest:,} more characters not shown)_"))
    return blocks


def chart_block(chart: Chart | None) -> Block | None:
    """An image block served by QuotaBot (bot/chart_route.py), when it serves charts."""
    url = link(chart)
    if chart is None or url is None:
        return None
    return {
        "type": "image",
        "image_url": url,
        # Plain text, no markup, read by screen readers and shown when images are off.
        "alt_text": _clip(chart.alt or chart.title, IMAGE_ALT_MAX),
    }


def buttons_block(buttons: tuple[Button, ...]) -> Block:
    elements: list[Block] = []
    seen: dict[str, int] = {}
    for button in buttons[:ACTIONS_MAX]:
        # action_id must be unique within a block; "#n" is removed again on the way in.
        count = seen.get(button.action_id, 0)
        seen[button.action_id] = count + 1
        element: Block = {
            "type": "button",
            "text": {"type": "plain_text", "text": _clip(button.label, BUTTON_TEXT_MAX)},
            "action_id": button.action_id if count == 0 else f"{button.action_id}#{count}",
        }
        if button.value:
            element["value"] = button.value[:BUTTON_VALUE_MAX]
        if button.style != "default":
            element["style"] = button.style
        elements.append(element)
    return {"type": "actions", "elements": elements}


def render(reply: Reply, *, with_buttons: bool = True) -> list[Block]:
    blocks: list[Block] = []
    if reply.title:
        blocks.append(
            {
                "type": "header",
                "text": {"type": "plain_text", "text": _clip(reply.title, HEADER_MAX)},
            }
        )
    if reply.text:
        text = mrkdwn(reply.text)
        blocks.extend(_section(text[i : i + SECTION_MAX]) for i in range(0, len(text), SECTION_MAX))
    for i in range(0, len(reply.facts), FIELDS_PER_SECTION):
        chunk = reply.facts[i : i + FIELDS_PER_SECTION]
        fields = [
            _text(_clip(f"*{literal(f.label)}*\n{literal(f.value)}", FIELD_MAX)) for f in chunk
        ]
        blocks.append({"type": "section", "fields": fields})
    image = chart_block(reply.chart)
    if image is not None:
        blocks.append(image)
    elif reply.bars:
        # The picture shows the bars (and its alt text says their figures); without one,
        # the text bars stand in.
        blocks.append(_section("\n".join(bar_line(bar) for bar in reply.bars)))
    if reply.table is not None and reply.table.columns:
        blocks.append(_section(table_text(reply.table)))
    if reply.attachment is not None and not reply.attachment.direct:
        blocks.extend(attachment_blocks(reply.attachment, MESSAGE_BLOCKS_MAX - len(blocks) - 3))
    if reply.buttons and with_buttons:
        blocks.append(buttons_block(reply.buttons))
    if reply.notes:
        elements = [_text(_clip(mrkdwn(n), SECTION_MAX)) for n in reply.notes]
        blocks.append({"type": "context", "elements": elements[:CONTEXT_ELEMENTS_MAX]})
    return _fit(blocks, MESSAGE_BLOCKS_MAX)


def _fit(blocks: list[Block], limit: int) -> list[Block]:
    if len(blocks) <= limit:
        return blocks
    return [*blocks[: limit - 1], _section("_(shortened: Slack shows at most 50 blocks)_")]


def fallback_text(reply: Reply) -> str:
    """The notification / screen-reader text Slack asks for alongside blocks."""
    first = reply.title or reply.text or "QuotaBot"
    # Slack parses this text too (a notification, a screen reader): escaped like the blocks.
    return _clip(mrkdwn(first), SECTION_MAX)
