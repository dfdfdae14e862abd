"""The record of digests posted: what App Home shows of a channel's latest digest, kept apart from outbox payloads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine

from storage import deliveries, digests, forget, home
from storage.db import session_scope

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def queue_digest(engine: Engine, key: str, headline: str, *, channel: str = "C1", at: datetime = NOW) -> int:
    with session_scope(engine) as session:
        delivery_id = deliveries.enqueue(
            session, key=key, kind="digest", channel=channel, payload={"text": "not read"}, due_at=at, now=at
        )
        assert delivery_id is not None
        digests.record_post(session, channel=channel, delivery_id=delivery_id, headline=headline, now=at)
        return delivery_id


def mark_sent(engine: Engine, delivery_id: int, at: datetime) -> None:
    with session_scope(engine) as session:
        deliveries.mark_sent(session, delivery_id, now=at, channel="C1", ts="1.0")


def latest(engine: Engine, channel: str = "C1") -> tuple[str, datetime] | None:
    """The headline and posting time App Home shows for `channel`'s last digest."""
    with session_scope(engine) as session:
        found = home.latest_digest(session, channel=channel)
    return (found[0], found[1]) if found is not None else None


def test_app_home_shows_the_last_digest_posted_not_the_last_queued(engine: Engine) -> None:
    first = queue_digest(engine, "digest:C1:2026-W48", "Week 48")
    queue_digest(engine, "digest:C1:2026-W49", "Week 49", at=NOW + timedelta(days=7))
    queue_digest(engine, "digest:C2:2026-W48", "Another channel's", channel="C2")
    assert latest(engine) is None

    mark_sent(engine, first, NOW + timedelta(minutes=1))

    assert latest(engine) == ("Week 48", NOW + timedelta(minutes=1))
    assert latest(engine, "C2") is None


def test_forgetting_a_person_unnames_them_in_digest_headlines(engine: Engine) -> None:
    sent = queue_digest(engine, "digest:C1:2026-W48", "Weekly digest for <@U0BOB> and <@U0ALICE>")
    mark_sent(engine, sent, NOW)

    with session_scope(engine) as session:
        changed = forget.unname_in_payloads(session, user_id="U0BOB")

    assert changed == 1
    assert latest(engine) == (f"Weekly digest for <@{forget.FORGOTTEN}> and <@U0ALICE>", NOW)
