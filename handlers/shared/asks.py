"""Questions a handler asks before it writes: which one (buttons), or "really?" (yes/no).

A handler raises `Choose` or `Doubt`; the router rolls back the message's transaction (so
nothing the handler did stays) and answers with the question in one of its own. A choice
is a `choose` button carrying the request again with the chosen slots; a doubt is kept as
the person's pending request, so Yes (or a typed "yes") runs it again, marked `confirmed`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from handlers.shared.errors import UserError
from nlp.intent import Intent

# The slot a confirmed request carries: its doubts were answered with yes.
CONFIRMED = "confirmed"
MAX_OPTIONS = 5


@dataclass(frozen=True)
class Option:
    """One button: what the person reads, and the slots it sets on the request."""

    label: str
    slots: Mapping[str, object] = field(default_factory=dict)


class Question(UserError):
    """A handler's question; the router fills in `intent` (the request being asked about)."""

    intent: Intent | None = None


class Choose(Question):
    """Several things fit what the person wrote: they pick one."""

    def __init__(self, message: str, options: list[Option]) -> None:
        super().__init__(message)
        self.options = options[:MAX_OPTIONS]


class Doubt(Question):
    """Values far from this person's usual: saved only after a yes."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("Just checking before I save it: " + " ".join(reasons))
        self.reasons = reasons


def confirmed(intent: Intent) -> bool:
    return intent.slots.get(CONFIRMED) is True
