"""Recording pulse answers: stored before they are acknowledged, a burst of them in few commits.

A click is acknowledged only once its answer is committed, so nothing Slack showed as done is lost when the process
dies. That puts the commit in front of every acknowledgement, and a burst of clicks (a whole team answering within
seconds) would queue behind one commit each. So the clicks that arrive while batches are being written wait,
parked and costing nothing, and the first of them writes them all as the next batch: one unit of work with a few
statements whatever its size, after which each click learns its own outcome. A quiet click is a batch of one.
SQLite writes one batch at a time; PostgreSQL a few at once, their rows taken in one order so that two never
deadlock.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.pulses.campaigns import RoundState, Status, answer_status, answer_token
from bot.pulses.followups import round_followups
from content.pack import ContentPack, Question
from storage import pulse_answers as answer_store
from storage import pulses as store
from storage.db import session_scope
from storage.models import PulseCampaign, PulseRound

log = logging.getLogger(__name__)

MAX_BATCH = 250
WRITERS = {"sqlite": 1}  # SQLite writes one transaction at a time whatever Cadence does
SERVER_WRITERS = 4  # a database server commits several batches at once, each mostly waiting on the server


class RecordingFailed(RuntimeError):
    """The unit of work holding this answer failed; nothing of it was stored."""


@dataclass(frozen=True)
class Click:
    """One tap on an answer button, as plain values: who, which round and question, which score, and when."""

    round_id: int
    user_id: str
    question_id: str
    score: int
    now: datetime


def _question(
    pack: ContentPack, pulse_round: PulseRound | None, campaign: PulseCampaign | None, click: Click
) -> Question | None:
    """The question clicked, when it belongs to the round's campaign (or is one of the round's follow-ups) and the
    score is one of its choices."""
    if campaign is None:
        return None
    if click.question_id in campaign.question_ids:
        question = pack.question(click.question_id)
    else:
        question = next((q for q in round_followups(pack, pulse_round) if q.id == click.question_id), None)
    if question is None:
        return None
    return question if click.score in {value for value, _ in question.choices} else None


def record_answers(session: Session, clicks: Sequence[Click], *, secret: str, pack: ContentPack) -> list[RoundState]:
    """Record (or change) each click's answer; each click's outcome, in order, with what that person has answered
    so far when it was stored. Clicking the same button twice, or Slack retrying, changes nothing; of two clicks
    on one question the later wins."""
    asked = answer_store.asked(session, [(c.round_id, c.user_id) for c in clicks])
    outcomes: list[Status | tuple[int, str]] = []
    rows: list[store.AnswerRow] = []
    answered: set[int] = set()
    for click in clicks:
        pulse_round, campaign = asked.rounds.get(click.round_id, (None, None))
        person = asked.participations.get((click.round_id, click.user_id))
        status = answer_status(pulse_round, person, click.now)
        question = _question(pack, pulse_round, campaign, click) if status is Status.OK else None
        if person is None or person.id is None or question is None:
            outcomes.append(Status.UNKNOWN if status is Status.OK else status)
            continue
        token = answer_token(secret, click.round_id, click.user_id)
        row = (click.round_id, token, click.question_id, question.dimension, question.scale, click.score, person.group)
        rows.append(store.AnswerRow(*row))
        if not person.answered:
            answered.add(person.id)
        outcomes.append((click.round_id, token))
    store.upsert_answers(session, rows)
    answer_store.mark_answered(session, answered)
    return _states(session, clicks, outcomes, asked.rounds)


def _states(
    session: Session,
    clicks: Sequence[Click],
    outcomes: list[Status | tuple[int, str]],
    rounds: dict[int, tuple[PulseRound, PulseCampaign]],
) -> list[RoundState]:
    """Each click's outcome as the state its DM is rebuilt from: refusals as they are, recorded answers with
    everything that person has answered and commented in the round (two queries for the whole batch)."""
    keys = [outcome for outcome in outcomes if not isinstance(outcome, Status)]
    answers = answer_store.answers_by_token(session, keys) if keys else {}
    comments = answer_store.comments_by_token(session, keys) if keys else {}
    states = []
    for click, outcome in zip(clicks, outcomes, strict=True):
        pulse_round, campaign = rounds.get(click.round_id, (None, None))
        if isinstance(outcome, Status):
            states.append(RoundState(status=outcome, round=pulse_round))
        else:
            states.append(RoundState(Status.OK, pulse_round, campaign, answers[outcome], comments.get(outcome)))
    return states


@dataclass(eq=False)
class _Turn:
    secret: str
    pack: ContentPack
    click: Click
    woken: threading.Event = field(default_factory=threading.Event)
    batch: list[_Turn] | None = None  # the batch this turn is to write, once it is its turn to write one
    state: RoundState | None = None
    failed: bool = False


class _Batches:
    """One database's clicks waiting to be written, and how many more batches may be written at once."""

    def __init__(self, engine: Engine, writers: int) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._waiting: list[_Turn] = []
        self._free = writers

    def submit(self, turn: _Turn) -> RoundState:
        with self._lock:
            if self._free:
                self._free -= 1
                turn.batch = [turn]
            else:
                self._waiting.append(turn)
        if turn.batch is None:
            turn.woken.wait()  # until written in another's batch, or handed the next batch to write
        if turn.batch is not None:
            self._write(turn.batch)
        if turn.failed or turn.state is None:
            raise RecordingFailed("the pulse answer was not stored")
        return turn.state

    def _write(self, batch: list[_Turn]) -> None:
        try:
            for group in _by_secret_and_pack(batch):
                _write(self._engine, group)
        finally:  # whatever happened, the clicks waiting get a writer and every click here learns its outcome
            with self._lock:
                successor = self._waiting[0] if self._waiting else None
                if successor is None:
                    self._free += 1
                else:
                    successor.batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
            if successor is not None:
                successor.woken.set()
            for turn in batch:
                turn.woken.set()


def _by_secret_and_pack(batch: list[_Turn]) -> list[list[_Turn]]:
    """The batch split by secret and content pack (one of each in a running process)."""
    groups: dict[tuple[str, int], list[_Turn]] = {}
    for turn in batch:
        groups.setdefault((turn.secret, id(turn.pack)), []).append(turn)
    return list(groups.values())


def _write(engine: Engine, group: list[_Turn]) -> None:
    """One unit of work for the group; if it fails, every click in it fails (and is told nothing was saved)."""
    first = group[0]
    try:
        with session_scope(engine) as session:
            states = record_answers(session, [t.click for t in group], secret=first.secret, pack=first.pack)
    except Exception:
        log.exception("pulse answers not stored: clicks=%d", len(group))
        for turn in group:
            turn.failed = True
        return
    for turn, state in zip(group, states, strict=True):
        turn.state = state


_registry = threading.Lock()
_batches: weakref.WeakKeyDictionary[Engine, _Batches] = weakref.WeakKeyDictionary()


def _batches_for(engine: Engine) -> _Batches:
    with _registry:
        found = _batches.get(engine)
        if found is None:
            found = _batches[engine] = _Batches(engine, WRITERS.get(engine.dialect.name, SERVER_WRITERS))
        return found


def submit_answer(engine: Engine, click: Click, *, secret: str, pack: ContentPack) -> RoundState:
    """Record `click`'s answer; returns once it is committed (or raises `RecordingFailed`, nothing stored)."""
    return _batches_for(engine).submit(_Turn(secret, pack, click))
