"""Follow-up questions: a round may ask, beside its campaign's questions, whether something a team did since the
last round made a difference. Another feature chooses them (`FollowupSource`, handed to the planner); they are fixed
on the round before anyone is invited, so everyone asked sees the same questions, and their answers are stored
under the round's tokens and pass the disclosure gate like every other answer."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from sqlmodel import Session

from content.pack import FOLLOWUP_DIMENSION, ContentPack, Question
from storage import pulses as store
from storage.models import PulseRound

MAX_FOLLOWUPS = 2
"""A round asks at most two follow-ups, so a pulse stays a few taps."""

FollowupSource = Callable[[Session, int, Sequence[str], ContentPack], list[Question]]
"""(session, round id, the campaign's audience, pack) → the follow-ups to ask in that round, claimed for it."""

FollowupLabels = Callable[[Session, Sequence[str]], Mapping[str, str]]
"""(session, follow-up question ids) → what each follows up, as the feature that chose it words it (an action's
text), for results to say which follow-up a figure belongs to; an id it no longer knows is left out."""


def round_followups(pack: ContentPack, pulse_round: PulseRound | None) -> tuple[Question, ...]:
    """The round's follow-up questions, worded as they were fixed; labels as the pack words its follow-up scale."""
    if pulse_round is None:
        return ()
    found = []
    for stored in pulse_round.followups:
        scale = stored.get("scale", "likert5")
        labels = pack.followup.labels if pack.followup.scale == scale else ()
        found.append(Question(stored["id"], FOLLOWUP_DIMENSION, stored["text"], scale, labels))
    return tuple(found)


def attach_followups(
    session: Session, pulse_round: PulseRound, audience: Sequence[str], source: FollowupSource, pack: ContentPack
) -> PulseRound:
    """Fix the follow-ups of a round about to invite (once: a round that has some keeps them); the round now."""
    round_id = pulse_round.id or 0
    current = store.get_round(session, round_id) or pulse_round
    if current.followups or current.invited_at is not None:
        return current
    chosen = source(session, round_id, audience, pack)[:MAX_FOLLOWUPS]
    if chosen:
        store.set_followups(session, round_id, [{"id": q.id, "text": q.text, "scale": q.scale} for q in chosen])
        session.refresh(current)
    return current
