"""Who is who in the workspace: people, channel members and user group members, from Slack, cached briefly.

Features ask the directory rather than Slack so that a fan-out to thousands of people costs a few paginated calls,
not one `users.info` per person, and so that every feature agrees on who counts as a reachable person (not a bot,
not deactivated).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk import WebClient

from bot.platform.slack_calls import CallOutcome, call
from bot.platform.timesource import TimeSource

CACHE_TTL = timedelta(minutes=10)
PAGE_SIZE = 200
SLACKBOT = "USLACKBOT"


class DirectoryError(RuntimeError):
    """Slack could not tell us (an unknown channel or group, or Slack failing); `error` is Slack's error string."""

    def __init__(self, error: str, *, transient: bool = False) -> None:
        super().__init__(error)
        self.error = error
        self.transient = transient


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    real_name: str
    tz: str
    is_bot: bool
    deleted: bool

    @property
    def reachable(self) -> bool:
        """A human with an active account: someone Cadence may message, recognise or survey."""
        return not self.is_bot and not self.deleted and self.id != SLACKBOT

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.tz or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")

    @property
    def display_name(self) -> str:
        return self.real_name or self.name or self.id


def person_from_slack(user: dict[str, Any]) -> Person:
    return Person(
        id=user["id"],
        name=user.get("name", ""),
        real_name=user.get("real_name") or user.get("profile", {}).get("real_name", ""),
        tz=user.get("tz") or "UTC",
        is_bot=bool(user.get("is_bot")) or user.get("id") == SLACKBOT,
        deleted=bool(user.get("deleted")),
    )


class Directory:
    def __init__(self, client: WebClient, clock: TimeSource) -> None:
        self._client = client
        self._clock = clock
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[datetime, Any]] = {}

    def person(self, user_id: str) -> Person | None:
        """The person, or None when Slack does not know the id. Raises DirectoryError when Slack fails."""

        def fetch() -> Person | None:
            outcome = call(self._client.users_info, user=user_id)
            if not outcome.ok and outcome.error in ("user_not_found", "users_not_found", "invalid_arguments"):
                return None
            return person_from_slack(_data(outcome)["user"])

        return self._cached(f"user:{user_id}", fetch)

    def channel_members(self, channel_id: str) -> list[str]:
        return self._cached(f"channel:{channel_id}", lambda: self._paged_members(channel_id))

    def cadence_is_in(self, channel_id: str) -> bool | None:
        """Whether Cadence is a member of the channel (`conversations.info`), asked afresh each time so an invite
        shows at once; None when Slack knows no such channel. Raises DirectoryError when Slack fails."""
        outcome = call(self._client.conversations_info, channel=channel_id)
        if not outcome.ok and outcome.error == "channel_not_found":
            return None
        return bool(_data(outcome).get("channel", {}).get("is_member"))

    def usergroup_members(self, group_id: str) -> list[str]:
        def fetch() -> list[str]:
            return list(_data(call(self._client.usergroups_users_list, usergroup=group_id)).get("users", []))

        return self._cached(f"group:{group_id}", fetch)

    def usergroup_handles(self) -> dict[str, str]:
        """Each user group's @handle (lower case, without the @) and its id; Slack has no user group picker, so
        people type handles. Raises DirectoryError when Slack cannot list them."""

        def fetch() -> dict[str, str]:
            groups = _data(call(self._client.usergroups_list)).get("usergroups", [])
            return {g["handle"].lower(): g["id"] for g in groups if g.get("handle") and g.get("id")}

        return self._cached("groups:handles", fetch)

    def everyone(self) -> list[Person]:
        """Every person in the workspace (one paginated `users.list`), caching each for `person`."""

        def fetch() -> list[Person]:
            people: list[Person] = []
            cursor = ""
            while True:
                data = _data(call(self._client.users_list, limit=PAGE_SIZE, cursor=cursor or None))
                people.extend(person_from_slack(u) for u in data.get("members", []))
                cursor = data.get("response_metadata", {}).get("next_cursor", "")
                if not cursor:
                    break
            now = self._clock.now()
            with self._lock:
                for p in people:
                    self._cache[f"user:{p.id}"] = (now, p)
            return people

        return self._cached("users:all", fetch)

    def audience(self, sources: Iterable[str]) -> list[str]:
        """The reachable people in any mix of user (U…), channel (C…/G…) and user group (S…) ids, each once,
        in a stable order. Unknown ids raise DirectoryError."""
        found: dict[str, None] = {}
        for source in sources:
            for user_id in self._expand(source):
                found.setdefault(user_id, None)
        people = {p.id: p for p in self.everyone()}
        return [uid for uid in found if (p := people.get(uid) or self.person(uid)) is not None and p.reachable]

    def _expand(self, source: str) -> list[str]:
        if source.startswith(("U", "W")):
            return [source]
        if source.startswith("S"):
            return self.usergroup_members(source)
        return self.channel_members(source)

    def _paged_members(self, channel_id: str) -> list[str]:
        members: list[str] = []
        cursor = ""
        while True:
            args: dict[str, Any] = {"channel": channel_id, "limit": PAGE_SIZE}
            if cursor:
                args["cursor"] = cursor
            data = _data(call(self._client.conversations_members, **args))
            members.extend(data.get("members", []))
            cursor = data.get("response_metadata", {}).get("next_cursor", "")
            if not cursor:
                return members

    def _cached(self, key: str, fetch: Callable[[], Any]) -> Any:
        now = self._clock.now()
        with self._lock:
            hit = self._cache.get(key)
            if hit and now - hit[0] < CACHE_TTL:
                return hit[1]
        value = fetch()
        with self._lock:
            self._cache[key] = (now, value)
        return value

    def forget(self, key_prefix: str = "") -> None:
        """Drop cached answers (all, or those under a prefix such as `user:U123`), e.g. after a `user_change`."""
        with self._lock:
            for key in [k for k in self._cache if k.startswith(key_prefix)]:
                del self._cache[key]


def _data(outcome: CallOutcome) -> dict[str, Any]:
    if not outcome.ok:
        raise DirectoryError(outcome.error or "unknown", transient=outcome.transient)
    return outcome.data
