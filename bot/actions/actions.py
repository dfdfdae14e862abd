"""Team actions: taking one on from a digest's focus item, listing a scope's actions, the owner's status changes.

An action is recorded once per modal submission (its view id is the request key), only after every field is
valid; a refusal names the field to change and leaves nothing in the database.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.actions.policy import may_take_on, may_update_status
from bot.actions.views import ActionView
from bot.platform.directory import DirectoryError
from bot.platform.outbox import keys
from bot.platform.outbox.queue import selected
from bot.platform.roles import Actor, Role
from bot.platform.runtime import Runtime
from content.blocks import actions as blocks
from storage import actions as store
from storage.models import ActionStatus, TeamAction

log = logging.getLogger(__name__)

LATEST_DUE = timedelta(days=366)


@dataclass(frozen=True)
class ActionForm:
    """The modal as submitted, as plain values."""

    channel: str
    question_id: str
    text: str
    owner: str
    due_on: date | None
    request_key: str


def today(runtime: Runtime) -> date:
    """The organisation's date now: due dates are days in its time zone."""
    return runtime.clock.now().astimezone(runtime.settings.timezone).date()


def view_of(action: TeamAction, *, on: date) -> ActionView:
    return ActionView(
        action_id=action.id or 0,
        channel=action.channel,
        text=action.text,
        item_text=action.item_text,
        owner=action.owner,
        due_on=action.due_on,
        status=action.status,
        created_at=action.created_at,
        done_at=action.done_at,
        overdue=action.status != ActionStatus.DONE and action.due_on < on,
        question_id=action.question_id,
    )


def _owner_problem(runtime: Runtime, owner: str) -> str:
    if not owner:
        return "Choose who owns this action."
    try:
        person = runtime.directory.person(owner)
    except DirectoryError:
        return "Slack didn't tell me who that is just now. Try saving again in a minute."
    if person is None or not person.reachable:
        return f"<@{owner}> is a bot or no longer in this workspace: choose a person who can make it happen."
    return ""


def form_errors(runtime: Runtime, form: ActionForm) -> dict[str, str]:
    """What to change in the modal, by field; empty when the form is valid."""
    errors: dict[str, str] = {}
    text, day = form.text.strip(), today(runtime)
    if not text:
        errors[blocks.TEXT] = "Say what the team will do, in a sentence people will recognise."
    elif len(text) > blocks.MAX_TEXT:
        errors[blocks.TEXT] = f"Keep it under {blocks.MAX_TEXT} characters (this is {len(text)})."
    elif runtime.pack.question(form.question_id) is None:
        errors[blocks.TEXT] = "This item is no longer in the question bank. Take an action on from a newer digest."
    if owner := _owner_problem(runtime, form.owner):
        errors[blocks.OWNER] = owner
    if form.due_on is None:
        errors[blocks.DUE] = "Pick a due date."
    elif form.due_on < day:
        errors[blocks.DUE] = f"That date has passed: pick {day:%-d %b %Y} or later."
    elif form.due_on > day + LATEST_DUE:
        errors[blocks.DUE] = "Pick a date within a year, so the team sees it through."
    return errors


def take_on(
    runtime: Runtime, actor: Actor, form: ActionForm, *, groups: Sequence[str], members: Collection[str] | None
) -> tuple[ActionView | None, dict[str, str]]:
    """Record the action for the scope of `form.channel` (its pulse reporting `groups`, empty for everyone): the
    action, or the errors by field."""
    decision = may_take_on(actor, channel=form.channel, members=members)
    if not decision.allowed:
        return None, {blocks.TEXT: decision.reason}
    errors = form_errors(runtime, form)
    question = runtime.pack.question(form.question_id)
    if errors or question is None or form.due_on is None:
        return None, errors
    values: dict[str, object] = {"channel": form.channel, "groups": list(groups), "question_id": question.id}
    values |= {"item_text": question.text[:300], "text": form.text.strip(), "owner": form.owner}
    values |= {"due_on": form.due_on, "created_by": actor.user_id}
    with runtime.session() as session:
        action, created = store.add(session, values=values, request_key=form.request_key, now=runtime.clock.now())
        shown = view_of(action, on=today(runtime))
    if created:
        log.info("action %s taken on for %s by %s", shown.action_id, form.channel, actor.user_id)
    return shown, {}


def listed(runtime: Runtime, actor: Actor, channels: Sequence[str] | None) -> list[ActionView]:
    """The actions of `channels` (None for every channel: admins), open ones first."""
    everyone = channels is None and actor.holds(Role.ADMIN)
    with runtime.session() as session:
        found = store.listed(session, channels=None if everyone else list(channels or []))
        day = today(runtime)
        views = [view_of(a, on=day) for a in found]
    return sorted(views, key=lambda a: a.status == ActionStatus.DONE)


def update_status(runtime: Runtime, actor: Actor, action_id: int, status: str) -> tuple[ActionView | None, str]:
    """The owner's tap: the action as it is now, or why nothing changed."""
    with runtime.session() as session:
        action = store.get(session, action_id)
        if action is None:
            return None, "I can't find that action any more; nothing was changed."
        decision = may_update_status(actor, owner=action.owner)
        if not decision.allowed:
            return None, decision.reason
        store.set_status(session, action_id, ActionStatus(status), now=runtime.clock.now())
        session.refresh(action)
        return view_of(action, on=today(runtime)), ""


def is_nudge(runtime: Runtime, action_id: int, *, channel: str, ts: str) -> bool:
    """Whether the message (`channel`, `ts`) is one of the action's weekly DMs, which a status tap redraws; a tap
    sent back on any other message of Cadence's changes the status only, never that message."""
    with runtime.session() as session:
        nudges = selected(session, keys.action_nudges_of(action_id))
    return any((d.message_channel, d.message_ts) == (channel, ts) for d in nudges)
