"""What the demo's people do, drawn from a seeded model: who answers a pulse and how, who clicks, who recognises whom.

Each person has a lasting sense of alignment and of empowerment. Pulse answers follow them with some noise, and the
outcome item (how likely they are to recommend us) follows empowerment far more than alignment, so key-driver
analysis has something true to find. Empowerment grows a little each week as the programme takes hold, and more
people answer as the habit forms (the reminder brings in some of the rest).
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.demo.organisation import Organisation

ALIGNMENT_ITEMS = ("align-role-meaning",)
EMPOWERMENT_ITEMS = ("empower-fix-without-approval",)
OUTCOME_ITEM = "outcome-recommend"
QUESTIONS = (*ALIGNMENT_ITEMS, *EMPOWERMENT_ITEMS, OUTCOME_ITEM)

SCRIPT = tomllib.loads((Path(__file__).parent / "script.toml").read_text(encoding="utf-8"))
"""What people say, in `script.toml`: shout-out words by behaviour, customer wins, pulse comments by mood."""
SHOUTOUT_WORDS: dict[str, list[str]] = SCRIPT["shoutouts"]
BEHAVIOURS = tuple(SHOUTOUT_WORDS)
COMMENTS: dict[str, list[str]] = SCRIPT["comments"]
ACTIONS: dict[str, str] = SCRIPT["actions"]
"""What a champion takes on for the digest's focus item, by item."""
WORDED = 4
"""How many of a week's shout-outs come with words of their own (by command); the rest recognise a shared win."""


@dataclass(frozen=True)
class Person:
    user_id: str
    alignment: float
    empowerment: float
    diligence: float


@dataclass(frozen=True)
class PulseReply:
    user_id: str
    scores: dict[str, int]
    comment: str | None
    after_reminder: bool
    followup: int = 3
    """The answer to a follow-up the round asks ("has it made a difference?", 1–5), when it asks one."""


@dataclass(frozen=True)
class Shoutout:
    giver: str
    recipients: tuple[str, ...]
    behaviour: str
    words: str


@dataclass(frozen=True)
class Win:
    """A customer win someone shares in #general: the behaviour it shows, and the words of whoever recognises it."""

    behaviour: str
    text: str
    thanks: str


class PeopleModel:
    def __init__(self, org: Organisation, seed: int) -> None:
        self.org = org
        self.rng = random.Random(seed * 7919 + 17)
        self._followup_rng = random.Random(seed * 104729 + 3)
        """Follow-up answers draw apart, so the rest of a seed's story is the same with or without an action."""
        self.people = {
            user_id: Person(
                user_id,
                alignment=self.rng.gauss(0.3, 0.7),
                empowerment=self.rng.gauss(-0.4, 0.8),
                diligence=self.rng.uniform(0.55, 1.0),
            )
            for user_id in org.frontline
        }
        self._wins = _drawn(self.rng, [Win(**win) for win in SCRIPT["wins"]])
        self._words = {behaviour: _drawn(self.rng, texts) for behaviour, texts in SHOUTOUT_WORDS.items()}
        self._comments = {mood: _drawn(self.rng, texts) for mood, texts in COMMENTS.items()}

    def pulse_replies(self, week: int) -> list[PulseReply]:
        """Who answers this week's pulse (in the order they do), and what they answer."""
        habit = min(0.78, 0.52 + 0.06 * week)
        replies = []
        for person in self.people.values():
            if self.rng.random() < habit * person.diligence + 0.12:
                replies.append(self._reply(person, week, after_reminder=False))
            elif self.rng.random() < 0.35:
                replies.append(self._reply(person, week, after_reminder=True))
        return sorted(replies, key=lambda r: r.after_reminder)

    def _reply(self, person: Person, week: int, *, after_reminder: bool) -> PulseReply:
        empowerment = person.empowerment + 0.12 * week + self.rng.gauss(0, 0.35)
        alignment = person.alignment + 0.04 * week + self.rng.gauss(0, 0.35)
        scores = {item: _likert(alignment + self.rng.gauss(0, 0.5)) for item in ALIGNMENT_ITEMS}
        scores |= {item: _likert(empowerment + self.rng.gauss(0, 0.4)) for item in EMPOWERMENT_ITEMS}
        outcome = 6.2 + 2.0 * empowerment + 0.3 * alignment + self.rng.gauss(0, 0.8)
        scores[OUTCOME_ITEM] = max(0, min(10, round(outcome)))
        comment = None
        if self.rng.random() < 0.18:
            comment = next(self._comments["low" if empowerment < 0 else "high"])
        followup = _likert(0.3 + 0.5 * empowerment + self._followup_rng.gauss(0, 0.6))
        return PulseReply(person.user_id, scores, comment, after_reminder, followup)

    def acknowledges(self, user_id: str) -> tuple[bool, bool]:
        """Whether `user_id` clicks "Got it", and whether they click "Discussed with my team", on a key message."""
        diligence = self.people[user_id].diligence if user_id in self.people else 0.5
        got_it = self.rng.random() < diligence * 0.75
        discussed = user_id in self.org.champions or (got_it and self.rng.random() < 0.15)
        return got_it, discussed

    def shoutouts(self, count: int) -> list[Shoutout]:
        """`count` shout-outs between teammates: usually one recipient, sometimes two. The first `WORDED` have words
        that fit their behaviour; the others will recognise a shared win (see `customer_win`) and have none."""
        found = []
        for index in range(count):
            team = self.rng.choice(self.org.teams).members
            giver, *others = self.rng.sample(team, min(3, len(team)))
            recipients = tuple(others[: 2 if self.rng.random() < 0.2 else 1])
            behaviour = self.rng.choice(BEHAVIOURS)
            words = next(self._words[behaviour]) if index < WORDED else ""
            found.append(Shoutout(giver, recipients, behaviour, words))
        return found

    def customer_win(self) -> Win:
        return next(self._wins)


def _drawn(rng: random.Random, items: list[Any]) -> Iterator[Any]:
    """`items` in a shuffled order, each once before any comes again."""
    while True:
        yield from rng.sample(items, len(items))


def _likert(latent: float) -> int:
    return max(1, min(5, round(3 + latent)))
