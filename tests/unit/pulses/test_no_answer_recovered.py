"""Random rounds, attacked with everything every surface publishes together: `/pulse results` for each round, the
digest for the organisation and for every team scope (scores, trend points, lowest item), the CSV export and App
Home. Each published figure is a linear equation over the people's answers (a mean over n answers is their sum);
solving the whole system must never pin down one person's answer, and no shown distribution may be unanimous.

Each figure is first checked against the answers it claims to summarise, so the equations are the figures' own."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from bot.admin.export import export_csv
from bot.digests import Period
from bot.digests.pulse_section import TREND_WEEKS, pulse_section
from bot.home.board import build_home
from bot.platform.runtime import Runtime, build_runtime
from bot.platform.settings import load_settings
from bot.platform.timesource import ManualTime
from bot.pulses.results import round_report
from content.pack import load_pack
from storage.db import session_scope
from storage.models import PulseAnswer, PulseCampaign, PulseParticipation, PulseRound
from tests.unit.admin.test_cli import read_csv

PACK = load_pack()
QUESTIONS = ("align-role-meaning", "align-leaders-consistent", "empower-fix-without-approval")
DIMENSION = {q: PACK.question(q).dimension for q in QUESTIONS}  # type: ignore[union-attr]
GROUPS = ("C0SALES", "C0SUPPORT", "C0OPS")
FIRST_CLOSE = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)
ADMIN = "U0ADMIN"

Unknown = tuple[int, int, str]
"""(round number, person number, question id): one person's answer to one question."""


@dataclass(frozen=True)
class Person:
    group: str
    answers: dict[str, int]


@dataclass(frozen=True)
class Round:
    people: tuple[Person, ...]


@st.composite
def rounds(draw: st.DrawFn) -> list[Round]:
    """One or two weekly rounds; groups of 1–7 people; people skipping questions; small palettes of answers, so
    unanimous groups and questions come up often."""
    found = []
    for _ in range(draw(st.integers(1, 2))):
        palette = draw(st.lists(st.integers(1, 5), min_size=1, max_size=3, unique=True))
        sizes = draw(st.lists(st.integers(1, 7), min_size=1, max_size=len(GROUPS)))
        people = []
        for group, size in zip(GROUPS, sizes, strict=False):
            for _ in range(size):
                chosen = {q: draw(st.none() | st.sampled_from(palette)) for q in QUESTIONS}
                people.append(Person(group, {q: s for q, s in chosen.items() if s is not None}))
        found.append(Round(tuple(people)))
    return found


@dataclass
class Published:
    """Every equation the surfaces hand an attacker, and the distributions they show."""

    rows: list[tuple[dict[Unknown, float], float]]
    distributions: list[tuple[tuple[int, int], ...]]

    def add(self, cover: Collection[Unknown], value: float, weight: float = 1.0) -> None:
        self.rows.append(({u: weight for u in cover}, value))


class Programme:
    def __init__(self, engine: Engine, tmp: Path, data: list[Round], min_size: int) -> None:
        self.data, self.min_size, self.tmp = data, min_size, tmp
        self.closes = [FIRST_CLOSE + timedelta(weeks=i) for i in range(len(data))]
        self.now = self.closes[-1] + timedelta(days=1)
        env = {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "s", "CADENCE_ADMINS": ADMIN}
        env |= {
            "DATABASE_URL": engine.url.render_as_string(hide_password=False),
            "CADENCE_MIN_GROUP_SIZE": str(min_size),
        }
        self.runtime: Runtime = build_runtime(load_settings(env), clock=ManualTime(self.now), engine=engine)
        self.round_ids = self._store(engine)
        self.score = {
            (r, p, q): s
            for r, rnd in enumerate(data)
            for p, person in enumerate(rnd.people)
            for q, s in person.answers.items()
        }

    def _store(self, engine: Engine) -> list[int]:
        with session_scope(engine) as session:
            for table in reversed(SQLModel.metadata.sorted_tables):
                session.execute(delete(table))
            campaign = PulseCampaign(
                creator=ADMIN, question_ids=list(QUESTIONS), audience=[], local_time="09:00", timezone="UTC",
                every_weeks=1, starts_at=FIRST_CLOSE, created_at=FIRST_CLOSE,
            )  # fmt: skip
            session.add(campaign)
            session.flush()
            ids = []
            for r, (rnd, closes) in enumerate(zip(self.data, self.closes, strict=True)):
                row = PulseRound(
                    campaign_id=campaign.id or 0, opens_at=closes - timedelta(days=3), closes_at=closes, state="closed"
                )
                session.add(row)
                session.flush()
                ids.append(row.id or 0)
                for p, person in enumerate(rnd.people):
                    session.add(
                        PulseParticipation(
                            round_id=row.id or 0, user_id=f"U9{r}P{p}", group=person.group,
                            invited_at=row.opens_at, answered=bool(person.answers),
                        )
                    )  # fmt: skip
                    for q, score in person.answers.items():
                        session.add(
                            PulseAnswer(
                                round_id=row.id or 0, question_id=q, dimension=DIMENSION[q], scale="likert5",
                                token=f"t{r}-{p}", score=score, group=person.group,
                            )
                        )  # fmt: skip
        return ids

    def cover(self, rounds: Collection[int], wanted: Collection[str], groups: Collection[str] | None) -> list[Unknown]:
        return [
            (r, p, q)
            for (r, p, q) in self.score
            if r in rounds and q in wanted and (groups is None or self.data[r].people[p].group in groups)
        ]

    def total(self, cover: Collection[Unknown]) -> float:
        return float(sum(self.score[u] for u in cover))

    def spread(self, cover: Collection[Unknown]) -> tuple[tuple[int, int], ...]:
        values = [self.score[u] for u in cover]
        return tuple(sorted((s, values.count(s)) for s in set(values)))

    def scopes(self) -> Iterator[tuple[str, ...] | None]:
        present = sorted({p.group for rnd in self.data for p in rnd.people})
        yield None
        yield tuple(present)
        yield from ((g,) for g in present)


