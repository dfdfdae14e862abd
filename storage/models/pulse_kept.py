"""Pulse aggregates kept when a round closes, so digests, results and App Home read a few hundred summed rows
instead of a year of answers. A closed round's answers can no longer change, so these sums are final; each holds
counts, never a token, and `bot.pulses.disclosure` decides from them exactly as from the answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from storage.models.columns import utc_column


class PulseKeptRound(SQLModel, table=True):
    """A round whose aggregates are kept: written in the transaction that closed it (or by the catch-up for rounds
    closed before aggregates were kept). Its primary key makes the keeping happen once."""

    __tablename__ = "pulse_kept_round"

    round_id: int = Field(primary_key=True, foreign_key="pulse_round.id")
    kept_at: datetime = utc_column()


class PulseKeptScore(SQLModel, table=True):
    """How many answers in a round, from one reporting group, gave a question (of a dimension, on a scale) a score."""

    __tablename__ = "pulse_kept_score"

    round_id: int = Field(primary_key=True, foreign_key="pulse_round.id")
    group: str = Field(primary_key=True, max_length=40)
    question_id: str = Field(primary_key=True, max_length=64)
    dimension: str = Field(primary_key=True, max_length=20)
    scale: str = Field(primary_key=True, max_length=10)
    score: int = Field(primary_key=True)
    answers: int


class PulseKeptPeople(SQLModel, table=True):
    """How many people of a reporting group answered at least one question of `dimension` in a round; `dimension`
    `*` counts those who answered any question."""

    __tablename__ = "pulse_kept_people"

    round_id: int = Field(primary_key=True, foreign_key="pulse_round.id")
    group: str = Field(primary_key=True, max_length=40)
    dimension: str = Field(primary_key=True, max_length=20)
    people: int


class PulseKeptPair(SQLModel, table=True):
    """Over the people of a reporting group who answered both `question_x` (x) and `question_y` (y) in a round,
    paired through the round's token: how many, Σx, Σy, Σxy, Σx², Σy² (the sums Pearson's r needs). Scores are
    whole numbers, so the sums are exact."""

    __tablename__ = "pulse_kept_pair"

    round_id: int = Field(primary_key=True, foreign_key="pulse_round.id")
    group: str = Field(primary_key=True, max_length=40)
    question_x: str = Field(primary_key=True, max_length=64)
    question_y: str = Field(primary_key=True, max_length=64)
    n: int
    sx: int = Field(sa_column=Column(BigInteger(), nullable=False))
    sy: int = Field(sa_column=Column(BigInteger(), nullable=False))
    sxy: int = Field(sa_column=Column(BigInteger(), nullable=False))
    sxx: int = Field(sa_column=Column(BigInteger(), nullable=False))
    syy: int = Field(sa_column=Column(BigInteger(), nullable=False))
