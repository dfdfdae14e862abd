"""What the action builders render, as plain values: an action with its owner, due date and status, and the
focus item's score before the action was taken on and after it was done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

STATUS_LABELS = {"open": "Not started", "in_progress": "In progress", "blocked": "Blocked", "done": "Done"}
"""Each status as people read it, in the order the owner's buttons offer them (after "Not started")."""


@dataclass(frozen=True)
class ActionView:
    action_id: int
    channel: str
    """The champions' channel whose digest it was taken on from."""
    text: str
    item_text: str
    owner: str
    due_on: date
    status: str
    created_at: datetime
    done_at: datetime | None = None
    overdue: bool = False
    question_id: str = ""
    """The item it was taken on for."""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class ItemFigure:
    """The item's mean on its own scale over some rounds, as the disclosure gate passed it (None when hidden)."""

    mean: float | None
    respondents: int
    rounds: int


@dataclass(frozen=True)
class BeforeAfter:
    """A done action's focus item, in the rounds before it was taken on and the rounds since it was done."""

    action: ActionView
    before: ItemFigure
    after: ItemFigure
    scale_high: int = 5
    followup: ItemFigure = ItemFigure(None, 0, 0)
    """The follow-up question's answers (1 none at all – 5 a big difference), once a round asked it."""