def mean_row(published: Published, programme: Programme, cover: list[Unknown], mean: float, tolerance: float) -> None:
    """A mean over `cover` is the sum of its answers divided by how many there are."""
    assert cover, "a figure was published over no answers"
    assert abs(mean - programme.total(cover) / len(cover)) <= tolerance
    published.add(cover, mean * len(cover))


def from_results(published: Published, programme: Programme) -> None:
    with session_scope(programme.runtime.engine) as session:
        for r, round_id in enumerate(programme.round_ids):
            pulse_round = session.get(PulseRound, round_id)
            assert pulse_round is not None
            report = round_report(session, pulse_round, pack=PACK, min_size=programme.min_size, now=programme.now)
            for result in report.questions:
                if result.mean is None:
                    continue
                cover = programme.cover({r}, {result.question_id}, None)
                mean_row(published, programme, cover, result.mean, 1e-9)
                if result.distribution:
                    assert result.distribution == programme.spread(cover)
                    published.distributions.append(result.distribution)
                for group in result.groups:
                    mean_row(
                        published,
                        programme,
                        programme.cover({r}, {result.question_id}, {group.group}),
                        group.mean,
                        1e-9,
                    )
                if result.change is not None:
                    before = programme.cover({r - 1}, {result.question_id}, None)
                    assert abs(result.change - (result.mean - programme.total(before) / len(before))) <= 1e-9
                    coeffs = {u: 1 / len(cover) for u in cover} | {u: -1 / len(before) for u in before}
                    published.rows.append((coeffs, result.change))


def from_digests(published: Published, programme: Programme) -> None:
    period = Period.week_ending(programme.now)
    weeks = [period.shifted(-back) for back in range(TREND_WEEKS - 1, -1, -1)]
    closed_in = [{r for r, closes in enumerate(programme.closes) if w.start <= closes < w.end} for w in weeks]
    with session_scope(programme.runtime.engine) as session:
        for scope in programme.scopes():
            section = pulse_section(session, pack=PACK, period=period, groups=scope, min_size=programme.min_size)
            for dimension in section.dimensions:
                wanted = {q for q in QUESTIONS if DIMENSION[q] == dimension.dimension}
                for rounds_in_week, point in zip(closed_in, dimension.trend, strict=True):
                    if point is not None:  # a 0–100 score: 25 × (mean − 1)
                        cover = programme.cover(rounds_in_week, wanted, scope)
                        mean_row(published, programme, cover, point / 25 + 1, 1e-9)
            if section.lowest is not None:
                cover = programme.cover(closed_in[-1], {section.lowest.question_id}, scope)
                mean_row(published, programme, cover, section.lowest.score, 1e-9)


def from_export(published: Published, programme: Programme) -> None:
    export_csv(programme.runtime, programme.tmp)
    by_round = {round_id: r for r, round_id in enumerate(programme.round_ids)}
    for row in read_csv(programme.tmp / "pulse_results.csv"):
        r = by_round[int(row["round"])]
        cover = programme.cover({r}, {row["question"]}, None if row["group"] == "all" else {row["group"]})
        assert int(row["respondents"]) == len(cover)
        mean_row(published, programme, cover, float(row["mean"]), 0.005)
        if row["distribution"]:
            spread = tuple((int(s), int(n)) for s, n in (pair.split(":") for pair in row["distribution"].split()))
            assert spread == programme.spread(cover)
            published.distributions.append(spread)


def from_home(programme: Programme) -> None:
    """App Home carries participation and health warnings only: no score, mean or distribution."""
    home = build_home(programme.runtime, ADMIN)
    text = " ".join([*home.health, *(panel.summary for panel in home.digests)])
    assert "/ 100" not in text and "Mean" not in text and "Distribution" not in text


def determined(published: Published, unknowns: list[Unknown]) -> list[Unknown]:
    """The answers the published equations fix exactly: those whose unit vector lies in the rows' span."""
    if not published.rows:
        return []
    column = {u: i for i, u in enumerate(unknowns)}
    matrix = np.zeros((len(published.rows), len(unknowns)))
    for i, (coeffs, _) in enumerate(published.rows):
        for u, weight in coeffs.items():
            matrix[i, column[u]] = weight
    rank = np.linalg.matrix_rank(matrix)
    found = []
    for u in unknowns:
        probe = np.zeros((1, len(unknowns)))
        probe[0, column[u]] = 1.0
        if np.linalg.matrix_rank(np.vstack([matrix, probe])) == rank:
            found.append(u)
    return found


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=rounds(), min_size=st.sampled_from([3, 5]))
def test_nothing_every_surface_publishes_together_recovers_an_answer(
    engine: Engine, tmp_path: Path, data: list[Round], min_size: int
) -> None:
    programme = Programme(engine, tmp_path, data, min_size)
    published = Published([], [])

    from_results(published, programme)
    from_digests(published, programme)
    from_export(published, programme)
    from_home(programme)

    assert determined(published, sorted(programme.score)) == []
    assert all(len(spread) > 1 for spread in published.distributions), "a unanimous distribution was shown"
