"""What a digest shows of a scope's actions: the open ones, the overdue ones for its health warnings, and each
recently done action's focus item before it was taken on and since it was done.

The before and after come from `bot.pulses` like every digest figure: the item's score over closed rounds, in the
action's reporting groups, as the disclosure gate passes it (hidden under the minimum group size).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from bot.actions.actions import view_of
from bot.actions.followups import followup_id
from bot.actions.views import ActionView, BeforeAfter, ItemFigure
from bot.pulses import item_scores, period_disclosures
from content.pack import ContentPack
from storage import actions as store
from storage.models import ActionStatus, TeamAction

BEFORE_WINDOW = timedelta(weeks=4)
"""The rounds that closed in the four weeks before an action was taken on are its "before"."""
SHOWN_FOR = timedelta(weeks=8)
"""A done action's before and after stay in the digest for eight weeks."""


@dataclass(frozen=True)
class DigestActions:
    open: tuple[ActionView, ...] = ()
    overdue: tuple[ActionView, ...] = ()
    results: tuple[BeforeAfter, ...] = ()


def digest_actions(
    session: Session, *, pack: ContentPack, channel: str, until: datetime, on: date, min_size: int
) -> DigestActions:
    """The actions of `channel`'s digest up to `until` (every channel's when `channel` is "", as App Home's
    health shows them), with `on` the day overdue is judged against."""
    found = store.listed(session, channels=[channel] if channel else None)
    views = [view_of(a, on=on) for a in found]
    open_actions = tuple(v for v in views if v.status != ActionStatus.DONE)
    done = [a for a in found if a.status == ActionStatus.DONE and _recently(a.done_at, until)]
    results = tuple(_before_after(session, pack, a, until, on, min_size) for a in done)
    return DigestActions(open_actions, tuple(v for v in open_actions if v.overdue), results)


def _recently(done_at: datetime | None, until: datetime) -> bool:
    return done_at is not None and done_at < until and until - done_at < SHOWN_FOR


def _before_after(
    session: Session, pack: ContentPack, action: TeamAction, until: datetime, on: date, min_size: int
) -> BeforeAfter:
    assert action.done_at is not None
    question = pack.question(action.question_id)
    high = 10 if question is not None and question.scale == "nps11" else 5
    item, since_done = action.question_id, (action.done_at, until)
    before = _figure(session, action, item, (action.created_at - BEFORE_WINDOW, action.created_at), min_size)
    after = _figure(session, action, item, since_done, min_size)
    followup = _figure(session, action, followup_id(action.id or 0), since_done, min_size)
    return BeforeAfter(view_of(action, on=on), before, after, high, followup)


def _figure(
    session: Session, action: TeamAction, question_id: str, span: tuple[datetime, datetime], min_size: int
) -> ItemFigure:
    """The question's mean over the rounds closed in `span`, in the action's groups, as the gate passes it."""
    rounds = period_disclosures(session, since=span[0], until=span[1], min_size=min_size)
    groups: Sequence[str] | None = action.groups or None
    item = next((s for s in item_scores(rounds, groups) if s.question_id == question_id), None)
    if item is None:
        return ItemFigure(None, 0, 0)
    return ItemFigure(item.mean, item.respondents, len(rounds))
