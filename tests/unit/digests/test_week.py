"""A digest's figures against numbers worked out by hand, and the privacy rules on the digest surface."""

from __future__ import annotations

import statistics
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.digests.keydrivers import relative_weights
from bot.digests.views import Digest, Period
from bot.digests.week import Scope, gather
from content.pack import load_pack
from storage.db import session_scope
from storage.models import PulseAnswer, PulseRound
from tests.support.programme_data import ProgrammeData

END = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PERIOD = Period.week_ending(END)
PACK = load_pack()
ORG = Scope("the whole organisation")
TEAM = Scope("members of <#C0TEAMA>", frozenset({"U0ALICE", "U0BOB"}), groups=("C0TEAMA",), team=True)


def build(engine: Engine, scope: Scope = ORG, min_size: int = 5) -> Digest:
    with session_scope(engine) as session:
        digest, _ = gather(session, pack=PACK, channel="C0CHAMPS", scope=scope, period=PERIOD, min_size=min_size)
    return digest


def answers(align: list[int], empower: list[int], outcome: list[int]) -> list[dict[str, int]]:
    return [
        {"align-role-meaning": a, "empower-fix-without-approval": e, "outcome-recommend": o}
        for a, e, o in zip(align, empower, outcome, strict=True)
    ]


@pytest.fixture
def week(engine: Engine) -> ProgrammeData:
    data = ProgrammeData(engine)
    data.pulse_round(closes_at=END - timedelta(days=10), answers=answers([3] * 6, [3] * 6, [5] * 6), invited=6)
    data.pulse_round(
        closes_at=END - timedelta(days=3),
        answers=answers([5, 4, 4, 3, 2, 2], [2] * 6, [10, 8, 8, 6, 4, 4]),
        invited=8,
        comments=["More time with customers", "Fewer approvals", "<@U0BOB> knows", "A fourth"],
    )
    data.shoutout(giver="U0ALICE", recipients=["U0BOB"], at=END - timedelta(days=1), behaviour="own-it", message="Yes")
    data.shoutout(giver="U0BOB", recipients=["U0ALICE"], at=END - timedelta(days=2), behaviour="own-it")
    data.shoutout(giver="U0BOB", recipients=["U0CAROL"], at=END - timedelta(days=9), behaviour="put-it-right")
    data.key_message(
        title="Why we exist", occurs_at=END - timedelta(days=4), delivered=10, failed=1, got_it=4, discussed=2
    )
    return data


def test_dimension_scores_and_changes_match_hand_computed_values(engine: Engine, week: ProgrammeData) -> None:
    pulses = build(engine).pulses
    scores = {d.dimension: d for d in pulses.dimensions}

    # alignment: answers 5,4,4,3,2,2 → (s−1)×25 = 100,75,75,50,25,25 → 350/6; the week before all 3 → 50
    assert scores["alignment"].score == pytest.approx(350 / 6)
    assert scores["alignment"].change == pytest.approx(350 / 6 - 50)
    assert scores["empowerment"].score == pytest.approx(25.0)
    assert scores["outcome"].score == pytest.approx(400 / 6)  # 0–10 answers ×10
    assert scores["alignment"].respondents == 6
    assert scores["alignment"].trend[-2:] == pytest.approx((50.0, 350 / 6))
    assert scores["alignment"].trend[:-2] == (None,) * 6


def test_participation_lowest_item_and_suggestion(engine: Engine, week: ProgrammeData) -> None:
    digest = build(engine)
    part = digest.pulses.participation

    assert part is not None and (part.answered, part.invited, part.previous_rate) == (6, 8, 1.0)
    assert digest.pulses.lowest is not None
    assert (digest.pulses.lowest.question_id, digest.pulses.lowest.score) == ("empower-fix-without-approval", 2.0)
    assert digest.suggestion is not None
    expected = PACK.prompts_for_question("empower-fix-without-approval")[0]
    assert digest.suggestion.title == expected.title
    assert digest.focus is not None and digest.focus.question_id == digest.suggestion.question_id
    # 6 of 8 after 6 of 6: a fall of 25 points, but within its uncertainty, so it is not called a fall
    assert not any("participation fell" in w for w in digest.warnings)


def test_a_clear_sharp_fall_in_participation_is_a_warning(engine: Engine) -> None:
    data = ProgrammeData(engine)
    data.pulse_round(closes_at=END - timedelta(days=9), answers=[{"align-role-meaning": 4}] * 45, invited=50)
    data.pulse_round(closes_at=END - timedelta(days=2), answers=[{"align-role-meaning": 4}] * 25, invited=50)

    digest = build(engine)

    assert digest.pulses.participation is not None and digest.pulses.participation.change_is_clear
    assert any("participation fell from 90% to 50%" in w for w in digest.warnings)


def test_comments_are_at_most_three_and_recognition_and_messages_are_counted(
    engine: Engine, week: ProgrammeData
) -> None:
    digest = build(engine)

    assert len(digest.pulses.comments) == 3
    assert set(digest.pulses.comments) <= {"More time with customers", "Fewer approvals", "<@U0BOB> knows", "A fourth"}
    assert digest.recognition.count == 2
    assert digest.recognition.top_behaviours == ((":handshake: Owned it end to end", 2),)
    assert [h.words for h in digest.recognition.highlights] == ["Yes"]
    assert digest.recognition.first_timers == ("U0ALICE", "U0BOB")
    [message] = digest.messages
    assert (message.delivered, message.failed, message.acknowledged, message.discussed) == (10, 1, 4, 2)
    assert any("Why we exist" in w and "could not be delivered" in w for w in digest.warnings)


