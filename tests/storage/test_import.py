"""CSV import: good files of each kind, BOM and semicolons, dry runs, and bad rows that stop
the import at their line with nothing written (issue 14)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from bot.services import Services
from storage.models import Account, Activity, Deal, Quota, Team, User, Workspace
from storage.models.sales import ActivityDay
from storage.transfer.errors import BadFile
from storage.transfer.run import Report, import_file
from tests.support.clock import FakeClock

PEOPLE = """name,email,role,team,timezone
Rita Rep,rita@acme.test,rep,East,America/New_York
Ron Rep,ron@acme.test,rep,East,
Mia Manager,mia@acme.test,manager,East,America/New_York
Wes Rep,,rep,West,America/Los_Angeles
"""
ACTIVITIES = """date,person,kind,count,account,duration_min,contact,notes
2026-11-02,rita@acme.test,call,3,Acme,,,
2026-11-02,Ron Rep,calls,2,acme,15,Jo,first talk
2026-11-03,Wes Rep,demo,1,Globex,45,,
2026-10-30,RITA@ACME.TEST,email,5,,,,
"""
DEALS = """account,owner,amount,currency,stage,close_date,created,closed,name,lost_reason
Acme,rita@acme.test,24000,USD,won,2026-11-05,2026-09-01,2026-11-05T14:00:00Z,,
Globex,Wes Rep,12000.50,EUR,proposal,2026-12-15,2026-10-01,,renewal,
Initech,ron@acme.test,5000,,lost,2026-11-10,,,,price
"""
QUOTAS = """person_or_team,metric,period,target
rita@acme.test,revenue,2026-Q4,150000
Ron Rep,calls,2026-11,100
East,activities,2026,5000
team:West,deals,2026-W47,3
"""


async def _import(
    services: Services,
    tmp_path: Path,
    kind: str,
    text: str,
    *,
    encoding: str = "utf-8",
    dry_run: bool = False,
    chunk: int = 10_000,
) -> Report:
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(text.encode(encoding))
    return await import_file(
        services.sessions,
        kind,
        path,
        "acme",
        now=services.clock(),
        dry_run=dry_run,
        chunk=chunk,
    )


async def _count(services: Services, model: type[object]) -> int:
    async with services.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _floor(services: Services, tmp_path: Path) -> None:
    await _import(services, tmp_path, "people", PEOPLE)


async def test_people_create_teams_and_a_manager(services: Services, tmp_path: Path) -> None:
    report = await _import(services, tmp_path, "people", PEOPLE)
    assert report.rows == 4
    assert report.text() == "Imported 4 people into acme (4 new people, 2 new teams)."
    async with services.sessions() as session:
        ws = await session.scalar(select(Workspace).where(Workspace.external_id == "acme"))
        assert ws is not None and ws.platform == "console"
        east = await session.scalar(select(Team).where(Team.name == "East"))
        users = {u.name: u for u in await session.scalars(select(User))}
    assert east is not None and east.manager_id == users["Mia Manager"].id
    assert users["Ron Rep"].tz == "UTC"  # the workspace's zone when the row gives none
    assert users["Wes Rep"].external_id == "import:wes rep"
    assert users["Rita Rep"].external_id == "rita@acme.test"


async def test_people_match_existing_by_email_then_by_name(
    services: Services, tmp_path: Path
) -> None:
    await _floor(services, tmp_path)
    again = (
        "name,email,role,team\nRita R. Rep,RITA@acme.test,manager,West\nWes Rep,wes@acme.test,,\n"
    )
    report = await _import(services, tmp_path, "people", again)
    assert report.created == {}
    async with services.sessions() as session:
        users = {u.external_id: u for u in await session.scalars(select(User))}
    assert len(users) == 4
    assert users["rita@acme.test"].name == "Rita R. Rep"
    assert users["rita@acme.test"].role == "manager"
    assert users["import:wes rep"].email == "wes@acme.test"
    assert users["import:wes rep"].team_id is None


async def test_people_the_import_creates_are_marked_as_imported(
    services: Services, tmp_path: Path
) -> None:
    await _floor(services, tmp_path)
    async with services.sessions.begin() as session:
        ws = await session.scalar(select(Workspace).where(Workspace.external_id == "acme"))
        assert ws is not None
        session.add(User(workspace_id=ws.id, external_id="U1", name="Cora Chat"))
    await _import(services, tmp_path, "people", "name,email\nCora Chat,cora@acme.test\n")
    async with services.sessions() as session:
        users = {u.name: u for u in await session.scalars(select(User))}
    assert {n: u.source for n, u in users.items() if n != "Cora Chat"} == dict.fromkeys(
        ("Rita Rep", "Ron Rep", "Mia Manager", "Wes Rep"), "import"
    )
    # Someone who came from the platform stays so when a file updates them.
    assert users["Cora Chat"].source == "chat" and users["Cora Chat"].email == "cora@acme.test"


async def test_activities_resolve_people_and_accounts(services: Services, tmp_path: Path) -> None:
    await _floor(services, tmp_path)
    report = await _import(services, tmp_path, "activities", ACTIVITIES)
    assert report.text() == "Imported 4 activities into acme (2 new accounts)."
    async with services.sessions() as session:
        # Written in day order (each chunk is sorted for the indexes' sake).
        rows = (await session.scalars(select(Activity).order_by(Activity.id))).all()
        accounts = await session.scalar(select(func.count()).select_from(Account))
        day = select(
            ActivityDay.calls + ActivityDay.emails + ActivityDay.meetings + ActivityDay.demos
        )
        rolled = sum(await session.scalars(day))
    assert accounts == 2  # "Acme" and "acme" are one account
    assert [(r.kind, r.count, r.source) for r in rows] == [
        ("email", 5, "import"),
        ("call", 3, "import"),
        ("call", 2, "import"),
        ("demo", 1, "import"),
    ]
    assert rows[2].duration_min == 15 and rows[2].contact == "Jo" and rows[2].notes == "first talk"
    assert rows[0].account_id is None
    assert rolled == 11  # the rollups follow the bulk insert


async def test_bom_semicolons_and_loose_headers(services: Services, tmp_path: Path) -> None:
    await _floor(services, tmp_path)
    text = "Date;Person;Kind;Count;Account\n2026-11-02;Rita Rep;Call;3;Acme; Inc\n"
    with pytest.raises(BadFile):  # an unquoted ";" inside a value is one field too many
        await _import(services, tmp_path, "activities", text, encoding="utf-8-sig")
    text = 'Date;Person;Kind;Count;Account\n2026-11-02;Rita Rep;Call;3;"Acme; Inc"\n'
    report = await _import(services, tmp_path, "activities", text, encoding="utf-8-sig")
    assert report.rows == 1


async def test_deals_with_closing_and_currencies(services: Services, tmp_path: Path) -> None:
    await _floor(services, tmp_path)
    report = await _import(services, tmp_path, "deals", DEALS)
    assert report.rows == 3
    async with services.sessions() as session:
        deals = {d.stage: d for d in await session.scalars(select(Deal))}
    assert deals["won"].amount_minor == 2_400_000 and deals["won"].source == "import"
    assert deals["won"].closed_at is not None and deals["won"].closed_at.hour == 14
    assert deals["proposal"].amount_minor == 1_200_050 and deals["proposal"].currency == "EUR"
    assert deals["proposal"].closed_at is None and deals["proposal"].name == "renewal"
    assert deals["lost"].currency == "USD" and deals["lost"].lost_reason == "price"
    lost_closed = deals["lost"].closed_at
    assert lost_closed is not None and lost_closed.date().isoformat() == "2026-11-10"


async def test_quotas_for_people_and_teams_replace_on_reimport(
    services: Services, tmp_path: Path
) -> None:
    await _floor(services, tmp_path)
    assert (await _import(services, tmp_path, "quotas", QUOTAS)).rows == 4
    await _import(
        services,
        tmp_path,
        "quotas",
        "person_or_team,metric,period,target\nRon Rep,calls,2026-11,120\n",
    )
    async with services.sessions() as session:
        quotas = {
            (q.subject.split(":")[0], q.metric): q for q in await session.scalars(select(Quota))
        }
    assert len(quotas) == 4
    assert quotas[("user", "revenue")].target == 15_000_000
    assert quotas[("user", "revenue")].period_kind == "quarter"
    assert quotas[("user", "calls")].target == 120
    assert quotas[("team", "activities")].period_kind == "year"
    assert quotas[("team", "deals")].period_kind == "week"
    assert all(q.source == "import" for q in quotas.values())


async def test_a_dry_run_checks_everything_and_writes_nothing(
    services: Services, tmp_path: Path
) -> None:
    await _floor(services, tmp_path)
    report = await _import(services, tmp_path, "activities", ACTIVITIES, dry_run=True)
    assert report.text() == (
        "Would import 4 activities into acme (2 new accounts) (dry run: nothing written)."
    )
    assert await _count(services, Activity) == 0
    assert await _count(services, Account) == 0


HEADER = "date,person,kind,count,account\n"
GOOD = "2026-11-02,Rita Rep,call,3,Acme\n"
BAD_ACTIVITY_ROWS = [
    ("2026-11-02,Zed,call,3,Acme\n", "person 'Zed' is nobody here"),
    ("02/11/2026,Rita Rep,call,3,Acme\n", "date '02/11/2026' is not a date"),
    ("2026-12-25,Rita Rep,call,3,Acme\n", "date 2026-12-25 is in the future"),
    ("2026-11-02,Rita Rep,fax,3,Acme\n", "kind 'fax' is not one of call, email, meeting, demo"),
    ("2026-11-02,Rita Rep,call,0,Acme\n", "count 0 is out of range"),
    ("2026-11-02,Rita Rep,call,three,Acme\n", "count 'three' is not a whole number"),
    ("2026-11-02,Rita Rep,call,3\n", "4 fields where the header has 5"),
    ("2026-11-02,,call,3,Acme\n", "person is empty"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_ACTIVITY_ROWS)
async def test_a_bad_activity_row_stops_the_import_at_its_line(
    services: Services, tmp_path: Path, row: str, reason: str
) -> None:
    await _floor(services, tmp_path)
    with pytest.raises(BadFile) as caught:
        await _import(services, tmp_path, "activities", HEADER + GOOD + "\n" + row)
    assert caught.value.line == 4  # the blank line counts: it is line 3 of the file
    assert reason in caught.value.reason
    assert await _count(services, Activity) == 0


BAD_FILES = [
    ("activities", "date,person,kind,count\n" + GOOD, 1, "missing column(s) account"),
    ("activities", "date,person,kind,count,account,mood\n", 1, "unknown column 'mood'"),
    ("activities", "", 1, "the file is empty"),
    (
        "deals",
        "account,owner,amount,currency,stage,close_date\nAcme,Rita Rep,lots,USD,won,2026-11-01\n",
        2,
        "amount 'lots'",
    ),
    (
        "deals",
        "account,owner,amount,currency,stage,close_date\nAcme,Rita Rep,10.123,USD,won,2026-11-01\n",
        2,
        "more decimals than USD",
    ),
    (
        "deals",
        "account,owner,amount,currency,stage,close_date\nAcme,Rita Rep,10,dollars,won,2026-11-01\n",
        2,
        "currency 'dollars'",
    ),
    (
        "deals",
        "account,owner,amount,currency,stage,close_date\nAcme,Rita Rep,10,USD,signed,\n",
        2,
        "stage 'signed'",
    ),
    (
        "deals",
        "account,owner,amount,currency,stage,close_date\nAcme,Rita Rep,10,USD,won,\n",
        2,
        "a won deal needs a closed or close_date",
    ),
    (
        "deals",
        "account,owner,amount,currency,stage,close_date\n,Rita Rep,10,USD,won,2026-11-01\n",
        2,
        "account is empty",
    ),
    (
        "quotas",
        "person_or_team,metric,period,target\nRita Rep,happiness,2026-11,3\n",
        2,
        "metric 'happiness'",
    ),
    (
        "quotas",
        "person_or_team,metric,period,target\nRita Rep,calls,November,3\n",
        2,
        "period 'November'",
    ),
    ("quotas", "person_or_team,metric,period,target\nRita Rep,calls,2026-13,3\n", 2, "no month 13"),
    (
        "quotas",
        "person_or_team,metric,period,target\nNobody,calls,2026-11,3\n",
        2,
        "neither a person nor a team",
    ),
    (
        "quotas",
        "person_or_team,metric,period,target\nteam:North,calls,2026-11,3\n",
        2,
        "there is no team 'North'",
    ),
    ("people", "name,email,role\nZoe,zoe@acme.test,boss\n", 2, "role 'boss'"),
    (
        "people",
        "name,email,timezone\nZoe,zoe@acme.test,Mars/Olympus\n",
        2,
        "timezone 'Mars/Olympus'",
    ),
    ("people", "name,email\nZoe,zoe-at-acme\n", 2, "has no @"),
    ("people", "name,email\n,zoe@acme.test\n", 2, "name is empty"),
]


@pytest.mark.parametrize(("kind", "text", "line", "reason"), BAD_FILES)
async def test_every_kind_of_bad_file_is_named_and_nothing_written(
    services: Services, tmp_path: Path, kind: str, text: str, line: int, reason: str
) -> None:
    await _floor(services, tmp_path)
    before = await _count(services, User)
    with pytest.raises(BadFile) as caught:
        await _import(services, tmp_path, kind, text)
    assert (caught.value.line, reason in caught.value.reason) == (line, True), caught.value
    assert await _count(services, User) == before
    assert await _count(services, Deal) + await _count(services, Quota) == 0
    assert await _count(services, Account) == 0


async def test_a_name_two_people_share_needs_their_email(
    services: Services, tmp_path: Path
) -> None:
    await _import(
        services, tmp_path, "people", "name,email\nSam Lee,sam1@x.test\nSam Lee,sam2@x.test\n"
    )
    with pytest.raises(BadFile, match="two people are named 'Sam Lee': use their email"):
        await _import(services, tmp_path, "activities", HEADER + "2026-11-02,Sam Lee,call,1,\n")
    report = await _import(
        services, tmp_path, "activities", HEADER + "2026-11-02,sam2@x.test,call,1,\n"
    )
    assert report.rows == 1


async def test_not_utf8_is_refused(services: Services, tmp_path: Path) -> None:
    await _floor(services, tmp_path)
    text = HEADER + "2026-11-02,Rita Rep,call,3,Société Générale\n"
    with pytest.raises(BadFile, match="not UTF-8"):
        await _import(services, tmp_path, "activities", text, encoding="latin-1")


async def test_a_bad_row_after_written_chunks_still_leaves_nothing(
    services: Services, tmp_path: Path, clock: FakeClock
) -> None:
    # Chunks of 2 rows are written as the file is read; the bad 7th row rolls all back.
    await _floor(services, tmp_path)
    text = HEADER + GOOD * 6 + "2026-11-02,Rita Rep,call,-1,Acme\n"
    with pytest.raises(BadFile) as caught:
        await _import(services, tmp_path, "activities", text, chunk=2)
    assert caught.value.line == 8
    assert await _count(services, Activity) == 0
    assert await _count(services, ActivityDay) == 0
    assert (await _import(services, tmp_path, "activities", HEADER + GOOD * 6, chunk=2)).rows == 6
    assert await _count(services, Activity) == 6


async def test_a_big_import_refreshes_postgresql_statistics(
    services: Services, tmp_path: Path
) -> None:
    await _floor(services, tmp_path)
    path = tmp_path / "big.csv"
    path.write_text(ACTIVITIES)
    report = await import_file(
        services.sessions, "activities", path, "acme", now=services.clock(), analyze_from=4
    )
    assert report.rows == 4
    async with services.sessions() as session:
        if session.get_bind().dialect.name != "postgresql":
            return  # SQLite plans without table statistics here
        analyzed = await session.scalar(
            text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'activity_days'")
        )
    assert analyzed is not None


async def _schema(services: Services) -> list[tuple[object, ...]]:
    """The activities table's triggers and indexes as the database lists them."""
    async with services.sessions() as session:
        if session.get_bind().dialect.name == "sqlite":
            query = (
                "SELECT type, name, sql FROM sqlite_master "
                "WHERE tbl_name = 'activities' ORDER BY name"
            )
        else:
            query = (
                "SELECT tgname, tgenabled::text FROM pg_trigger "
                "WHERE tgrelid = 'activities'::regclass UNION ALL "
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'activities' "
                "ORDER BY 1"
            )
        return [tuple(row) for row in await session.execute(text(query))]


