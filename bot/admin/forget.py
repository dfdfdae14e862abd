"""People's data rights: forgetting one person, and exporting what the programme holds.

Forgetting follows one policy (README, "Data rights"):
- pulse answers stay in the results: they never carried the person's id, and their answers and comment are moved
  to a random token, so not even Cadence can tie them to the person again; the record that they were asked (and
  whether they answered) stays as a count under a tombstone, so turnout still adds up;
- messages to them not sent yet are cancelled; sent ones keep their state (reach still adds up) and lose the
  person: their id, where the message landed and what it said; other messages that named them (a celebration,
  a digest) name the tombstone instead; what Slack already shows stays in Slack;
- their "Got it" / "Discussed" clicks stay as counts under a tombstone;
- shout-outs they gave stay counted for the people they recognised, without the giver and without the giver's
  words; in shout-outs they received their name becomes `UFORGOTTEN` and the giver's words stay;
- their key-message schedules, pulse campaigns and the team actions they owned or took on pass to the programme
  owner;
- the directory forgets what Slack said about them and which kept channels they are in;
- the audit log says that a person was forgotten, and what was changed, without saying who.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from sqlmodel import Session

from bot.keymessages import hand_over
from bot.platform.runtime import Runtime
from bot.pulses import answer_token
from storage import admin, teams
from storage import directory as kept_directory
from storage import forget as store

log = logging.getLogger(__name__)

FORGET_ACTION = "person.forgotten"
LABELS = {
    "pulse_participation": "pulse invitations kept as anonymous counts",
    "pulse_answers_unlinked": "pulse answers and comments unlinked for good",
    "deliveries_cancelled": "messages to them not sent yet, cancelled",
    "deliveries_anonymised": "messages to them, anonymised",
    "messages_unnamed": "other messages that named them, name removed",
    "key_message_acks": "key-message acknowledgements anonymised",
    "shoutouts_given": "shout-outs they gave, giver and words removed",
    "shoutouts_received": "shout-outs they received, their name removed",
    "schedules_handed_over": "key-message schedules handed to the programme owner",
    "campaigns_handed_over": "pulse campaigns handed to the programme owner",
    "actions_handed_over": "team actions they owned or took on, handed to the programme owner",
    "team_rows": "rows of Cadence's teams removed",
    "cascade_lines": "key messages sent through managers, their name removed",
}


class ForgetRefusal(ValueError):
    """A forget that cannot be done as asked; the message says what to change."""


@dataclass(frozen=True)
class ForgetReport:
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def lines(self) -> list[str]:
        return [f"{self.counts[kind]} {label}" for kind, label in LABELS.items() if self.counts.get(kind)]


def check_forgettable(runtime: Runtime, user_id: str) -> None:
    """Refuse ids that are not a person's, and the programme owner (whose schedules would have nowhere to go)."""
    if user_id[:1] not in ("U", "W") or not user_id[1:].isalnum() or user_id == store.FORGOTTEN:
        raise ForgetRefusal(f"`{user_id[:40]}` is not a person's Slack user id (U…).")
    settings = runtime.settings
    if user_id in (*settings.admins, *settings.leaders, *settings.champions):
        raise ForgetRefusal(
            "They hold a role in Cadence's settings. Remove it first (`/cadence role remove leader @them`; "
            "a role given in the deployment's environment is removed there)."
        )
    if user_id == settings.programme_owner:
        raise ForgetRefusal(
            "That is the programme owner, who inherits everyone's schedules. "
            "Make someone else the owner first (`/cadence set owner @someone`)."
        )


def forget_person(runtime: Runtime, user_id: str, *, actor: str) -> ForgetReport:
    """Remove `user_id` from Cadence's records as the policy above says, in one unit of work after the schedule
    handover; safe to run again (a second run finds nothing left to change)."""
    check_forgettable(runtime, user_id)
    counts = {"schedules_handed_over": len(hand_over(runtime, user_id, reason="was removed from Cadence"))}
    now = runtime.clock.now()
    with runtime.session() as session:
        counts["pulse_answers_unlinked"] = _unlink_answers(runtime, session, user_id)
        counts["pulse_participation"] = store.anonymise_participation(session, user_id=user_id)
        counts["deliveries_cancelled"] = store.cancel_pending_deliveries(session, user_id=user_id)
        counts["deliveries_anonymised"] = store.anonymise_deliveries(session, user_id=user_id)
        counts["messages_unnamed"] = store.unname_in_payloads(session, user_id=user_id)
        counts["key_message_acks"] = store.anonymise_key_acks(session, user_id=user_id)
        counts["shoutouts_given"] = store.redact_given_shoutouts(session, user_id=user_id)
        counts["shoutouts_received"] = store.unname_recipient(session, user_id=user_id)
        owner = runtime.settings.programme_owner or store.FORGOTTEN
        counts["campaigns_handed_over"] = store.hand_over_campaigns(session, user_id=user_id, new_creator=owner)
        counts["actions_handed_over"] = store.hand_over_actions(session, user_id=user_id, new_owner=owner)
        counts["directory_entries"] = kept_directory.forget_person(session, user_id=user_id)
        counts["team_rows"] = teams.forget_person(session, user_id=user_id)
        counts["cascade_lines"] = store.unname_in_cascades(session, user_id=user_id)
        admin.record(session, actor=actor, action=FORGET_ACTION, detail=_audit_detail(counts), now=now)
    log.info("a person was forgotten by %s: %d records changed", actor, sum(counts.values()))
    return ForgetReport(counts)


def _audit_detail(counts: dict[str, int]) -> dict[str, object]:
    """What a forget changed, without whom it was about (keeping the id would undo the forgetting)."""
    return {"person": "not recorded", **{kind: n for kind, n in counts.items() if n}}


def _unlink_answers(runtime: Runtime, session: Session, user_id: str) -> int:
    secret = runtime.settings.pulse_secret
    if not secret:
        return 0
    changed = 0
    for round_id in store.participation_rounds(session, user_id=user_id):
        token = answer_token(secret, round_id, user_id)
        changed += store.retoken_answers(session, round_id=round_id, token=token, new_token=secrets.token_hex(32))
    return changed
