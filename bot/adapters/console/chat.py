"""The console chat loop: interactive on a terminal, one reply per line when piped."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot import charts
from bot.adapters.console.render import render
from bot.services import Services
from core.messages import Action, Attachment, Chart, Inbound, Reply, Upload
from handlers.import_file import MAX_BYTES

PROMPT = "you> "
# The console's way to send a file with a message (Slack and Teams attach one).
ATTACH = "/attach "


def _slug(name: str) -> str:
    return "-".join(name.strip().lower().split()) or "me"


class ConsoleSession:
    """One person chatting in one console workspace; numbers pick the last reply's buttons."""

    def __init__(
        self,
        services: Services,
        user: str,
        workspace: str,
        display: str | None = None,
        charts: Path | None = None,
    ):
        self.services = services
        self.user = _slug(user)
        self.display = display or user
        self.workspace = workspace
        self.last: Reply | None = None
        # `quotabot chat --charts DIR`: each reply's chart is written there as a PNG.
        self.charts = charts

    def inbound(self, line: str) -> Inbound:
        base = {
            "platform": "console",
            "workspace": self.workspace,
            "user": self.user,
            "user_name": self.display,
            "timestamp": datetime.now(UTC),
        }
        choice = line.strip()
        if (
            self.last
            and self.last.buttons
            and choice.isdigit()
            and 1 <= int(choice) <= len(self.last.buttons)
        ):
            button = self.last.buttons[int(choice) - 1]
            return Inbound(**base, action=Action(button.action_id, button.value))  # type: ignore[arg-type]
        upload = None
        if choice.lower().startswith(ATTACH):
            # "/attach people.csv import people": the file goes with the rest of the line.
            path, _, choice = choice[len(ATTACH) :].strip().partition(" ")
            upload, line = attached(Path(path).expanduser()), choice
        if choice.startswith("/"):
            command, _, rest = choice.partition(" ")
            return Inbound(**base, text=rest, command=command.lower(), upload=upload)  # type: ignore[arg-type]
        return Inbound(**base, text=line, upload=upload)  # type: ignore[arg-type]

    async def say(self, line: str) -> str:
        self.last = await self.services.router.handle(self.inbound(line))
        shown = render(self.last)
        if self.last.attachment is not None:
            shown += f"\n  Saved to {save(self.last.attachment, Path.cwd())}"
        if self.charts is not None and self.last.chart is not None:
            shown += f"\n  Chart: {save_chart(self.last.chart, self.charts)}"
        return shown


def attached(path: Path) -> Upload:
    """A local file sent with a console message, as a platform would hand it over."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Upload(path.name, size=size, problem="too_big")
        return Upload(path.name, size=size, data=path.read_bytes())
    except OSError:
        return Upload(path.name, problem="unreachable")


def save(attachment: Attachment, folder: Path) -> Path:
    """Write a reply's file where the person runs the console, readable by them alone."""
    stem, dot, suffix = attachment.name.rpartition(".")
    path, n = folder / attachment.name, 1
    while path.exists():  # an earlier export of the same day stays as it was
        n += 1
        path = folder / f"{stem}-{n}{dot}{suffix}"
    path.touch(mode=0o600)
    path.write_text(attachment.text, encoding="utf-8")
    return path


def save_chart(chart: Chart, folder: Path) -> Path:
    """The chart as a PNG, named after its kind; earlier ones in the folder are kept."""
    folder.mkdir(parents=True, exist_ok=True)
    path, n = folder / f"{chart.kind}.png", 1
    while path.exists():
        n += 1
        path = folder / f"{chart.kind}-{n}.png"
    path.write_bytes(charts.render(chart))
    return path


async def run(session: ConsoleSession, stdin: TextIO, stdout: TextIO, interactive: bool) -> None:
    if interactive:
        stdout.write(
            f"QuotaBot — chatting as {session.display}. Type `help`, or `exit` to leave.\n"
        )
    while True:
        if interactive:
            stdout.write(PROMPT)
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        text = line.rstrip("\n")
        if interactive and text.strip().lower() in ("exit", "quit", ":q"):
            break
        if not text.strip() and interactive:
            continue
        reply = await session.say(text)
        stdout.write(("bot> " if interactive else "") + reply + "\n")
        if not interactive:
            stdout.write("\n")
        stdout.flush()


def is_terminal(stream: TextIO = sys.stdin) -> bool:
    return stream.isatty()
