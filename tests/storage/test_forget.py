"""Forgetting's SQL: two forgotten recipients of one shout-out share the tombstone's one place."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import select

from storage import forget
from storage.db import session_scope
from storage.models import ShoutoutRecipient
from tests.support.programme_data import ProgrammeData

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_forgetting_two_recipients_of_one_shoutout_leaves_one_tombstone_beside_the_others(engine: Engine) -> None:
    ProgrammeData(engine).shoutout(giver="U0CAROL", recipients=["U0ALICE", "U0BOB", "U0DAN"], at=NOW)

    with session_scope(engine) as session:
        first = forget.unname_recipient(session, user_id="U0ALICE")
    with session_scope(engine) as session:
        second = forget.unname_recipient(session, user_id="U0BOB")
        recipients = sorted(session.exec(select(ShoutoutRecipient.recipient)).all())

    assert (first, second) == (1, 1)
    assert recipients == ["U0DAN", "UFORGOTTEN"]
