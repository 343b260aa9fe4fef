"""Platform-neutral message types shared by adapters, router, handlers and scheduler."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Platform = Literal["slack", "teams", "console"]
Role = Literal["rep", "manager", "admin"]
ButtonStyle = Literal["primary", "danger", "default"]


@dataclass(frozen=True)
class Action:
    """A button press or form submission: which action, with what value."""

    action_id: str
    value: str = ""
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Inbound:
    """One message, slash command or button press, as any platform delivers it."""

    platform: Platform
    workspace: str
    user: str
    text: str = ""
    channel: str = ""
    command: str | None = None
    timestamp: datetime | None = None
    user_name: str | None = None
    user_tz: str | None = None
    user_email: str | None = None
    workspace_name: str | None = None
    thread: str | None = None
    direct: bool = True
    event_id: str | None = None
    action: Action | None = None
    # The platform's word that this person runs the workspace (Slack owner or admin, the
    # app's installer); None when it was not asked. It only ever promotes (bot/bootstrap.py).
    user_is_admin: bool | None = None
    # The id other people's mentions of this person carry when it is not `user` (Teams).
    user_mention_id: str | None = None
    # A file sent with the message (a CSV to import); its bytes are fetched by the adapter.
    upload: Upload | None = None


@dataclass(frozen=True)
class Upload:
    """A file someone sent the bot: what the platform says of it and, once the adapter has
    fetched it (never in the inbox row), its bytes or why it could not."""

    name: str
    # The platform's handle to fetch it by: a Slack file id, a Teams download URL.
    ref: str = ""
    size: int | None = None
    data: bytes | None = field(default=None, repr=False)
    # Why there are no bytes: "too_big" (over the cap) or "unreachable".
    problem: str = ""


@dataclass(frozen=True)
class Actor:
    """Who is asking, resolved from the database: every query is scoped by `workspace_id`."""

    workspace_id: int
    user_id: int
    name: str
    role: Role
    team_id: int | None
    tz: str
    currency: str = "USD"
    external_id: str = ""
    # The workspace's reading of numeric dates: "mdy" (11/27) or "dmy" (27/11).
    date_order: str = "mdy"

    @property
    def is_manager(self) -> bool:
        return self.role in ("manager", "admin")


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Columns rendered right-aligned (numbers), by index.
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Button:
    label: str
    action_id: str
    value: str = ""
    style: ButtonStyle = "default"


@dataclass(frozen=True)
class Bar:
    """One bar of a horizontal bar chart (progress toward a target)."""

    label: str
    value: float
    target: float | None = None
    # The figures as people read them ("$24,000 of $45,000"), formatted by the handler with
    # core.money; renderers show this instead of the raw value (money is in minor units).
    shown: str = ""


@dataclass(frozen=True)
class Field:
    """One input of a form (a Slack modal or an Adaptive Card)."""

    name: str
    label: str
    kind: Literal["text", "number", "date", "choice"] = "text"
    choices: tuple[str, ...] = ()
    required: bool = False
    value: str = ""


@dataclass(frozen=True)
class Form:
    form_id: str
    title: str
    fields: tuple[Field, ...]
    submit_label: str = "Save"


@dataclass(frozen=True)
class Attachment:
    """A file that goes with a reply (a data export): uploaded, or shown as a code block."""

    name: str
    text: str
    media_type: str = "application/json"
    # Sent as a file in the asker's direct messages (a CSV export), never shown inline.
    direct: bool = False


@dataclass(frozen=True)
class Reply:
    """What a handler answers; each adapter renders it natively (Block Kit, card, text)."""

    text: str
    title: str | None = None
    facts: tuple[Fact, ...] = ()
    table: Table | None = None
    bars: tuple[Bar, ...] = ()
    buttons: tuple[Button, ...] = ()
    form: Form | None = None
    notes: tuple[str, ...] = ()
    # Personal numbers are shown only to the asker unless they ask to share.
    private: bool = True
    ok: bool = True
    # Form field name -> problem, for inline errors (Slack modal, Adaptive Card).
    errors: tuple[tuple[str, str], ...] = ()
    attachment: Attachment | None = None
    chart: Chart | None = None


ChartKind = Literal["progress", "stages", "forecast", "attainment", "ranking", "history"]
# What a chart's values are: money in minor units of `Chart.currency`, counts, or shares
# of a target (1.0 = 100%).
ChartUnit = Literal["money", "count", "share"]


@dataclass(frozen=True)
class Series:
    """One named row of values, one per label of its chart."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    """A picture of a reply's figures, data only: bot/charts draws it per `kind`."""

    kind: ChartKind
    title: str
    # Said to screen readers and shown where images are off: every chart carries one.
    alt: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    unit: ChartUnit = "count"
    currency: str = ""
    # Where the pace line is now, in the chart's unit: one value for every label, or one each.
    pace: tuple[float, ...] = ()
    # A level drawn across the chart (the quota), in the chart's unit.
    target: float | None = None
    # Labels to mark (stale pipeline stages, reps behind pace), by index.
    marked: frozenset[int] = frozenset()
    # The figures as people read them, written beside each bar: one per label (one per
    # series, at its line's end, for "progress").
    figures: tuple[str, ...] = ()
