"""A team's daily channel posts: the morning reminder and the afternoon "log before you go"."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from core.actions import ActionId
from core.clock import local_date
from core.messages import Button, Fact, Reply
from core.money import fmt_count
from core.pace import daily_goal
from core.periods import is_working_day, parse_working_days
from handlers.shared.attainment import team_members
from handlers.shared.standing import logged_on, rep_lead
from storage.models import Team, User, Workspace

# One a day, in turn: concrete habits, never a scolding.
TIPS = (
    "Block your first hour for calls before the inbox gets you.",
    "Log each activity right after it happens: a `/log` takes ten seconds.",
    "Follow up on yesterday's conversations while they still remember you.",
    "Pick the three deals closest to closing and give each a next step today.",
    "A short call beats a long email when a deal has gone quiet.",
)
# A team's morning post comes at this time (team zone) unless the team sets its own.
DEFAULT_REMINDER_TIME = "09:00"
# A holiday stretch longer than this has no "last working day" worth reporting.
LOOKBACK_DAYS = 14


def buttons() -> tuple[Button, ...]:
    return (
        Button("Log activity", ActionId.OPEN_LOG_FORM, style="primary"),
        Button("My numbers", ActionId.MY_NUMBERS),
    )


def previous_working_day(
    day: date, working_days: frozenset[int], country: str | None
) -> date | None:
    """The last working day before `day` (Monday's is Friday), within LOOKBACK_DAYS."""
    for back in range(1, LOOKBACK_DAYS + 1):
        earlier = day - timedelta(days=back)
        if is_working_day(earlier, working_days, country):
            return earlier
    return None


def _goals(reps: list[User], workspace: Workspace) -> dict[int, int]:
    # The one daily-goal rule: the rep's own goal when set, else the workspace's.
    return {r.id: daily_goal(r.daily_activity_goal, workspace.daily_activity_goal) for r in reps}


def _goal_line(goals: dict[int, int]) -> str:
    if not goals:
        return "no reps in this team yet"
    common, _ = Counter(goals.values()).most_common(1)[0]
    line = f"{fmt_count(common, 'activity', 'activities')} per rep"
    if len(set(goals.values())) > 1:
        line += " (or your own goal where you have one)"
    return line


def _day_name(day: date, today: date) -> str:
    return "Yesterday" if day == today - timedelta(days=1) else day.strftime("%A")


def _recognition(
    reps: list[User], goals: dict[int, int], done: dict[int, int], day: str, names: bool
) -> str:
    """The best effort against one's own goal; a name only where the team shows names."""
    scored = [(done[r.id] / goals[r.id], done[r.id], r.name) for r in reps if goals[r.id] > 0]
    best = max((s for s in scored if s[1] > 0), default=None)
    if best is None:
        return "A fresh start today: the first log sets the pace."
    ratio, count, name = best
    effort = f"{fmt_count(count, 'activity', 'activities')}, {ratio:.0%} of their own goal"
    if names:
        return f"Shout-out to {name} for {day.lower()}'s best effort: {effort}."
    # Cheer a goal reached; short of it, the best effort is reported plainly.
    cheer = " You know who you are. Nice work!" if ratio >= 1 else ""
    return f"{day}'s best effort: {effort}.{cheer}"


async def _pace_line(
    session: AsyncSession, reps: list[User], workspace: Workspace, moment: datetime
) -> str:
    """How many reps are on pace for their headline quota (the standing rule), no names."""
    leads = [lead for r in reps if (lead := await rep_lead(session, r, workspace, moment))]
    if not leads:
        return "no quotas set for this period yet"
    on_pace = sum(lead.on_pace for lead in leads)
    labels = sorted({lead.period.label for lead in leads})
    label = f" ({labels[0]})" if len(labels) == 1 else ""
    return f"{on_pace} of {fmt_count(len(leads), 'rep')} with a quota on pace{label}"


async def build_daily_post(
    session: AsyncSession, team: Team, workspace: Workspace, moment: datetime
) -> Reply:
    """The morning post: today's goal, the last working day against it, pace, a tip."""
    today = local_date(moment, team.timezone)
    country = team.holiday_country or workspace.holiday_country
    reps = await team_members(session, workspace.id, team.id)
    goals = _goals(reps, workspace)
    facts = [Fact("Today's goal", _goal_line(goals))]
    notes: list[str] = []
    # A team with days of its own (`reminder days mon-thu`) works those: Monday's post looks
    # back to Thursday, not to a Friday nobody worked.
    days = parse_working_days(team.reminder_days or workspace.working_days)
    last = previous_working_day(today, days, country)
    if last is not None and reps:
        logged = await logged_on(session, workspace.id, [last])
        done = {r.id: logged.get((r.id, last), 0) for r in reps}
        hit = sum(1 for r in reps if goals[r.id] > 0 and done[r.id] >= goals[r.id])
        day = _day_name(last, today)
        total, target = sum(done.values()), sum(goals.values())
        facts.append(
            Fact(
                day,
                f"{fmt_count(total)} of {fmt_count(target, 'activity', 'activities')} logged; "
                f"{hit} of {fmt_count(len(reps), 'rep')} hit their goal",
            )
        )
        notes.append(_recognition(reps, goals, done, day, workspace.attainment_public))
    facts.append(Fact("Pace", await _pace_line(session, reps, workspace, moment)))
    notes.append(f"Tip: {TIPS[today.toordinal() % len(TIPS)]}")
    return Reply(
        text=f"Good morning, {team.name}! Here's the day.",
        title=f"{team.name}: {today.strftime('%A %d %b')}",
        facts=tuple(facts),
        notes=tuple(notes),
        buttons=buttons(),
        private=False,
    )


async def _not_logged(
    session: AsyncSession, team: Team, workspace: Workspace, moment: datetime
) -> tuple[list[User], list[User]]:
    """The team's reps, and those with nothing logged today (team zone)."""
    today = local_date(moment, team.timezone)
    reps = await team_members(session, workspace.id, team.id)
    logged = await logged_on(session, workspace.id, [today])
    return reps, [r for r in reps if logged.get((r.id, today), 0) == 0]


async def build_afternoon_post(
    session: AsyncSession, team: Team, workspace: Workspace, moment: datetime
) -> Reply:
    """How many have not logged today: a count, never who (see build_missing_mentions)."""
    reps, missing = await _not_logged(session, team, workspace, moment)
    if not missing:
        text = f"Everyone in {team.name} has logged today. Great work!"
    elif len(missing) == len(reps):
        text = "Log before you go: nobody has logged anything today yet. A quick log counts."
    else:
        text = (
            f"Log before you go: {len(missing)} of {fmt_count(len(reps), 'rep')} "
            "haven't logged anything today yet. A quick log keeps the team's numbers true."
        )
    return Reply(text=text, buttons=buttons()[:1], private=False)


async def build_missing_mentions(
    session: AsyncSession, team: Team, workspace: Workspace, moment: datetime
) -> tuple[Reply, list[User]] | None:
    """The reply in the afternoon post's thread (team setting `mention-missing on`) and the
    people it mentions: only those with nothing logged today. None when everyone has.

    The mentions themselves are the adapter's to render (Slack <@U…>, a Teams mention
    entity): text in a Reply is always shown as written, never as a mention.
    """
    _, missing = await _not_logged(session, team, workspace, moment)
    if not missing:
        return None
    reply = Reply(
        text="Nothing logged today yet. Two minutes with /log before you go?",
        buttons=buttons()[:1],
        private=False,
    )
    return reply, missing


def channel_help(team: Team, platform: str) -> Reply:
    """To the team's manager when the morning post could not go into the team's channel."""
    how = (
        f"type `/invite @QuotaBot` in {team.channel}"
        if platform == "slack"
        else "add the QuotaBot app to that team and channel"
    )
    return Reply(
        text=(
            f"I couldn't post {team.name}'s daily reminder in {team.channel}: I'm not in that "
            f"channel. To fix it, {how}. I'll try again on the next working day."
        )
    )
