"""What a content pack holds, as plain values: behaviours, questions, key messages, prompts and the promise."""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_REACTION_LABEL = "Customer focus"
PACK_FILES = ("promise", "behaviours", "questions", "prompts", "messages")
DIMENSIONS = ("alignment", "empowerment", "outcome")
SCALES = ("likert5", "nps11")
DEFAULT_LIKERT5_LABELS = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")
DEFAULT_NPS11_ANCHORS = ("Not at all likely", "Extremely likely")
CLARITY_ID = "clarity"
"""The id (and dimension) of the clarity check a key message can carry; it is no pulse question."""
DEFAULT_CLARITY_TEXT = "How clear is this for your work?"
DEFAULT_CLARITY_LABELS = ("1 — Not clear", "2", "3", "4", "5 — Very clear")

FOLLOWUP_DIMENSION = "followup"
"""Follow-up questions are stored under this dimension: they are in no dimension's score, driver or lowest item."""
FOLLOWUP_PREFIX = "followup-"
"""How a follow-up's question id starts; no question of the bank may start so."""
DEFAULT_FOLLOWUP = "Since {date} we {action}: has it made a difference?"

_SKIN_TONE = re.compile(r"::skin-tone-\d+$")


class ContentPackError(ValueError):
    """A content pack that cannot be used; the message names the file, the entry and what is wrong."""


@dataclass(frozen=True)
class Behaviour:
    """A customer-centric behaviour people recognise each other for."""

    key: str
    label: str
    emoji: str
    description: str


@dataclass(frozen=True)
class Question:
    """A pulse question.

    ``labels`` carries the pack's wording for the scale: the five labels of ``likert5``, or the low and high
    anchors of ``nps11``. Left empty, the standard wording is used.
    """

    id: str
    dimension: str
    text: str
    scale: str
    labels: tuple[str, ...] = ()

    @property
    def choices(self) -> tuple[tuple[int, str], ...]:
        """The answers in order, each a value and the text to show on its button."""
        if self.scale == "likert5":
            return tuple(enumerate(self.labels or DEFAULT_LIKERT5_LABELS, start=1))
        low, high = self.labels or DEFAULT_NPS11_ANCHORS
        middle = tuple((value, str(value)) for value in range(1, 10))
        return ((0, f"0 — {low}"), *middle, (10, f"10 — {high}"))


DEFAULT_CLARITY = Question(CLARITY_ID, CLARITY_ID, DEFAULT_CLARITY_TEXT, "likert5", DEFAULT_CLARITY_LABELS)


@dataclass(frozen=True)
class FollowUp:
    """The question a pulse round asks once a team's action is done: `text` holds `{date}` (when the action was
    taken on) and `{action}` (what the team said it would do)."""

    text: str = DEFAULT_FOLLOWUP
    scale: str = "likert5"
    labels: tuple[str, ...] = ()

    def question(self, question_id: str, *, since: str, action: str) -> Question:
        text = self.text.replace("{date}", since).replace("{action}", action)
        return Question(question_id, FOLLOWUP_DIMENSION, text, self.scale, self.labels)


@dataclass(frozen=True)
class KeyMessage:
    """A ready-to-send key message about the customer promise, in Slack mrkdwn."""

    key: str
    title: str
    body: str
    prompt_key: str


@dataclass(frozen=True)
class Track:
    """An ordered list of library messages a schedule can send, one per occurrence."""

    key: str
    title: str
    messages: tuple[str, ...]


@dataclass(frozen=True)
class Prompt:
    """A team discussion; ``targets`` are the question ids it helps improve."""

    key: str
    title: str
    question: str
    activity: str
    targets: tuple[str, ...]


@dataclass(frozen=True)
class ContentPack:
    """A validated pack. Lookups return ``None`` for unknown keys, since stored data may outlive a pack."""

    behaviours: tuple[Behaviour, ...]
    questions: tuple[Question, ...]
    messages: tuple[KeyMessage, ...]
    prompts: tuple[Prompt, ...]
    promise_statement: str
    promise_values: tuple[str, ...]
    reaction_label: str = DEFAULT_REACTION_LABEL
    """What a shout-out given with the general reaction emoji (not a behaviour's own) recognises."""
    tracks: tuple[Track, ...] = ()
    followup: FollowUp = FollowUp()
    clarity: Question = DEFAULT_CLARITY
    """The one-tap check "How clear is this for your work?" (1 to 5) a key message can carry."""

    def behaviour(self, key: str) -> Behaviour | None:
        return next((item for item in self.behaviours if item.key == key), None)

    def find_behaviour(self, text: str) -> Behaviour | None:
        """The behaviour named by key, label (any case) or emoji (with or without colons and skin tone)."""
        wanted = _SKIN_TONE.sub("", text.strip().strip(":")).lower()
        return next((item for item in self.behaviours if wanted in (item.key, item.label.lower(), item.emoji)), None)

    def question(self, question_id: str) -> Question | None:
        return next((item for item in self.questions if item.id == question_id), None)

    def questions_in(self, dimension: str) -> tuple[Question, ...]:
        return tuple(item for item in self.questions if item.dimension == dimension)

    def message(self, key: str) -> KeyMessage | None:
        return next((item for item in self.messages if item.key == key), None)

    def track(self, key: str) -> Track | None:
        return next((item for item in self.tracks if item.key == key), None)

    def prompt(self, key: str) -> Prompt | None:
        return next((item for item in self.prompts if item.key == key), None)

    def prompts_for_question(self, question_id: str) -> tuple[Prompt, ...]:
        return tuple(item for item in self.prompts if question_id in item.targets)
