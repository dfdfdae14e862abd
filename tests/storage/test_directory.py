"""The kept directory's repository: people replaced by their newest description, a channel's members kept whole
or not at all, and the sync's next call claimed by one process only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine

from storage import directory
from storage.db import joined_scope, session_scope
from storage.models import DirectoryPerson

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def person(user_id: str, *, deleted: bool = False, tz: str = "UTC") -> DirectoryPerson:
    return DirectoryPerson(user_id=user_id, name=user_id.lower(), tz=tz, deleted=deleted, updated_at=NOW)


def test_a_person_described_again_is_replaced_not_duplicated(engine: Engine) -> None:
    with session_scope(engine) as session:
        directory.save_people(session, [person("U1"), person("U2")])
    with session_scope(engine) as session:
        directory.save_people(session, [person("U1", deleted=True, tz="Asia/Tokyo")])

    with session_scope(engine) as session:
        kept = directory.people(session, ["U1", "U2", "U3"])

    assert sorted(kept) == ["U1", "U2"]
    assert (kept["U1"].deleted, kept["U1"].tz) == (True, "Asia/Tokyo")


def test_people_are_looked_up_in_chunks_the_database_accepts(engine: Engine) -> None:
    many = [person(f"U{n:05d}") for n in range(directory.LOOKUP_CHUNK * 2 + 7)]
    with session_scope(engine) as session:
        directory.save_people(session, many)

    with session_scope(engine) as session:
        assert len(directory.people(session, [p.user_id for p in many])) == len(many)


def test_joins_are_kept_only_for_channels_whose_members_were_fetched(engine: Engine) -> None:
    with session_scope(engine) as session:
        assert directory.add_channel_member(session, channel_id="C1", user_id="U9") is False
        directory.replace_channel_members(session, channel_id="C1", members=["U2", "U1", "U2"], now=NOW)
        assert directory.add_channel_member(session, channel_id="C1", user_id="U3") is True
        directory.remove_channel_member(session, channel_id="C1", user_id="U2")

    with session_scope(engine) as session:
        assert directory.channel_members(session, "C1") == ["U1", "U3"]
        assert directory.channel_fetched_at(session, "C1") == NOW
        assert directory.channel_fetched_at(session, "C2") is None


def test_fetching_a_channel_again_replaces_its_members(engine: Engine) -> None:
    with session_scope(engine) as session:
        directory.replace_channel_members(session, channel_id="C1", members=["U1", "U2"], now=NOW)
    later = NOW + timedelta(days=1)
    with session_scope(engine) as session:
        directory.replace_channel_members(session, channel_id="C1", members=["U3"], now=later)

    with session_scope(engine) as session:
        assert directory.channel_members(session, "C1") == ["U3"]
        assert directory.channel_fetched_at(session, "C1") == later


def test_only_one_process_claims_the_syncs_next_call(engine: Engine) -> None:
    hold = NOW + timedelta(minutes=1)
    with session_scope(engine) as session:
        first = directory.claim_sync_call(session, name="users", now=NOW, hold_until=hold)
    with session_scope(engine) as session:
        second = directory.claim_sync_call(session, name="users", now=NOW, hold_until=hold)
    with session_scope(engine) as session:
        after_the_hold = directory.claim_sync_call(session, name="users", now=hold, hold_until=hold)

    assert first is not None and first.cursor == ""
    assert second is None
    assert after_the_hold is not None


def test_forgetting_a_person_drops_what_the_directory_keeps_about_them(engine: Engine) -> None:
    with session_scope(engine) as session:
        directory.save_people(session, [person("U1"), person("U2")])
        directory.replace_channel_members(session, channel_id="C1", members=["U1", "U2"], now=NOW)

    with session_scope(engine) as session:
        removed = directory.forget_person(session, user_id="U1")

    with session_scope(engine) as session:
        assert removed == 2
        assert sorted(directory.people(session, ["U1", "U2"])) == ["U2"]
        assert directory.channel_members(session, "C1") == ["U2"]


def test_a_joined_scope_uses_the_unit_of_work_already_open(engine: Engine) -> None:
    with session_scope(engine) as outer, joined_scope(engine) as inner:
        assert inner is outer
    with joined_scope(engine) as alone:
        directory.save_people(alone, [person("U1")])
    with session_scope(engine) as session:
        assert list(directory.people(session, ["U1"])) == ["U1"]


def test_a_large_audience_is_read_in_pages_each_member_once(engine: Engine) -> None:
    members = [f"U{n:05d}" for n in range(directory.LOOKUP_CHUNK * 3 + 1)]  # more than one INSERT's worth
    with session_scope(engine) as session:
        directory.replace_channel_members(session, channel_id="C1", members=members, now=NOW)
        directory.replace_channel_members(session, channel_id="C2", members=[*members[::2], "U99999"], now=NOW)

    pages: list[list[str]] = []
    with session_scope(engine) as session:
        while page := directory.members_page(session, ["C1", "C2"], after=pages[-1][-1] if pages else "", limit=400):
            pages.append(page)

    assert [len(p) for p in pages] == [400, 400, 400, len(members) + 1 - 1200]
    assert [uid for page in pages for uid in page] == [*members, "U99999"]


def test_members_nobody_described_yet_are_found_for_fetching(engine: Engine) -> None:
    with session_scope(engine) as session:
        directory.save_people(session, [person("U1")])
        directory.replace_channel_members(session, channel_id="C1", members=["U1", "U2"], now=NOW)
        directory.replace_channel_members(session, channel_id="C2", members=["U2", "U3"], now=NOW)

    with session_scope(engine) as session:
        assert sorted(directory.undescribed_members(session, ["C1", "C2"])) == ["U2", "U3"]