async def test_a_bulk_import_puts_back_what_it_set_aside(
    services: Services, tmp_path: Path
) -> None:
    # Into an empty table the import sets triggers and indexes aside (SQLite) or skips them
    # (PostgreSQL); whatever the outcome, the schema is as before and the triggers work.
    await _floor(services, tmp_path)
    before = await _schema(services)
    assert before
    await _import(services, tmp_path, "activities", ACTIVITIES, dry_run=True)
    assert await _schema(services) == before
    with pytest.raises(BadFile):
        await _import(services, tmp_path, "activities", HEADER + GOOD + "x,Rita Rep,call,1,\n")
    assert await _schema(services) == before
    assert (await _import(services, tmp_path, "activities", ACTIVITIES, chunk=2)).rows == 4
    assert await _schema(services) == before
    async with services.sessions.begin() as session:
        ws = await session.scalar(select(Workspace.id).where(Workspace.external_id == "acme"))
        rita = await session.scalar(select(User.id).where(User.name == "Rita Rep"))
        assert ws is not None and rita is not None
        # A write after the import: the triggers keep the rollups again.
        session.add(
            Activity(
                workspace_id=ws,
                user_id=rita,
                kind="demo",
                count=7,
                occurred_on=date(2026, 11, 2),
                source="chat",
            )
        )
    async with services.sessions() as session:
        day = await session.get(ActivityDay, (ws, date(2026, 11, 2), rita))
        assert day is not None and (day.calls, day.demos) == (3, 7)


async def test_lines_of_blanks_and_separators_are_skipped(
    services: Services, tmp_path: Path
) -> None:
    await _floor(services, tmp_path)
    text = HEADER + GOOD + " , ,  , ,\n\n" + ",,,,\n" + GOOD
    assert (await _import(services, tmp_path, "activities", text)).rows == 2
    with pytest.raises(BadFile) as caught:
        await _import(services, tmp_path, "activities", text + " ,Rita Rep,call,1,\n")
    assert caught.value.line == 7 and "date '' is not a date" in caught.value.reason
