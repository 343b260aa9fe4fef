"""Authorization, in one place: reps see their own, managers their team, admins everything."""

from __future__ import annotations

from core.messages import Actor
from handlers.contract import Access
from handlers.shared.context import Subject


def _manages(actor: Actor, subject: Subject) -> bool:
    if actor.role == "admin":
        return True
    if actor.role != "manager" or actor.team_id is None:
        return False
    if subject.kind == "team":
        return subject.team is not None and subject.team.id == actor.team_id
    if subject.kind == "user":
        return subject.user is not None and subject.user.team_id == actor.team_id
    return False


# What a "manage" route does, in the refusal's words.
DOING = {
    "set_quota": "set quotas",
    "team_members": "change who is on a team",
    "team_reminders": "set or preview a team's reminders",
    "admin_menu": "use the admin menu",
    "export_data": "export data",
}
# What a rep can do instead, after the refusal.
ASK_INSTEAD = {
    "set_quota": " Ask your manager to set yours.",
    "export_data": " Your own data: `/quotabot my data`.",
}
# What an "admin" route does, when it deserves more than the general refusal.
ADMIN_DOING = {
    "import_file": "Only a workspace admin can import a CSV file; ask one to send it to me.",
}


def refusal(
    actor: Actor, access: Access, subject: Subject, intent: str = "set_quota"
) -> str | None:
    """None when allowed, else the sentence the person reads."""
    if access == "public":
        return None
    if access == "admin":
        if actor.role == "admin":
            return None
        return ADMIN_DOING.get(intent, "Only a workspace admin can change that.")
    if access == "self":
        if subject.kind == "self":
            return None
        if intent == "settings":
            return (
                f"You can change only your own settings; {subject.label} changes theirs "
                "(`nudges off`, `nudge me at 15:30`)."
            )
        return "You can only log and change your own activity and deals."
    if access == "manage":
        doing = DOING.get(intent, "do that")
        if actor.role == "rep":
            ask = ASK_INSTEAD.get(intent, "")
            return f"Only managers and admins can {doing}.{ask}"
        if subject.kind == "workspace" and actor.role != "admin":
            return f"Only an admin can {doing} for everyone."
        if subject.kind == "self" or _manages(actor, subject):
            return None
        return f"You can {doing} for your own team only, not for {subject.label}."
    # read
    if subject.kind == "self" or _manages(actor, subject):
        return None
    if actor.role == "rep":
        return (
            f"Those numbers are private to {subject.label} and their manager. "
            "You can see your own with /quota and /pipeline, or the /leaderboard."
        )
    if subject.kind == "workspace":
        return "Only an admin can see everyone's numbers; try your own team."
    return f"You can see your own team's numbers, not {subject.label}'s."
