"""Recording pulse answers: stored before they are acknowledged, a burst of them in few commits.

A click is acknowledged only once its answer is committed, so nothing Slack showed as done is lost when the process
dies. That puts the commit in front of every acknowledgement, and a burst of clicks (a whole team answering within
seconds) would queue behind one commit each. So the clicks that arrive while one batch is being written wait,
parked and costing nothing, and the first of them writes them all as the next batch: one unit of work with a few
statements whatever its size, after which each click learns its own outcome. A quiet click is a batch of one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.pulses.campaigns import RoundState, Status, answer_status, answer_token
from content.pack import ContentPack, Question
from storage import pulse_answers as answer_store
from storage import pulses as store
from storage.db import session_scope
from storage.models import PulseCampaign, PulseRound

log = logging.getLogger(__name__)

MAX_BATCH = 250


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


def _question(pack: ContentPack, campaign: PulseCampaign | None, click: Click) -> Question | None:
    """The question clicked, when it belongs to the round's campaign and the score is one of its choices."""
    question = pack.question(click.question_id)
    if campaign is None or question is None or click.question_id not in campaign.question_ids:
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
        question = _question(pack, campaign, click) if status is Status.OK else None
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
    engine: Engine
    secret: str
    pack: ContentPack
    click: Click
    woken: threading.Event = field(default_factory=threading.Event)
    leads: bool = False
    state: RoundState | None = None
    failed: bool = False


class _Batches:
    """The clicks waiting to be written, and whether a batch is being written now."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[_Turn] = []
        self._writing = False

    def submit(self, turn: _Turn) -> RoundState:
        with self._lock:
            self._waiting.append(turn)
            turn.leads = not self._writing
            self._writing = True
        if not turn.leads:
            turn.woken.wait()  # until written in another's batch, or until this turn is to write the next one
        if turn.leads:
            self._write_next()
        if turn.failed or turn.state is None:
            raise RecordingFailed("the pulse answer was not stored")
        return turn.state

    def _write_next(self) -> None:
        with self._lock:
            batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
        try:
            for group in _by_runtime(batch):
                _write(group)
        finally:  # whatever happened, the next batch gets its writer and every click here learns its outcome
            with self._lock:
                successor = self._waiting[0] if self._waiting else None
                self._writing = successor is not None
            if successor is not None:
                successor.leads = True
                successor.woken.set()
            for turn in batch:
                turn.woken.set()


def _by_runtime(batch: list[_Turn]) -> list[list[_Turn]]:
    """The batch split by database, secret and content pack (one of each in a running process)."""
    groups: dict[tuple[int, str, int], list[_Turn]] = {}
    for turn in batch:
        groups.setdefault((id(turn.engine), turn.secret, id(turn.pack)), []).append(turn)
    return list(groups.values())


def _write(group: list[_Turn]) -> None:
    """One unit of work for the group; if it fails, every click in it fails (and is told nothing was saved)."""
    first = group[0]
    try:
        with session_scope(first.engine) as session:
            states = record_answers(session, [t.click for t in group], secret=first.secret, pack=first.pack)
    except Exception:
        log.exception("pulse answers not stored: clicks=%d", len(group))
        for turn in group:
            turn.failed = True
        return
    for turn, state in zip(group, states, strict=True):
        turn.state = state


_batches = _Batches()


def submit_answer(engine: Engine, click: Click, *, secret: str, pack: ContentPack) -> RoundState:
    """Record `click`'s answer; returns once it is committed (or raises `RecordingFailed`, nothing stored)."""
    return _batches.submit(_Turn(engine, secret, pack, click))
