"""Render a Reply as plain text for a terminal: facts, aligned tables, bars, numbered buttons."""

from __future__ import annotations

from core.messages import Bar, Reply, Table
from core.money import fmt_count

BAR_WIDTH = 20


def table_text(table: Table) -> list[str]:
    cells = [table.columns, *table.rows]
    widths = [max(len(row[i]) for row in cells if i < len(row)) for i in range(len(table.columns))]

    def line(row: tuple[str, ...]) -> str:
        out = []
        for i, cell in enumerate(row):
            out.append(cell.rjust(widths[i]) if i in table.numeric else cell.ljust(widths[i]))
        return "  " + "  ".join(out).rstrip()

    return [line(table.columns), "  " + "  ".join("-" * w for w in widths), *map(line, table.rows)]


def bar_text(bar: Bar) -> str:
    # Bar values may be money in minor units: only the handler's `shown` says them right.
    if not bar.target:
        return f"  {bar.label:<10} {bar.shown or fmt_count(bar.value)}"
    ratio = max(0.0, bar.value / bar.target)
    filled = min(BAR_WIDTH, round(ratio * BAR_WIDTH))
    meter = f"  {bar.label:<10} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {ratio:.0%}"
    return f"{meter}  {bar.shown}" if bar.shown else meter


def render(reply: Reply) -> str:
    lines: list[str] = []
    if reply.title:
        lines.append(f"== {reply.title} ==")
    lines.append(reply.text)
    for fact in reply.facts:
        lines.append(f"  {fact.label}: {fact.value}")
    if reply.table is not None:
        lines.extend(table_text(reply.table))
    for bar in reply.bars:
        lines.append(bar_text(bar))
    if reply.form is not None:
        for field in reply.form.fields:
            hint = f" ({'/'.join(field.choices)})" if field.choices else ""
            lines.append(f"  - {field.label}{hint}{' *' if field.required else ''}")
        lines.append("  Or just type it, e.g. `3 calls with Acme yesterday`.")
    for name, problem in reply.errors:
        lines.append(f"  ! {name}: {problem}")
    for note in reply.notes:
        lines.append(f"  {note}")
    if reply.buttons:
        lines.append("  " + "   ".join(f"[{i}] {b.label}" for i, b in enumerate(reply.buttons, 1)))
    return "\n".join(lines)
