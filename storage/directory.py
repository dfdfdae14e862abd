"""The kept directory: people, the channels whose members Cadence fetched, and where the `users.list` sync stands."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from storage.models import ChannelMember, DirectoryChannel, DirectoryPerson, DirectorySync

LOOKUP_CHUNK = 500  # ids per IN (...) query: well under SQLite's bound-parameter limit
PERSON_FIELDS = ("name", "real_name", "tz", "is_bot", "deleted", "updated_at")


def _insert(session: Session) -> Any:
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


# --- people ----------------------------------------------------------------------------------------------------------


def people(session: Session, user_ids: Iterable[str]) -> dict[str, DirectoryPerson]:
    """The known people among `user_ids`, by id; ids nobody has described yet are absent."""
    wanted = list(dict.fromkeys(user_ids))
    found: dict[str, DirectoryPerson] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        for row in session.exec(select(DirectoryPerson).where(col(DirectoryPerson.user_id).in_(chunk))):
            found[row.user_id] = row
    return found


def save_people(session: Session, described: Sequence[DirectoryPerson]) -> None:
    """Insert or replace each person (the newest description wins), in one statement sent with many rows."""
    latest = {p.user_id: p for p in described}
    if not latest:
        return
    rows = [{"user_id": p.user_id, **{f: getattr(p, f) for f in PERSON_FIELDS}} for p in latest.values()]
    statement = _insert(session)(DirectoryPerson)
    excluded = statement.excluded
    upsert = statement.on_conflict_do_update(
        index_elements=["user_id"], set_={f: getattr(excluded, f) for f in PERSON_FIELDS}
    )
    session.connection().execute(upsert, rows)


def forget_person(session: Session, *, user_id: str) -> int:
    """Drop what the directory keeps about the person (Slack describes them again if they are still there)."""
    removed = 0
    for model in (DirectoryPerson, ChannelMember):
        removed += int(session.exec(delete(model).where(col(model.user_id) == user_id)).rowcount)
    return removed


# --- channel memberships ---------------------------------------------------------------------------------------------


def channel_fetched_at(session: Session, channel_id: str) -> datetime | None:
    """When the channel's whole membership was last fetched; None for a channel Cadence does not keep."""
    return session.exec(
        select(DirectoryChannel.fetched_at).where(col(DirectoryChannel.channel_id) == channel_id)
    ).first()


def channel_members(session: Session, channel_id: str) -> list[str]:
    statement = select(ChannelMember.user_id).where(col(ChannelMember.channel_id) == channel_id)
    return list(session.exec(statement.order_by(col(ChannelMember.user_id))))


def members_page(session: Session, channel_ids: Sequence[str], *, after: str, limit: int) -> list[str]:
    """Up to `limit` members of any of the kept channels `channel_ids`, each once, in id order after `after`: a
    large audience read a page at a time."""
    statement = (
        select(ChannelMember.user_id)
        .where(col(ChannelMember.channel_id).in_(list(channel_ids)), col(ChannelMember.user_id) > after)
        .distinct()
        .order_by(col(ChannelMember.user_id))
        .limit(limit)
    )
    return list(session.exec(statement))


def undescribed_members(session: Session, channel_ids: Sequence[str]) -> list[str]:
    """Members of the kept channels `channel_ids` whom nobody has described yet (no person kept)."""
    statement = (
        select(ChannelMember.user_id)
        .outerjoin(DirectoryPerson, col(DirectoryPerson.user_id) == col(ChannelMember.user_id))
        .where(col(ChannelMember.channel_id).in_(list(channel_ids)), col(DirectoryPerson.user_id).is_(None))
        .distinct()
    )
    return list(session.exec(statement))


def replace_channel_members(session: Session, *, channel_id: str, members: Iterable[str], now: datetime) -> None:
    """Keep exactly `members` for the channel, as fetched at `now`."""
    session.exec(delete(ChannelMember).where(col(ChannelMember.channel_id) == channel_id))
    rows = [{"channel_id": channel_id, "user_id": user_id} for user_id in dict.fromkeys(members)]
    if rows:  # one statement sent with many rows: a VALUES list of a big channel would pass SQLite's limits
        session.connection().execute(_insert(session)(ChannelMember), rows)
    session.exec(
        _insert(session)(DirectoryChannel)
        .values(channel_id=channel_id, fetched_at=now)
        .on_conflict_do_update(index_elements=["channel_id"], set_={"fetched_at": now})
    )


def add_channel_member(session: Session, *, channel_id: str, user_id: str) -> bool:
    """Record a join in a kept channel; False (nothing stored) when Cadence does not keep that channel."""
    if channel_fetched_at(session, channel_id) is None:
        return False
    session.exec(
        _insert(session)(ChannelMember).values(channel_id=channel_id, user_id=user_id).on_conflict_do_nothing()
    )
    return True


def remove_channel_member(session: Session, *, channel_id: str, user_id: str) -> None:
    session.exec(
        delete(ChannelMember).where(col(ChannelMember.channel_id) == channel_id, col(ChannelMember.user_id) == user_id)
    )


# --- the periodic sync -----------------------------------------------------------------------------------------------


def claim_sync_call(session: Session, *, name: str, now: datetime, hold_until: datetime) -> DirectorySync | None:
    """Take the right to make the sync's next call: one compare-and-set on `next_call_at`, so two processes never
    fetch the same page. The winner gets the sync's state; everyone else None."""
    session.exec(_insert(session)(DirectorySync).values(name=name, next_call_at=now).on_conflict_do_nothing())
    claimed = session.exec(
        update(DirectorySync)
        .where(col(DirectorySync.name) == name, col(DirectorySync.next_call_at) <= now)
        .values(next_call_at=hold_until)
    )
    if claimed.rowcount != 1:
        return None
    return session.exec(select(DirectorySync).where(col(DirectorySync.name) == name)).one()


def sync_state(session: Session, name: str) -> DirectorySync | None:
    return session.get(DirectorySync, name)


def save_sync(session: Session, state: DirectorySync) -> None:
    session.merge(state)
