"""A year of an organisation of 10,000 people, written fast for the digest benchmark: 52 weekly rounds of five
questions at 60% participation (about 1.56 million answers) and 100,000 shout-outs.

Rows go in with SQLAlchemy core `executemany` in large batches, into a SQLite file cached under `data/bench/`
keyed by `GENERATOR_VERSION`, so a rerun starts at once (or into a PostgreSQL database, regenerated unless it
already holds this version). Bump the version when the shape of the data changes. The closed rounds' aggregates
are then kept as the migration's catch-up keeps them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, inspect, select, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import SQLModel

from content.pack import load_pack
from storage.db import create_db_engine
from storage.models import (
    PulseAnswer,
    PulseCampaign,
    PulseKeptRound,
    PulseParticipation,
    PulseRound,
    Shoutout,
    ShoutoutRecipient,
)
from storage.pulse_kept import keep_all_closed

GENERATOR_VERSION = 4
PEOPLE = 10_000
WEEKS = 52
PARTICIPATION = 0.6
SHOUTOUTS = 100_000
GROUPS = 20
BATCH = 50_000
QUESTIONS = ("align-role-meaning", "align-work-impact", "empower-fix-without-approval", "empower-time-to-do-it")
OUTCOME = "outcome-recommend"
END = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
START = END - timedelta(weeks=WEEKS)


def cached_database(folder: Path = Path("data/bench")) -> str:
    """The URL of the generated database, generating it first when no file of this version exists."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"digest-v{GENERATOR_VERSION}.db"
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        engine = create_db_engine(f"sqlite:///{partial}")
        SQLModel.metadata.create_all(engine)
        generate(engine)
        engine.dispose()
        partial.rename(path)
    return f"sqlite:///{path}"


def bench_url(backend: str, postgres_url: str | None) -> str | None:
    """The generated database for `backend` (`sqlite`, or `postgres` at `postgres_url`); None when PostgreSQL is
    asked for without a URL."""
    if backend == "sqlite":
        return cached_database()
    return generated_postgres(postgres_url) if postgres_url else None


CREATOR = f"U0BENCH{GENERATOR_VERSION}"
"""The campaign's creator names the generator's version, so a PostgreSQL database of another is regenerated."""


SCHEMA = "cadence_digest_bench"
"""The PostgreSQL schema the generated data lives in, apart from the tables the HTTP benchmarks drop and create
afresh in the same database, so it is generated once, not on every `make bench`."""


def generated_postgres(url: str) -> str:
    """A URL of the database at `url` (PostgreSQL) whose connections see `SCHEMA`, holding the generated data:
    generated unless this version is there, complete (its aggregates, kept last, are)."""
    with create_db_engine(url).begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    url = make_url(url).update_query_dict({"options": f"-csearch_path={SCHEMA}"}).render_as_string(hide_password=False)
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            complete = (
                inspect(connection).has_table("pulse_kept_round")
                and connection.execute(
                    select(func.count())
                    .select_from(PulseKeptRound)
                    .join(PulseCampaign, PulseCampaign.id == 1)  # type: ignore[arg-type]
                    .where(PulseCampaign.creator == CREATOR)  # type: ignore[arg-type]
                ).scalar()
                == WEEKS
            )
        if not complete:
            SQLModel.metadata.drop_all(engine)
            SQLModel.metadata.create_all(engine)
            generate(engine)
    finally:
        engine.dispose()
    return url


