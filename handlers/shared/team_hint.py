"""A manager asking about their own empty numbers is pointed at their team's."""

from __future__ import annotations

from handlers.shared.context import Context


def team_hint(ctx: Context, command: str) -> str | None:
    """ "Your team's: `/pipeline team`." for a manager (or admin) with a team asking about
    themselves, whose own numbers are usually empty; None for anyone else."""
    if ctx.subject.kind != "self" or ctx.actor.role == "rep" or ctx.actor.team_id is None:
        return None
    return f"Your team's: `{command}`."
