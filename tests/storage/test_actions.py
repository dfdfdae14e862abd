"""Team actions in the database: one per form submission, statuses, one follow-up round each, and forgetting."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.engine import Engine

from storage import actions, forget
from storage.db import session_scope
from storage.models import ActionStatus

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def values(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "channel": "C1",
        "groups": ["C0TEAM"],
        "question_id": "q1",
        "item_text": "Item",
        "text": "Do it",
        "owner": "U0BOB",
        "due_on": date(2026, 12, 4),
        "created_by": "U0CARA",
    }
    return base | changes


def add(engine: Engine, key: str = "modal:V1", **changes: object) -> tuple[int, bool]:
    with session_scope(engine) as session:
        row, created = actions.add(session, values=values(**changes), request_key=key, now=NOW)
        return row.id or 0, created


def test_the_same_form_submitted_twice_is_one_action(engine: Engine) -> None:
    first, created = add(engine)
    again, created_again = add(engine, text="Something else")

    assert (first, created) == (again, True) and not created_again
    with session_scope(engine) as session:
        [row] = actions.listed(session)
        assert row.text == "Do it" and row.groups == ["C0TEAM"] and row.status == ActionStatus.OPEN


def test_done_is_stamped_once_and_open_lists_and_overdue_leave_it_out(engine: Engine) -> None:
    done, _ = add(engine)
    late, _ = add(engine, "modal:V2", due_on=date(2026, 11, 20), channel="C2")
    with session_scope(engine) as session:
        assert actions.set_status(session, done, ActionStatus.DONE, now=NOW)
        actions.set_status(session, done, ActionStatus.DONE, now=NOW + timedelta(days=1))
        assert not actions.set_status(session, 999, ActionStatus.DONE, now=NOW)
    with session_scope(engine) as session:
        assert actions.get(session, done).done_at == NOW  # type: ignore[union-attr]
        assert [a.id for a in actions.listed(session, open_only=True)] == [late]
        assert [a.id for a in actions.overdue(session, today=date(2026, 11, 23))] == [late]
        assert actions.overdue(session, today=date(2026, 11, 23), channels=["C1"]) == []


def test_a_done_action_is_followed_up_by_one_round_only(engine: Engine) -> None:
    action_id, _ = add(engine)
    with session_scope(engine) as session:
        actions.set_status(session, action_id, ActionStatus.DONE, now=NOW)
    with session_scope(engine) as session:
        assert [a.id for a in actions.awaiting_followup(session)] == [action_id]
        assert actions.claim_followup(session, action_id, 11)
        assert not actions.claim_followup(session, action_id, 12)
    with session_scope(engine) as session:
        assert actions.awaiting_followup(session) == []
        assert actions.get(session, action_id).followup_round_id == 11  # type: ignore[union-attr]


def test_forgetting_a_person_hands_their_actions_to_the_owner(engine: Engine) -> None:
    add(engine)
    with session_scope(engine) as session:
        assert forget.hand_over_actions(session, user_id="U0BOB", new_owner="U0OWNER") == 1
        assert forget.hand_over_actions(session, user_id="U0CARA", new_owner="U0OWNER") == 1
    with session_scope(engine) as session:
        [row] = actions.listed(session)
        assert (row.owner, row.created_by) == ("U0OWNER", "U0OWNER")