def _batched(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _write(engine: Engine, model: Any, rows: Iterator[dict[str, Any]]) -> None:
    for batch in _batched(rows):
        with engine.begin() as connection:
            connection.execute(insert(model.__table__), batch)


def generate(engine: Engine, seed: int = 2026) -> None:
    rng = random.Random(seed)
    with engine.begin() as connection:
        connection.execute(
            insert(PulseCampaign.__table__),  # type: ignore[attr-defined]
            [
                {
                    "id": 1,
                    "creator": CREATOR,
                    "question_ids": [*QUESTIONS, OUTCOME],
                    "audience": ["C0GENERAL"],
                    "every_weeks": 1,
                    "weekday": 0,
                    "local_time": "09:00",
                    "timezone": "UTC",
                    "window_hours": 72,
                    "reminder": True,
                    "state": "active",
                    "starts_at": START,
                    "created_at": START,
                }
            ],
        )
        connection.execute(
            insert(PulseRound.__table__),  # type: ignore[attr-defined]
            [
                {
                    "id": w + 1,
                    "campaign_id": 1,
                    "opens_at": START + timedelta(weeks=w, hours=1),
                    "closes_at": START + timedelta(weeks=w, days=3),
                    "state": "closed",
                }
                for w in range(WEEKS)
            ],
        )
    _write(engine, PulseParticipation, _participation(rng))
    _write(engine, PulseAnswer, _answers(random.Random(seed + 1)))
    _write(engine, Shoutout, _shoutouts(random.Random(seed + 2)))
    _write(engine, ShoutoutRecipient, _recipients(random.Random(seed + 3)))
    with engine.begin() as connection:
        keep_all_closed(connection, now=END)
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:  # the planner statistics autovacuum would gather after a bulk load
            connection.execute(text("ANALYZE"))
            connection.commit()


def _answered(round_id: int, person: int) -> bool:
    return (person * 7919 + round_id * 104_729) % 100 < PARTICIPATION * 100


def _participation(rng: random.Random) -> Iterator[dict[str, Any]]:
    for round_id in range(1, WEEKS + 1):
        opens = START + timedelta(weeks=round_id - 1, hours=1)
        for person in range(PEOPLE):
            yield {
                "round_id": round_id,
                "user_id": f"U{person:07d}",
                "group": f"C{person % GROUPS:04d}",
                "state": "invited",
                "invited_at": opens,
                "answered": _answered(round_id, person),
                "reminded": False,
            }


def _answers(rng: random.Random) -> Iterator[dict[str, Any]]:
    questions = load_pack().questions
    kinds = {q.id: (q.dimension, q.scale) for q in questions}
    for round_id in range(1, WEEKS + 1):
        for person in range(PEOPLE):
            if not _answered(round_id, person):
                continue
            mood = rng.gauss(3.4, 0.8)
            token = f"{round_id}-{person:07d}"
            group = f"C{person % GROUPS:04d}"
            for question_id in QUESTIONS:
                score = min(5, max(1, round(mood + rng.gauss(0, 0.7))))
                yield _answer(round_id, question_id, kinds[question_id], token, score, group)
            outcome = min(10, max(0, round(mood * 2 + rng.gauss(0, 1.5))))
            yield _answer(round_id, OUTCOME, kinds[OUTCOME], token, outcome, group)


def _answer(round_id: int, question_id: str, kind: tuple[str, str], token: str, score: int, group: str) -> dict:
    return {
        "round_id": round_id,
        "question_id": question_id,
        "dimension": kind[0],
        "scale": kind[1],
        "token": token,
        "score": score,
        "group": group,
    }


def _shoutouts(rng: random.Random) -> Iterator[dict[str, Any]]:
    behaviours = [b.key for b in load_pack().behaviours]
    span = (END - START).total_seconds()
    for i in range(SHOUTOUTS):
        at = START + timedelta(seconds=span * i / SHOUTOUTS)
        yield {
            "id": i + 1,
            "request_key": f"bench:{i}",
            "giver": f"U{rng.randrange(PEOPLE):07d}",
            "behaviour_key": rng.choice(behaviours),
            "message": "Thanks for staying late" if i % 3 else "",
            "source": "command",
            "created_at": at,
        }


def _recipients(rng: random.Random) -> Iterator[dict[str, Any]]:
    for i in range(SHOUTOUTS):
        yield {"shoutout_id": i + 1, "recipient": f"U{rng.randrange(PEOPLE):07d}"}
