"""The fake Slack's directory: people, channels, members and user groups, and the methods
that read them (users.info, conversations.*, usergroups.*)."""

from __future__ import annotations

from typing import Any

from tests.support.slack_wire import Channel, Grant, Refused


def dm_of(user: str) -> str:
    """The id of the bot's direct-message channel with `user` (U0DANA -> D0DANA)."""
    return "D" + user[1:]


class SlackDirectory:
    """One directory for every workspace the fake has tokens for."""

    def __init__(self, dana: dict[str, Any]) -> None:
        self.users: dict[str, dict[str, Any]] = {"U0DANA": dana}
        self.channels: dict[str, Channel] = {
            "C0SALES": Channel("C0SALES"),
            "D0DANA": Channel("D0DANA"),
        }
        # Who is in each channel (conversations.members), its name (conversations.list),
        # and the user groups: id -> (handle, members).
        self.members: dict[str, list[str]] = {}
        self.names: dict[str, str] = {}
        self.usergroups: dict[str, tuple[str, list[str]]] = {}

    # -- setting it up ---------------------------------------------------------------------

    def add_user(self, user: str, name: str = "", tz: str = "UTC") -> None:
        name = name or user.lower()
        self.users[user] = {
            "id": user,
            "name": name,
            "real_name": name,
            "tz": tz,
            "deleted": False,
            "is_bot": False,
            "profile": {"real_name": name, "display_name": name, "email": f"{name}@example.com"},
        }

    def add_channel(self, channel: str, *, member: bool = True) -> None:
        self.channels[channel] = Channel(channel, member)

    def add_members(self, channel: str, name: str, users: list[str]) -> None:
        """A channel called `name` whose members are `users` (the bot is in it)."""
        self.add_channel(channel)
        self.names[channel] = name
        self.members[channel] = list(users)

    def add_usergroup(self, group: str, handle: str, users: list[str]) -> None:
        self.usergroups[group] = (handle, list(users))

    # -- the methods ---------------------------------------------------------------------

    def _users_info(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        user = self._user(str(params["user"]))
        if "users:read.email" not in grant.scopes:
            user = {**user, "profile": {k: v for k, v in user["profile"].items() if k != "email"}}
        return {"ok": True, "user": user}

    def _conversations_list(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        channels = [{"id": c, "name": n, "is_archived": False} for c, n in self.names.items()]
        return {"ok": True, "channels": channels, "response_metadata": {"next_cursor": ""}}

    def _conversations_members(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        channel = self._channel(str(params["channel"]))
        if not channel.bot_is_member:
            raise Refused("not_in_channel")
        users = self.members.get(channel.id, [])
        # Two to a page, so a client that ignores the cursor misses people.
        start = int(params.get("cursor") or 0)
        nxt = str(start + 2) if start + 2 < len(users) else ""
        page = users[start : start + 2]
        return {"ok": True, "members": page, "response_metadata": {"next_cursor": nxt}}

    def _usergroups_list(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        groups = [{"id": g, "handle": h, "name": h} for g, (h, _) in self.usergroups.items()]
        return {"ok": True, "usergroups": groups}

    def _usergroups_users_list(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        group = str(params["usergroup"])
        if group not in self.usergroups:
            raise Refused("no_such_subteam")
        return {"ok": True, "users": self.usergroups[group][1]}

    def _conversations_open(self, params: dict[str, Any], grant: Grant) -> dict[str, Any]:
        if params.get("channel"):
            return {"ok": True, "channel": {"id": self._channel(str(params["channel"])).id}}
        users = str(params["users"]).split(",")
        for user in users:
            self._user(user)
        if len(users) > 1:
            raise Refused("method_not_supported_for_channel_type")
        channel = dm_of(users[0])
        self.channels.setdefault(channel, Channel(channel))
        return {"ok": True, "channel": {"id": channel}}

    def _user(self, user: str) -> dict[str, Any]:
        if user not in self.users:
            raise Refused("user_not_found")
        return self.users[user]

    def _channel(self, channel: str) -> Channel:
        if channel in self.users:  # a user id posts to the bot's DM with them
            channel = dm_of(channel)
            self.channels.setdefault(channel, Channel(channel))
        if channel not in self.channels:
            raise Refused("channel_not_found")
        return self.channels[channel]
