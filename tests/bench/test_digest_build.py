"""Building one digest for 10,000 people and a year of pulses (`make bench`): under a second on SQLite, with every
aggregate computed in SQL and memory bounded; a naive build that loads the rows into Python is timed in the same
run, and both must give the same numbers."""

from __future__ import annotations

import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.digests.keydrivers import key_drivers, pair_sums
from bot.digests.pulse_section import TREND_WEEKS
from bot.digests.views import Digest, Period
from bot.digests.week import ORG_LABEL, Scope, gather
from content.pack import load_pack
from storage.db import create_db_engine
from storage.models import PulseAnswer, PulseParticipation, PulseRound, Shoutout
from tests.bench.digest_generator import END, OUTCOME, cached_database

PACK = load_pack()
PERIOD = Period.week_ending(END)
LIMIT_SECONDS = 1.0
MEMORY_LIMIT = 64 * 1024 * 1024
T = TypeVar("T")


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    engine = create_db_engine(cached_database())
    yield engine
    engine.dispose()


def build(engine: Engine) -> Digest:
    with Session(engine) as session:
        digest, _ = gather(session, pack=PACK, channel="C0CHAMPS", scope=Scope(ORG_LABEL), period=PERIOD, min_size=5)
    return digest


def naive(engine: Engine) -> dict[str, object]:
    """The same headline figures, from rows loaded into Python."""
    with Session(engine) as session:
        window_start = PERIOD.shifted(-(TREND_WEEKS - 1)).start
        rounds = session.exec(
            select(PulseRound).where(col(PulseRound.closes_at) >= window_start, col(PulseRound.closes_at) < END)
        ).all()
        week_of = {r.id: int((r.closes_at - window_start) / (PERIOD.end - PERIOD.start)) for r in rounds}
        answers = session.exec(select(PulseAnswer).where(col(PulseAnswer.round_id).in_(list(week_of)))).all()
        current = [rid for rid, w in week_of.items() if w == TREND_WEEKS - 1]
        invited = session.exec(select(PulseParticipation).where(col(PulseParticipation.round_id).in_(current))).all()
        shoutouts = session.exec(
            select(Shoutout).where(col(Shoutout.created_at) >= PERIOD.start, col(Shoutout.created_at) < END)
        ).all()
    sums: dict[tuple[int, str], list[float]] = defaultdict(lambda: [0, 0.0])
    for a in answers:
        cell = sums[week_of[a.round_id], a.dimension]
        cell[0] += 1
        cell[1] += a.score * 10.0 if a.scale == "nps11" else (a.score - 1) * 25.0
    trend = {
        d: [sums[w, d][1] / sums[w, d][0] if sums[w, d][0] else None for w in range(TREND_WEEKS)]
        for d in ("alignment", "empowerment", "outcome")
    }
    current_answers = [((a.round_id, a.token), a.question_id, a.score) for a in answers if a.round_id in current]
    drivers = key_drivers(
        pair_sums(current_answers, OUTCOME), lambda item, _: pair_sums(current_answers, item), min_group_size=5
    )
    return {
        "trend": trend,
        "participation": (sum(p.answered for p in invited), len(invited)),
        "shoutouts": sum(1 for s in shoutouts if s.retracted_at is None),
        "drivers": [(d.question_id, round(d.correlation, 9)) for d in drivers],
    }


def figures(digest: Digest) -> dict[str, object]:
    part = digest.pulses.participation
    assert part is not None
    return {
        "trend": {d.dimension: list(d.trend) for d in digest.pulses.dimensions},
        "participation": (part.answered, part.invited),
        "shoutouts": digest.recognition.count,
        "drivers": [(d.question_id, round(d.correlation, 9)) for d in digest.pulses.drivers],
    }


def timed(fn: Callable[..., T], *args: Any) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def test_one_digest_builds_in_under_a_second_and_matches_the_naive_build(engine: Engine) -> None:
    build(engine)  # warm the page cache, as a running clock process would be
    tracemalloc.start()
    digest, fast = timed(build, engine)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    expected, slow = timed(naive, engine)

    got = figures(digest)
    assert got["participation"] == expected["participation"]
    assert got["shoutouts"] == expected["shoutouts"]
    assert got["drivers"] == expected["drivers"]
    for dimension, values in expected["trend"].items():  # type: ignore[attr-defined]
        assert got["trend"][dimension] == pytest.approx(values)  # type: ignore[index]
    print(
        f"\ndigest build: {fast * 1000:.0f} ms in SQL (peak {peak / 1e6:.1f} MB traced) vs {slow * 1000:.0f} ms naive "
        f"— {slow / fast:.1f}× faster; {got['participation'][1]} invited, {got['shoutouts']} shout-outs this week"  # type: ignore[index]
    )
    assert fast < LIMIT_SECONDS
    assert peak < MEMORY_LIMIT
