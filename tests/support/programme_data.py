"""Writes a programme's history straight into the database, for digest tests: closed pulse rounds with answers,
shout-outs, and key messages with their deliveries and acknowledgements."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta

from sqlalchemy.engine import Engine

from bot.keymessages import recurrence
from bot.platform.outbox import keys
from content.pack import load_pack
from storage.db import session_scope
from storage.models import (
    Delivery,
    DeliveryState,
    KeyAck,
    KeyOccurrence,
    KeySchedule,
    PulseAnswer,
    PulseCampaign,
    PulseComment,
    PulseParticipation,
    PulseRound,
    Shoutout,
    ShoutoutRecipient,
)

PACK_QUESTIONS = {q.id: q for q in load_pack().questions}


class ProgrammeData:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._campaign: int | None = None
        self._count = 0

    def _next(self) -> int:
        self._count += 1
        return self._count

    def pulse_round(
        self,
        *,
        closes_at: datetime,
        answers: Sequence[dict[str, int]],
        invited: int | None = None,
        group: str = "C0GENERAL",
        comments: Sequence[str] = (),
    ) -> int:
        """A closed round: `answers` holds one respondent's {question id: score} each; `invited` people were asked
        (at least the respondents)."""
        invited = max(invited or 0, len(answers))
        with session_scope(self.engine) as session:
            campaign_id = self._campaign_id(session, closes_at)
            pulse_round = PulseRound(
                campaign_id=campaign_id, opens_at=closes_at - timedelta(days=3), closes_at=closes_at, state="closed"
            )
            session.add(pulse_round)
            session.flush()
            assert pulse_round.id is not None
            tag = self._next()
            for i in range(invited):
                session.add(
                    PulseParticipation(
                        round_id=pulse_round.id,
                        user_id=f"U9P{tag}X{i}",
                        group=group,
                        invited_at=pulse_round.opens_at,
                        answered=i < len(answers),
                    )
                )
            for i, scores in enumerate(answers):
                token = f"tok-{tag}-{i}"
                for question_id, score in scores.items():
                    session.add(
                        PulseAnswer(
                            round_id=pulse_round.id,
                            question_id=question_id,
                            dimension=PACK_QUESTIONS[question_id].dimension,
                            scale=PACK_QUESTIONS[question_id].scale,
                            token=token,
                            score=score,
                            group=group,
                        )
                    )
            for i, text in enumerate(comments):
                session.add(PulseComment(round_id=pulse_round.id, token=f"tok-{tag}-{i}", group=group, text=text))
            return pulse_round.id

    def _campaign_id(self, session: object, at: datetime) -> int:
        if self._campaign is None:
            campaign = PulseCampaign(
                creator="U0CHAMP", local_time="09:00", timezone="UTC", starts_at=at, created_at=at, every_weeks=1
            )
            session.add(campaign)  # type: ignore[attr-defined]
            session.flush()  # type: ignore[attr-defined]
            self._campaign = campaign.id
        assert self._campaign is not None
        return self._campaign

    def shoutout(
        self, *, giver: str, recipients: Sequence[str], at: datetime, behaviour: str | None = None, message: str = ""
    ) -> None:
        with session_scope(self.engine) as session:
            row = Shoutout(
                request_key=f"test:{self._next()}",
                giver=giver,
                behaviour_key=behaviour,
                message=message,
                source="command",
                created_at=at,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            for recipient in recipients:
                session.add(ShoutoutRecipient(shoutout_id=row.id, recipient=recipient))

    def key_message(
        self,
        *,
        title: str,
        occurs_at: datetime,
        delivered: int = 0,
        failed: int = 0,
        got_it: int = 0,
        discussed: int = 0,
        state: str = "planned",
    ) -> None:
        with session_scope(self.engine) as session:
            schedule = KeySchedule(
                owner="U0LEADER",
                title=title,
                text="Our promise",
                mode="dm",
                kind="once",
                start_date=occurs_at.date(),
                at_time=time(9, 0),
                zone="UTC",
                plan_from=occurs_at - timedelta(days=1),
                created_at=occurs_at - timedelta(days=1),
                updated_at=occurs_at - timedelta(days=1),
            )
            session.add(schedule)
            session.flush()
            assert schedule.id is not None
            occurrence = KeyOccurrence(
                schedule_id=schedule.id,
                occurs_at=occurs_at,
                state=state,
                recipients=delivered + failed,
                planned_at=occurs_at,
            )
            session.add(occurrence)
            stamp = recurrence.stamp(occurs_at)
            outcomes = [DeliveryState.SENT] * delivered + [DeliveryState.FAILED] * failed
            for i, outcome in enumerate(outcomes):
                key = keys.key_message(schedule.id, stamp, f"U9R{i}")
                session.add(
                    Delivery(
                        key=key.key,
                        kind=key.kind,
                        ref_id=key.ref_id,
                        ref=key.ref,
                        channel=f"U9R{i}",
                        state=outcome,
                        next_attempt_at=occurs_at,
                        created_at=occurs_at,
                    )
                )
            for kind, n in (("got_it", got_it), ("discussed", discussed)):
                for i in range(n):
                    session.add(
                        KeyAck(
                            schedule_id=schedule.id,
                            occurs_at=occurs_at,
                            user_id=f"U9R{i}",
                            kind=kind,
                            created_at=occurs_at,
                        )
                    )
