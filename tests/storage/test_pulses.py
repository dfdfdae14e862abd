"""Pulse storage and the digest's scores, with hand-computed numbers and the suppression rules applied."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.pulses.scores import dimension_scores, item_scores, period_disclosures
from storage import pulse_answers as answer_store
from storage import pulses as store
from storage.db import session_scope
from storage.models import PulseAnswer, PulseCampaign

OPENS = datetime(2026, 11, 23, 9, tzinfo=UTC)
CLOSES = OPENS + timedelta(hours=72)
SINCE, UNTIL = OPENS, OPENS + timedelta(days=7)


def make_round(session: Session, *, opens_at: datetime = OPENS, state: str = "closed") -> int:
    campaign = store.add_campaign(
        session,
        PulseCampaign(
            creator="U0LEAD",
            question_ids=["q-a", "q-b", "q-out"],
            audience=["C1"],
            local_time="09:00",
            timezone="UTC",
            starts_at=opens_at,
            created_at=opens_at,
        ),
    )
    assert campaign.id is not None
    store.open_round(
        session, campaign_id=campaign.id, opens_at=opens_at, closes_at=opens_at + timedelta(hours=72), reminder_at=None
    )
    pulse_round = store.latest_round(session, campaign_id=campaign.id)
    assert pulse_round is not None and pulse_round.id is not None
    pulse_round.state = state
    session.add(pulse_round)
    return pulse_round.id


def give(
    session: Session, round_id: int, group: str, scores: list[int], question: str = "q-a", *, start: int = 0
) -> None:
    dimension, scale = ("outcome", "nps11") if question == "q-out" else ("alignment", "likert5")
    for n, score in enumerate(scores, start=start):
        store.upsert_answers(
            session, [store.AnswerRow(round_id, f"{group}-{n}", question, dimension, scale, score, group)]
        )


def ask(
    session: Session, round_id: int, group: str, people: int, answered: int, remind_at: datetime | None = None
) -> None:
    for n in range(people):
        store.add_participation(
            session,
            round_id=round_id,
            user_id=f"U{group}{n}",
            group=group,
            state=store.INVITED,
            now=OPENS,
            remind_at=remind_at,
        )
        if n < answered:
            found = store.participation(session, round_id=round_id, user_id=f"U{group}{n}")
            assert found is not None and found.id is not None
            answer_store.mark_answered(session, [found.id])


def test_a_second_answer_to_the_same_question_replaces_the_first(engine: Engine) -> None:
    with session_scope(engine) as session:
        round_id = make_round(session, state="open")
        give(session, round_id, "C1", [2])
        give(session, round_id, "C1", [5])
    with session_scope(engine) as session:
        assert [(a.token, a.score) for a in session.exec(select(PulseAnswer))] == [("C1-0", 5)]


def test_organisation_wide_scores_are_normalised_means_over_everyone(engine: Engine) -> None:
    with session_scope(engine) as session:
        round_id = make_round(session)
        give(session, round_id, "C1", [5, 4, 4, 3, 2])
        give(session, round_id, "G2", [1, 1], start=5)
        ask(session, round_id, "C1", 8, 5)
        ask(session, round_id, "G2", 2, 2)

        [alignment] = dimension_scores(period_disclosures(session, since=SINCE, until=UNTIL, min_size=5), None)
        turnout = store.turnout(session, [round_id])

    # (s − 1) × 25: 100, 75, 75, 50, 25, 0, 0 → 325 / 7
    assert alignment.dimension == "alignment"
    assert alignment.score == pytest.approx(325 / 7)
    assert alignment.respondents == 7
    assert (turnout.answered, turnout.invited) == (7, 10)


def test_a_scope_is_suppressed_when_the_rest_of_the_organisation_is_under_the_minimum(engine: Engine) -> None:
    # Showing C1 alone would let the organisation-wide score minus C1's reveal G2's two answers.
    with session_scope(engine) as session:
        round_id = make_round(session)
        give(session, round_id, "C1", [5, 4, 4, 3, 2])
        give(session, round_id, "G2", [1, 1], start=5)

        [alignment] = dimension_scores(period_disclosures(session, since=SINCE, until=UNTIL, min_size=5), {"C1"})

    assert alignment.score is None


def test_a_scope_is_shown_when_what_it_leaves_out_is_large_enough(engine: Engine) -> None:
    with session_scope(engine) as session:
        round_id = make_round(session)
        give(session, round_id, "C1", [5, 4, 4, 3, 2])
        give(session, round_id, "G2", [1, 1], start=5)
        give(session, round_id, "G3", [3, 3, 3, 3, 4], start=7)

        shown = dimension_scores(period_disclosures(session, since=SINCE, until=UNTIL, min_size=5), {"G3"})
        hidden = dimension_scores(period_disclosures(session, since=SINCE, until=UNTIL, min_size=5), {"C1"})

    # G2 (2) alone would be exposed, so the smaller of the two shown groups (a tie: C1 by name) is hidden too.
    assert shown[0].score == pytest.approx((50 * 4 + 75) / 5)
    assert hidden[0].score is None


def test_a_group_under_the_minimum_has_no_score(engine: Engine) -> None:
    with session_scope(engine) as session:
        round_id = make_round(session)
        give(session, round_id, "G2", [1, 1, 2, 2])

        [alignment] = dimension_scores(period_disclosures(session, since=SINCE, until=UNTIL, min_size=5), None)

    assert alignment.score is None and alignment.respondents == 0


def test_open_rounds_and_rounds_outside_the_period_do_not_count(engine: Engine) -> None:
    with session_scope(engine) as session:
        give(session, make_round(session, state="open"), "C1", [5, 5, 5, 5, 5])
        give(session, make_round(session, opens_at=OPENS - timedelta(days=30)), "C1", [1, 1, 1, 1, 1])

        assert dimension_scores(period_disclosures(session, since=SINCE, until=UNTIL, min_size=5), None) == []


def test_item_scores_give_each_question_its_own_scale_mean_lowest_first(engine: Engine) -> None:
    with session_scope(engine) as session:
        round_id = make_round(session)
        give(session, round_id, "C1", [5, 4, 4, 3, 2])
        give(session, round_id, "C1", [2, 2, 1, 1, 1], question="q-b")
        give(session, round_id, "C1", [10, 9, 8, 6, 2], question="q-out")

        items = item_scores(period_disclosures(session, since=SINCE, until=UNTIL, min_size=5), None)
        dimensions = dimension_scores(period_disclosures(session, since=SINCE, until=UNTIL, min_size=5), None)

    assert [(i.question_id, i.dimension) for i in items] == [
        ("q-b", "alignment"),
        ("q-a", "alignment"),
        ("q-out", "outcome"),
    ]
    assert [i.mean for i in items] == [pytest.approx(1.4), pytest.approx(3.6), pytest.approx(7.0)]
    assert [i.score for i in items] == [pytest.approx(10.0), pytest.approx(65.0), pytest.approx(70.0)]
    assert [(d.dimension, d.score) for d in dimensions] == [
        ("alignment", pytest.approx(37.5)),
        ("outcome", pytest.approx(70.0)),
    ]


def test_reminders_are_taken_once_when_due_and_only_for_non_responders(engine: Engine) -> None:
    due = OPENS + timedelta(hours=36)
    with session_scope(engine) as session:
        round_id = make_round(session, state="open")
        ask(session, round_id, "C1", 4, 1, remind_at=due)
        ask(session, round_id, "C2", 2, 0)  # no reminder for these
        early = store.take_reminders(session, round_id, now=due - timedelta(minutes=1))
        first = store.take_reminders(session, round_id, now=due)
        second = store.take_reminders(session, round_id, now=due + timedelta(hours=1))

    assert early == []
    assert first == ["UC11", "UC12", "UC13"]
    assert second == []
