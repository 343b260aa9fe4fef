"""Export then import into an empty workspace gives the same answers (issue 14), and the
`quotabot import`/`export` commands say what they did or which line is wrong."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot import cli
from bot.services import Services
from storage.models import Workspace
from storage.transfer.export import export
from storage.transfer.run import Defaults, import_file
from tests.support.dialog import Chat
from tests.support.world import make_world, set_quota

NOV, Q4 = date(2026, 11, 1), date(2026, 10, 1)
ASKED = [
    ("rita", "/quota"),
    ("mia", "/team"),
    ("ada", "/team"),
    ("rita", "/pipeline"),
    ("mia", "/forecast"),
    ("rita", "/leaderboard"),
    ("rita", "/leaderboard activities this quarter"),
    ("rita", "/leaderboard revenue this year"),
    ("rita", "leaderboard calls for my team this month"),
]
# A copied person is known by their email, or by their full name when they have none.
LOGINS = {
    "rita": "import:rita rep",
    "mia": "import:mia manager",
    "ada": "import:ada admin",
}


async def _floor(services: Services) -> None:
    world = await make_world(services)
    await set_quota(services, world, "rita", "revenue", "quarter", Q4, 6_000_000)
    await set_quota(services, world, "rita", "calls", "month", NOV, 100)
    await set_quota(services, world, "ron", "activities", "month", NOV, 80)
    chat = Chat(services)
    for login, text in (
        ("rita", "12 calls and 2 demos with Acme"),
        ("rita", "5 emails yesterday"),
        ("ron", "7 calls with Globex on Monday"),
        ("wes", "3 meetings with Initech"),
        ("rita", "closed Initech for $24k"),
        ("ron", "new deal with Zenith Labs for $20k"),
        ("wes", "lost Hooli, price"),
        ("ron", "2 calls"),
        ("ron", "undo"),
    ):
        await chat.say(login, text)


def _plain(text: str) -> str:
    # The workspace's own name is not part of the numbers.
    return re.sub(r"Acme Sales|copy", "WS", text)


async def test_export_then_import_gives_the_same_answers(
    services: Services, tmp_path: Path
) -> None:
    await _floor(services)
    original, copy = Chat(services), Chat(services, workspace="copy")
    before = [_plain(await original.text(login, text)) for login, text in ASKED]
    async with services.sessions() as session:
        ws = await session.scalar(select(Workspace).where(Workspace.external_id == "acme"))
        assert ws is not None
        for kind in ("people", "activities", "deals", "quotas"):
            with (tmp_path / f"{kind}.csv").open("w", encoding="utf-8") as out:
                await export(session, ws, kind, out)
    for kind in ("people", "activities", "deals", "quotas"):
        await import_file(
            services.sessions,
            kind,
            tmp_path / f"{kind}.csv",
            "copy",
            now=services.clock(),
            defaults=Defaults("USD", "UTC"),
        )
    after = [_plain(await copy.text(LOGINS[login], text)) for login, text in ASKED]
    for asked, was, now in zip(ASKED, before, after, strict=True):
        assert now == was, asked
    assert "12" in before[1]  # the floor is not empty: the answers say something


@pytest.fixture
def cli_env(db_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("QUOTABOT_DATABASE_URL", db_url)
    cli._register_sub_commands()
    return CliRunner()


def test_the_commands_import_export_and_name_the_bad_line(
    cli_env: CliRunner, tmp_path: Path
) -> None:
    # A plain test: the commands run their own event loop.
    people = tmp_path / "people.csv"
    people.write_text("name,email,team\nRita Rep,rita@acme.test,East\n", encoding="utf-8")
    acts = tmp_path / "acts.csv"
    acts.write_text("date;person;kind;count;account\n2026-11-02;Rita Rep;call;3;Acme\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("date,person,kind,count,account\n2026-11-02,Rita Rep,call,3,Acme\nx,y,z,1,\n")
    run = cli_env.invoke
    result = run(cli.app, ["import", "people", str(people), "--workspace", "acme"])
    assert result.output == "Imported 1 person into acme (1 new person, 1 new team).\n"
    result = run(cli.app, ["import", "activities", str(acts), "--workspace", "acme", "--dry-run"])
    assert "Would import 1 activity" in result.output and result.exit_code == 0
    result = run(cli.app, ["import", "activities", str(bad), "--workspace", "acme"])
    assert result.exit_code == 1
    assert f"{bad}, line 3: person 'y' is nobody here" in result.output
    assert "Nothing was imported." in result.output
    run(cli.app, ["import", "activities", str(acts), "--workspace", "acme"])
    out = tmp_path / "out.csv"
    args = ["export", "activities", "--workspace", "acme", "--from", "2026-11-02"]
    result = run(cli.app, [*args, "--to", "2026-11-02", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().splitlines() == [
        "date,person,kind,count,account,duration_min,contact,notes",
        "2026-11-02,rita@acme.test,call,3,Acme,,,",
    ]
    result = run(cli.app, ["export", "activities", "--workspace", "nowhere"])
    assert result.exit_code == 1 and "there is no workspace 'nowhere'" in result.output
    result = run(cli.app, ["db", "rebuild-rollups"])
    assert result.output == "Rollups rebuilt: 1 person-days.\n"
