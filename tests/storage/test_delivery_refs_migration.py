"""Upgrading a database whose outbox was filled by an older Cadence: every delivery learns its kind and what it is
about, so a schedule paused or a round closed after the upgrade still withdraws what was queued before it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.platform.outbox import keys
from bot.platform.outbox.queue import cancel_pending, count_by_state
from storage.db import create_db_engine, session_scope
from storage.migrate import alembic_config
from storage.models import Delivery, DeliveryState, DigestPost, UtcDateTime
from tests.conftest import require_postgres
from tests.storage.test_migrations import empty

AT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
OLD_ROWS = [
    ("keymsg:12:20261130T0900:U1", "keymsg", "U1", DeliveryState.PENDING, {"text": "promise"}),
    ("keymsg:12:20261207T0900:U1", "keymsg", "U1", DeliveryState.SENT, {"text": "promise"}),
    ("pulse:3:U1", "pulse", "U1", DeliveryState.PENDING, {}),
    ("pulse-reminder:3:U2", "pulse-reminder", "U2", DeliveryState.PENDING, {}),
    ("shoutout:5:channel", "shoutout", "C1", DeliveryState.PENDING, {}),
    ("shoutout:5:dm:U2", "shoutout", "U2", DeliveryState.PENDING, {}),
    ("keymsg-handover:U9:4-9:3", "keymsg_notice", "U8", DeliveryState.SENT, {}),
    ("digest:C7:2026-W48", "digest", "C7", DeliveryState.SENT, {"text": "Weekly digest for the organisation"}),
    ("digest-chart:C7:2026-W48", "digest-chart", "C7", DeliveryState.SENT, {}),
]
OLD_DELIVERY = sa.table(
    "delivery",
    sa.column("key", sa.String()),
    sa.column("kind", sa.String()),
    sa.column("channel", sa.String()),
    sa.column("state", sa.String()),
    sa.column("payload", sa.JSON()),
    sa.column("attempts", sa.Integer()),
    sa.column("next_attempt_at", UtcDateTime()),
    sa.column("created_at", UtcDateTime()),
    sa.column("sent_at", UtcDateTime()),
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A database at the first revision, holding what an older Cadence queued."""
    url = f"sqlite:///{tmp_path / 'old.db'}" if request.param == "sqlite" else require_postgres()
    engine = empty(create_db_engine(url))
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            OLD_DELIVERY.insert(),
            [
                {"key": k, "kind": kind, "channel": c, "state": s, "payload": p, "attempts": 0}
                | {"next_attempt_at": AT, "created_at": AT, "sent_at": AT if s == DeliveryState.SENT else None}
                for k, kind, c, s, p in OLD_ROWS
            ],
        )
        command.upgrade(config, "head")
    yield engine
    empty(engine).dispose()


def what_each_is(engine: Engine) -> dict[str, tuple[str, int | None, str | None]]:
    with session_scope(engine) as session:
        return {d.key: (d.kind, d.ref_id, d.ref) for d in session.exec(select(Delivery))}


def test_deliveries_queued_before_the_upgrade_say_what_they_are_about(old_database: Engine) -> None:
    found = what_each_is(old_database)

    for spelled in (
        keys.key_message(12, "20261130T0900", "U1"),
        keys.pulse_invite(3, "U1"),
        keys.pulse_reminder(3, "U2"),
        keys.shoutout_post(5),
        keys.shoutout_dm(5, "U2"),
        keys.schedules_handed_over("U9", [4, 7, 9]),
        keys.weekly_digest("C7", "2026-W48"),
        keys.digest_chart(keys.weekly_digest("C7", "2026-W48")),
    ):
        assert found[spelled.key] == (spelled.kind, spelled.ref_id, spelled.ref), spelled.key


def test_after_the_upgrade_old_deliveries_are_withdrawn_and_counted_by_what_they_are_about(
    old_database: Engine,
) -> None:
    with session_scope(old_database) as session:
        withdrawn = cancel_pending(session, keys.pulses_of(3)) + cancel_pending(session, keys.shoutout_deliveries(5))
        reach = count_by_state(session, keys.key_messages_of(12))
        first = count_by_state(session, keys.key_messages_of(12, "20261130T0900"))

    assert withdrawn == 4
    assert reach == {DeliveryState.PENDING: 1, DeliveryState.SENT: 1}
    assert first == {DeliveryState.PENDING: 1}


def test_digests_posted_before_the_upgrade_are_on_record_for_app_home(old_database: Engine) -> None:
    with session_scope(old_database) as session:
        [post] = session.exec(select(DigestPost)).all()

    assert (post.channel, post.headline) == ("C7", "Weekly digest for the organisation")
