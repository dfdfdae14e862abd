"""A round's kept aggregates equal what the answers sum to: every reader gives the same rows for a round before
(summed from its answers) and after its close kept them, and the pair sums equal a recomputation in Python from the
raw answers. Kept once, in the transaction that closes the round, and by the migration's catch-up for rounds
closed before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from bot.digests.keydrivers import pair_sums as pair_sums_in_memory
from storage import digests
from storage import pulse_aggregates as aggregates
from storage import pulses as store
from storage.db import create_db_engine, session_scope
from storage.migrate import upgrade
from storage.models import PulseCampaign, PulseKeptPair, PulseKeptRound, PulseKeptScore
from storage.pulse_kept import kept_rounds

OPENS = datetime(2026, 11, 23, 9, tzinfo=UTC)
QUESTIONS = {"q-a": ("alignment", "likert5"), "q-b": ("empowerment", "likert5"), "q-out": ("outcome", "nps11")}
GROUPS = ("C1", "C2", "C3")

# One respondent: their group and, per question they answered, a score (some skip questions).
respondent = st.tuples(
    st.sampled_from(GROUPS),
    st.dictionaries(st.sampled_from(sorted(QUESTIONS)), st.integers(1, 5), min_size=1),
)
respondents = st.lists(respondent, max_size=25)


def open_round_with(session: Session, answers: list[tuple[str, dict[str, int]]], opens_at: datetime) -> int:
    campaign = store.add_campaign(
        session,
        PulseCampaign(
            creator="U0LEAD",
            question_ids=sorted(QUESTIONS),
            audience=["C1"],
            local_time="09:00",
            timezone="UTC",
            starts_at=opens_at,
            created_at=opens_at,
        ),
    )
    store.open_round(
        session,
        campaign_id=campaign.id or 0,
        opens_at=opens_at,
        closes_at=opens_at + timedelta(hours=72),
        reminder_at=None,
    )
    pulse_round = store.latest_round(session, campaign_id=campaign.id)
    assert pulse_round is not None and pulse_round.id is not None
    rows = [
        store.AnswerRow(pulse_round.id, f"t{n}", question, *QUESTIONS[question], score, group)
        for n, (group, scores) in enumerate(answers)
        for question, score in scores.items()
    ]
    store.upsert_answers(session, rows)
    return pulse_round.id


def everything_read(session: Session, round_id: int) -> dict[str, object]:
    """What every reader gives for the round, in a comparable order."""
    ids = [round_id]
    found: dict[str, object] = {
        "sums": sorted(aggregates.question_sums(session, ids), key=repr),
        "scores": sorted(aggregates.score_counts(session, ids), key=repr),
        "people": sorted(aggregates.people_counts(session, ids), key=repr),
        "respondents": aggregates.respondents_by_group(session, ids),
        "dimensions": aggregates.question_dimensions(session, [(round_id, q) for q in QUESTIONS]),
        "answered": digests.answer_counts(session, ids, None, ["q-a", "q-out"]),
    }
    assert sorted(aggregates.sums_of(found["scores"]), key=repr) == found["sums"]  # type: ignore[arg-type]
    for groups in (None, ["C1"], ["C2", "C3"]):
        found[f"answered in {groups}"] = digests.answer_counts(session, ids, groups, list(QUESTIONS))
        found[f"pairs in {groups}"] = digests.pair_sums(session, ids, groups, "q-out")
        found[f"between in {groups}"] = digests.pair_sums(session, ids, groups, "q-a", ["q-b"])
    return found


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=respondents, week=st.integers(0, 10_000))
def test_kept_aggregates_read_the_same_as_the_answers_they_sum(
    engine: Engine, answers: list[tuple[str, dict[str, int]]], week: int
) -> None:
    opens_at = OPENS + timedelta(weeks=week, seconds=len(answers))
    with session_scope(engine) as session:
        round_id = open_round_with(session, answers, opens_at)
        from_answers = everything_read(session, round_id)

    with session_scope(engine) as session:
        assert round_id in store.close_due_rounds(session, now=opens_at + timedelta(hours=72))

    with session_scope(engine) as session:
        assert kept_rounds(session, [round_id]) == {round_id}
        assert everything_read(session, round_id) == from_answers
        raw = [((round_id, f"t{n}"), q, float(s)) for n, (_, scores) in enumerate(answers) for q, s in scores.items()]
        expected = [(p.question_id, p.n, p.sx, p.sy, p.sxy, p.sxx, p.syy) for p in pair_sums_in_memory(raw, "q-out")]
        assert digests.pair_sums(session, [round_id], None, "q-out") == expected


def kept_rows(session: Session) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        session.exec(select(func.count()).select_from(model)).one()
        for model in (PulseKeptRound, PulseKeptScore, PulseKeptPair)
    )


def test_a_round_is_kept_once_by_the_close_that_closes_it(engine: Engine) -> None:
    with session_scope(engine) as session:
        round_id = open_round_with(session, [("C1", {"q-a": 4, "q-out": 3}), ("C2", {"q-a": 2})], OPENS)
    with session_scope(engine) as session:
        assert store.close_round(session, round_id, now=OPENS + timedelta(hours=1))
        once = kept_rows(session)
    with session_scope(engine) as session:
        assert not store.close_round(session, round_id, now=OPENS + timedelta(hours=2))
        assert store.close_due_rounds(session, now=OPENS + timedelta(days=9)) == []
        assert kept_rows(session) == once == (1, 3, 2)


def test_an_open_round_keeps_nothing_and_is_read_from_its_answers(engine: Engine) -> None:
    with session_scope(engine) as session:
        round_id = open_round_with(session, [("C1", {"q-a": 4})], OPENS)
        assert store.close_due_rounds(session, now=OPENS + timedelta(hours=1)) == []
        assert kept_rounds(session, [round_id]) == set()
        assert [s.total for s in aggregates.question_sums(session, [round_id])] == [4]


def test_migrating_keeps_the_rounds_closed_before_aggregates_were_kept(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    with session_scope(engine) as session:
        round_id = open_round_with(session, [("C1", {"q-a": 5, "q-out": 9})], OPENS)
        pulse_round = store.get_round(session, round_id)
        assert pulse_round is not None
        pulse_round.state = "closed"  # as a close before this version left it: no aggregates kept
        session.add(pulse_round)

    upgrade(engine)

    with Session(engine) as session:
        assert kept_rounds(session, [round_id]) == {round_id}
        pair = session.exec(select(PulseKeptPair).where(col(PulseKeptPair.question_x) == "q-a")).one()
        assert (pair.n, pair.sx, pair.sy, pair.sxy) == (1, 5, 9, 45)
    engine.dispose()