def test_a_team_under_the_minimum_size_shows_no_score_and_no_comments(engine: Engine) -> None:
    data = ProgrammeData(engine)
    data.pulse_round(
        closes_at=END - timedelta(days=3), answers=answers([5] * 4, [5] * 4, [9] * 4), group="C0TEAMA", comments=["x"]
    )

    pulses = build(engine, TEAM).pulses

    assert all(d.score is None for d in pulses.dimensions)
    assert pulses.comments == ()
    assert pulses.lowest is None
    assert pulses.answered_but_hidden


def test_a_team_is_hidden_when_the_rest_of_its_round_would_be_exposed_by_subtraction(engine: Engine) -> None:
    data = ProgrammeData(engine)
    closes = END - timedelta(days=3)
    data.pulse_round(closes_at=closes, answers=answers([5] * 5, [5] * 5, [9] * 5), group="C0TEAMA", comments=["t"])
    with session_scope(engine) as session:
        round_id = session.exec(select(PulseRound.id)).one()
        assert round_id is not None
        for i in range(3):
            session.add(
                PulseAnswer(
                    round_id=round_id,
                    question_id="align-role-meaning",
                    dimension="alignment",
                    scale="likert5",
                    token=f"other-{i}",
                    score=1,
                    group="C0OTHER",
                )
            )

    team = build(engine, TEAM).pulses
    org = build(engine).pulses

    assert {d.dimension: d.score for d in team.dimensions}["alignment"] is None  # 8 in the round − 5 would leave 3
    assert team.comments == ()
    assert {d.dimension: d.score for d in org.dimensions}["alignment"] == pytest.approx((5 * 100 + 3 * 0) / 8)


def test_key_drivers_from_sql_match_the_textbook_correlation(engine: Engine) -> None:
    align = [1 + (i * 7) % 5 for i in range(32)]
    empower = [1 + (i * 3) % 5 for i in range(32)]
    outcome = [min(10, 2 * a + (i % 2)) for i, a in enumerate(align)]
    ProgrammeData(engine).pulse_round(closes_at=END - timedelta(days=2), answers=answers(align, empower, outcome))

    pulses = build(engine).pulses
    drivers = {d.question_id: d for d in pulses.drivers}

    assert drivers["align-role-meaning"].correlation == pytest.approx(statistics.correlation(align, outcome))
    assert drivers["align-role-meaning"].respondents == 32
    assert drivers["align-role-meaning"].interval[0] > 0
    # r = 0.10 over 32 people: its interval includes 0, so it is noise, not a driver
    assert abs(statistics.correlation(empower, outcome)) < 0.35
    assert "empower-fix-without-approval" not in drivers
    between = np.corrcoef([align, empower])
    weights = relative_weights(between, np.corrcoef([align, empower, outcome])[2, :2])
    assert drivers["align-role-meaning"].weight == pytest.approx(weights[0] / weights.sum())
    promoters, detractors = sum(o >= 9 for o in outcome), sum(o <= 6 for o in outcome)
    assert pulses.enps is not None
    assert (pulses.enps.score, pulses.enps.respondents) == (pytest.approx(100 * (promoters - detractors) / 32), 32)


@pytest.mark.parametrize(
    ("before", "now", "clear"),
    [([2, 3, 4] * 4, [3, 4, 5] * 4, True), ([1, 5] * 3, [2, 5, 1, 5, 2, 5], False)],
)
def test_a_week_on_week_change_is_called_only_beyond_its_uncertainty(
    engine: Engine, before: list[int], now: list[int], clear: bool
) -> None:
    data = ProgrammeData(engine)
    for closes_at, scores in ((END - timedelta(days=9), before), (END - timedelta(days=2), now)):
        data.pulse_round(closes_at=closes_at, answers=answers(scores, scores, [5] * len(scores)))

    [alignment] = [d for d in build(engine).pulses.dimensions if d.dimension == "alignment"]

    assert alignment.change == pytest.approx(25 * (statistics.mean(now) - statistics.mean(before)))
    assert alignment.change_is_clear is clear


def test_participation_change_is_called_only_beyond_its_uncertainty(engine: Engine) -> None:
    data = ProgrammeData(engine)
    data.pulse_round(closes_at=END - timedelta(days=9), answers=[{"align-role-meaning": 4}] * 9, invited=10)
    data.pulse_round(closes_at=END - timedelta(days=2), answers=[{"align-role-meaning": 4}] * 7, invited=10)

    part = build(engine).pulses.participation

    assert part is not None and part.previous_rate == pytest.approx(0.9) and part.rate == pytest.approx(0.7)
    assert not part.change_is_clear


def test_a_week_with_nothing_in_it_is_empty_not_zero(engine: Engine) -> None:
    digest = build(engine)

    assert digest.is_empty
    assert digest.pulses.dimensions == ()
    assert digest.suggestion is None


def test_enps_is_left_out_when_the_gate_hides_the_recommend_item(engine: Engine) -> None:
    few = [{"align-role-meaning": 4, "outcome-recommend": 10}] * 3 + [{"align-role-meaning": 4}] * 5
    ProgrammeData(engine).pulse_round(closes_at=END - timedelta(days=2), answers=few)

    pulses = build(engine).pulses

    assert {d.dimension for d in pulses.dimensions if d.score is not None} == {"alignment"}
    assert pulses.enps is None
