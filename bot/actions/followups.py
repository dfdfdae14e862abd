"""The follow-up a done action earns: the next pulse round for its scope asks "Since <date> we <action>: has it
made a difference?", worded by the question bank's `[followup]`. Each action is followed up by one round only
(claimed in the database), and only by a round whose audience reaches the action's reporting groups (any round
for an action of the whole organisation)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from bot.platform.ids import parse_id
from bot.pulses import MAX_FOLLOWUPS
from content.blocks.common import escape
from content.pack import FOLLOWUP_PREFIX, ContentPack, Question
from storage import actions as store
from storage.models import TeamAction


def followup_id(action_id: int) -> str:
    return f"{FOLLOWUP_PREFIX}{action_id}"


def followed_up(question_id: str) -> int | None:
    """The action a follow-up question's id names (the inverse of `followup_id`), or None."""
    return parse_id(question_id.removeprefix(FOLLOWUP_PREFIX)) if question_id.startswith(FOLLOWUP_PREFIX) else None


def followup_labels(session: Session, question_ids: Sequence[str]) -> dict[str, str]:
    """For results: the text of the action each follow-up question asks about, by question id (`FollowupLabels`).
    An id that names no action is left out."""
    found: dict[str, str] = {}
    for question_id in question_ids:
        action_id = followed_up(question_id)
        action = store.get(session, action_id) if action_id is not None else None
        if action is not None:
            found[question_id] = action.text
    return found


def as_clause(text: str) -> str:
    """The action's words to follow "we": without a closing full stop, and a leading capital lowered unless it
    starts an acronym or a name's initials ("Let people…" → "let people…", "NPS…" stays)."""
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _reaches(action: TeamAction, audience: Sequence[str]) -> bool:
    return not action.groups or bool(set(action.groups) & set(audience))


def followups_for_round(session: Session, round_id: int, audience: Sequence[str], pack: ContentPack) -> list[Question]:
    """Claim for round `round_id` the done actions it should follow up, and word their questions."""
    found: list[Question] = []
    for action in store.awaiting_followup(session):
        if len(found) >= MAX_FOLLOWUPS or action.id is None or not _reaches(action, audience):
            continue
        if store.claim_followup(session, action.id, round_id):
            since = f"{action.created_at:%-d %B}"
            found.append(
                pack.followup.question(followup_id(action.id), since=since, action=escape(as_clause(action.text)))
            )
    return found
