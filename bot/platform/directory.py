"""Who is who in the workspace: people, channel members and user group members, kept rather than fetched.

People and the members of every channel Cadence has asked about live in its database, kept fresh by Slack's events
(`handlers.directory_events`) and by a periodic, paced walk of `users.list` (`bot.platform.directory_sync`). An
audience resolves from what is kept: a channel not kept yet is fetched once with `conversations.members` (Tier 4),
a person not known yet with `users.info` (Tier 4). `users.list` (Tier 2) is never called on a fan-out's path, so a
second fan-out to the same audience costs Slack nothing but the messages. User groups send this app no events, so
their members stay cached in memory for a few minutes.

Every feature asks the directory rather than Slack, so that all agree on who counts as a reachable person (not a
bot, not deactivated).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from sqlalchemy.engine import Engine

from bot.platform.mentions import group_id_of, listed
from bot.platform.people import DirectoryError, Person, answer, person_from_row, person_from_slack, row_from_person
from bot.platform.slack_calls import call
from bot.platform.timesource import TimeSource
from storage import directory as store
from storage.db import joined_scope

__all__ = ["Audience", "Directory", "DirectoryError", "Person", "UnknownUsergroup"]

GROUP_CACHE_TTL = timedelta(minutes=10)
CHANNEL_REFRESH = timedelta(days=1)  # a kept channel is fetched again after this, in case an event was missed
PAGE_SIZE = 200
AUDIENCE_PAGE = 1000
"""People read from the kept directory at a time when an audience is read."""
NOT_A_USER = ("user_not_found", "users_not_found", "invalid_arguments")


class UnknownUsergroup(Exception):
    """Text that names no user group Slack knows, or a handle Slack could not list the groups to look up; the
    message says what to change, worded for whoever typed it."""


@dataclass(frozen=True)
class Audience:
    """An audience resolved against the kept directory (`Directory.resolve`): the few people named or in user
    groups, and channels whose kept members are read from the database a page at a time, so memory stays flat
    however many people the channels hold. Reading it calls Slack no more."""

    engine: Engine
    named: tuple[Person, ...]
    channels: tuple[str, ...]

    def batches(self, size: int = AUDIENCE_PAGE) -> Iterator[list[Person]]:
        """The reachable people, each once, in batches of at most `size`: the named first, then the channels'
        members in id order."""
        for start in range(0, len(self.named), size):
            yield list(self.named[start : start + size])
        named = {p.id for p in self.named}
        after = ""
        while self.channels:
            with joined_scope(self.engine) as session:
                page = store.members_page(session, self.channels, after=after, limit=size)
                if not page:
                    return
                rows = store.people(session, page)
            after = page[-1]
            people = (person_from_row(rows[uid]) for uid in page if uid in rows and uid not in named)
            yield [p for p in people if p.reachable]


class Directory:
    def __init__(self, client: WebClient, clock: TimeSource, engine: Engine) -> None:
        self._client = client
        self._clock = clock
        self._engine = engine
        self._lock = threading.Lock()
        self._groups: dict[str, tuple[datetime, Any]] = {}

    def person(self, user_id: str) -> Person | None:
        """The person, or None when Slack does not know the id. Raises DirectoryError when Slack fails."""
        return self._people([user_id]).get(user_id)

    def people(self, user_ids: Iterable[str]) -> dict[str, Person]:
        """The people Slack knows among `user_ids`, read in one go. Raises DirectoryError when Slack fails."""
        return self._people(user_ids)

    def channel_members(self, channel_id: str) -> list[str]:
        """The channel's members as kept, fetching the whole list when the channel is not kept (or is stale)."""
        self._keep_channel(channel_id)
        with joined_scope(self._engine) as session:
            return store.channel_members(session, channel_id)

    def cadence_is_in(self, channel_id: str) -> bool | None:
        """Whether Cadence is a member of the channel (`conversations.info`), asked afresh each time so an invite
        shows at once; None when Slack knows no such channel. Raises DirectoryError when Slack fails."""
        outcome = call(self._client.conversations_info, channel=channel_id)
        if not outcome.ok and outcome.error == "channel_not_found":
            return None
        return bool(answer(outcome).get("channel", {}).get("is_member"))

    def usergroup_members(self, group_id: str) -> list[str]:
        def fetch() -> list[str]:
            return list(answer(call(self._client.usergroups_users_list, usergroup=group_id)).get("users", []))

        return self._cached(f"group:{group_id}", fetch)

    def usergroup_handles(self) -> dict[str, str]:
        """Each user group's @handle (lower case, without the @) and its id; Slack has no user group picker, so
        people type handles. Raises DirectoryError when Slack cannot list them."""

        def fetch() -> dict[str, str]:
            groups = answer(call(self._client.usergroups_list)).get("usergroups", [])
            return {g["handle"].lower(): g["id"] for g in groups if g.get("handle") and g.get("id")}

        return self._cached("groups:handles", fetch)

    def find_usergroup(self, token: str) -> str | None:
        """The id of the user group `token` names, by id (S…), by Slack's `<!subteam^S…>` form or by @handle,
        when Slack knows it; None otherwise. Raises DirectoryError when Slack cannot list the groups to look a
        handle up, or does not answer."""
        group_id = group_id_of(token)
        if group_id is None:
            group_id = self.usergroup_handles().get(token.lstrip("@").lower())
        if group_id is None:
            return None
        try:
            self.usergroup_members(group_id)
        except DirectoryError as exc:
            if exc.transient:
                raise
            return None
        return group_id

    def named_usergroup(self, token: str) -> str:
        """The id of the user group `token` names (see `find_usergroup`); raises UnknownUsergroup, saying what to
        change, when Slack knows no such group or cannot list the groups to look a handle up."""
        try:
            group_id = self.find_usergroup(token)
        except DirectoryError as exc:
            if exc.transient:
                raise UnknownUsergroup(f"Slack didn't answer while I looked up {token}. Please try again.") from None
            raise UnknownUsergroup(
                f"Slack could not list user groups ({exc.error}): give the group's ID (S…) instead."
            ) from None
        if group_id is None:
            shown = group_id_of(token) or token  # a modal shows text as typed, so a mention is named by its id
            raise UnknownUsergroup(f"I can't find the user group {shown}: use its @handle or its ID (S…).")
        return group_id

    def named_usergroups(self, text: str) -> tuple[str, ...]:
        """The user groups named in `text` (separated by commas or spaces), each once, in order; raises
        UnknownUsergroup for the first that names none."""
        return tuple(dict.fromkeys(self.named_usergroup(token) for token in listed(text)))

    def audience(self, sources: Iterable[str]) -> list[str]:
        """The reachable people in any mix of user (U…), channel (C…/G…) and user group (S…) ids, each once,
        in a stable order. Unknown ids raise DirectoryError."""
        return [person.id for batch in self.resolve(sources).batches() for person in batch]

    def resolve(self, sources: Iterable[str]) -> Audience:
        """The audience of any mix of user, channel and user group ids, with every channel kept and every member
        described (asking Slack now where need be), so that reading it calls Slack no more: a fan-out reads it
        inside its unit of work. Unknown ids raise DirectoryError."""
        named: dict[str, None] = {}
        channels: dict[str, None] = {}
        for source in sources:
            if source.startswith(("U", "W")):
                named.setdefault(source, None)
            elif source.startswith("S"):
                named.update(dict.fromkeys(self.usergroup_members(source)))
            else:
                self._keep_channel(source)
                channels.setdefault(source, None)
        with joined_scope(self._engine) as session:
            undescribed = store.undescribed_members(session, list(channels))
        self._people(undescribed)
        people = self._people(named)
        reachable = tuple(p for uid in named if (p := people.get(uid)) is not None and p.reachable)
        return Audience(self._engine, reachable, tuple(channels))

    # what Slack's events say

    def remember(self, user: Mapping[str, Any]) -> Person:
        """Keep Slack's description of a person (from `user_change` or `team_join`), replacing what was kept."""
        person = person_from_slack(user)
        self._keep([person])
        return person

    def joined(self, channel_id: str, user_id: str) -> None:
        with joined_scope(self._engine) as session:
            store.add_channel_member(session, channel_id=channel_id, user_id=user_id)

    def left(self, channel_id: str, user_id: str) -> None:
        with joined_scope(self._engine) as session:
            store.remove_channel_member(session, channel_id=channel_id, user_id=user_id)

    # fetching what is not kept

    def _people(self, user_ids: Iterable[str]) -> dict[str, Person]:
        wanted = list(user_ids)
        with joined_scope(self._engine) as session:
            people = {uid: person_from_row(row) for uid, row in store.people(session, wanted).items()}
        fetched: list[Person] = []
        try:
            for user_id in wanted:
                if user_id not in people and (person := self._fetch_person(user_id)) is not None:
                    fetched.append(person)
        finally:
            self._keep(fetched)  # what was fetched before Slack failed is not fetched again
        people.update((p.id, p) for p in fetched)
        return people

    def _fetch_person(self, user_id: str) -> Person | None:
        outcome = call(self._client.users_info, user=user_id)
        if not outcome.ok and outcome.error in NOT_A_USER:
            return None
        return person_from_slack(answer(outcome)["user"])

    def _keep(self, people: list[Person]) -> None:
        if not people:
            return
        now = self._clock.now()
        with joined_scope(self._engine) as session:
            store.save_people(session, [row_from_person(p, now) for p in people])

    def _keep_channel(self, channel_id: str) -> None:
        """Fetch the channel's whole membership unless it is kept and fresh."""
        now = self._clock.now()
        with joined_scope(self._engine) as session:
            fetched_at = store.channel_fetched_at(session, channel_id)
        if fetched_at is not None and now - fetched_at < CHANNEL_REFRESH:
            return
        members = self._paged_members(channel_id)
        with joined_scope(self._engine) as session:
            store.replace_channel_members(session, channel_id=channel_id, members=members, now=now)

    def _paged_members(self, channel_id: str) -> list[str]:
        members: list[str] = []
        cursor = ""
        while True:
            args: dict[str, Any] = {"channel": channel_id, "limit": PAGE_SIZE}
            if cursor:
                args["cursor"] = cursor
            data = answer(call(self._client.conversations_members, **args))
            members.extend(data.get("members", []))
            cursor = data.get("response_metadata", {}).get("next_cursor", "")
            if not cursor:
                return members

    def _cached(self, key: str, fetch: Callable[[], Any]) -> Any:
        now = self._clock.now()
        with self._lock:
            hit = self._groups.get(key)
            if hit and now - hit[0] < GROUP_CACHE_TTL:
                return hit[1]
        value = fetch()
        with self._lock:
            self._groups[key] = (now, value)
        return value
