"""The matrix's attempts at key-message, pulse and digest actions (see `tests/e2e/authorisation_support.py`)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from storage import digests as digest_store
from storage import keymessages as keymessage_store
from storage.models import PulseCampaign
from tests.e2e.authorisation_support import (
    Attempt,
    Attempts,
    Seen,
    World,
    clicked,
    command,
    open_home,
    opens_a_modal,
    refusal_in,
    replied,
    submitted,
)
from tests.e2e.conftest import ADMIN, CHAMPION, CHAMPIONS, ERIN, GENERAL, LEADER, TEAM_A
from tests.e2e.keymessage_support import DEFAULTS, list_message, open_composer
from tests.e2e.pulse_steps import form_values
from tests.support.programme_data import ProgrammeData

ATTEMPTS = Attempts()
action = ATTEMPTS.add
OTHER_LEADER = ERIN
"""Owns the schedules the others try to change: for every person tried, someone else's."""


# --- key messages ---------------------------------------------------------------------------------------------------


@action("/promise schedule")
def promise_schedule(world: World, user: str) -> Seen:
    return opens_a_modal(world, user, "schedule", name="/promise")


@action("submit the key-message composer")
def submit_composer(world: World, user: str) -> Seen:
    view = open_composer(world.bot, world.slack, OTHER_LEADER)
    before = len(_schedules_of(world, user))
    refusal = submitted(world, user, view, DEFAULTS)
    return Seen(len(_schedules_of(world, user)) > before, refusal)


@action("/promise list")
def promise_list(world: World, user: str) -> Seen:
    return replied(world, user, "list", "Key message schedules", name="/promise")


def _schedules_of(world: World, owner: str) -> list[Any]:
    with world.bot.runtime.session() as session:
        return list(keymessage_store.schedules_of(session, owner=owner))


def _state_of(world: World, schedule_id: int) -> str:
    with world.bot.runtime.session() as session:
        schedule = keymessage_store.get_schedule(session, schedule_id)
        assert schedule is not None
        return str(schedule.state)


def _others_schedule(world: World, *, paused: bool = False) -> int:
    """A new schedule of another leader's (paused by its owner, if asked); returns its id."""
    view = open_composer(world.bot, world.slack, OTHER_LEADER)
    world.bot.submit(OTHER_LEADER, view, DEFAULTS)
    schedule_id = max(s.id for s in _schedules_of(world, OTHER_LEADER))
    if paused:
        world.bot.click(OTHER_LEADER, action_id="keymsg_pause", value=str(schedule_id), message=_owners_list(world))
        assert _state_of(world, schedule_id) == "paused"
    return schedule_id


def _owners_list(world: World) -> Any:
    return list_message(world.bot, OTHER_LEADER)


def _state_button(action_id: str, after: str, *, paused: bool = False) -> Attempt:
    def attempt(world: World, user: str) -> Seen:
        schedule_id = _others_schedule(world, paused=paused)
        posts = clicked(world, user, action_id, str(schedule_id), _owners_list(world))
        return Seen(_state_of(world, schedule_id) == after, refusal_in(*posts))

    return attempt


action("Pause on someone else's schedule")(_state_button("keymsg_pause", "paused"))
action("Resume on someone else's schedule")(_state_button("keymsg_resume", "active", paused=True))
action("Cancel on someone else's schedule")(_state_button("keymsg_cancel", "cancelled"))


@action("Edit on someone else's schedule")
def edit_button(world: World, user: str) -> Seen:
    schedule_id = _others_schedule(world)
    before = len(world.slack.opened_views(user))
    posts = clicked(world, user, "keymsg_edit", str(schedule_id), _owners_list(world))
    return Seen(len(world.slack.opened_views(user)) > before, refusal_in(*posts))


# --- pulses ---------------------------------------------------------------------------------------------------------


@action("/pulse new")
def pulse_new(world: World, user: str) -> Seen:
    return opens_a_modal(world, user, "new", name="/pulse")


@action("submit the new-pulse form")
def submit_pulse_form(world: World, user: str) -> Seen:
    world.bot.command(LEADER, "/pulse", "new")
    view = world.slack.opened_views(LEADER)[-1]
    before = world.count(PulseCampaign, PulseCampaign.creator == user)
    refusal = submitted(world, user, view, form_values())
    return Seen(world.count(PulseCampaign, PulseCampaign.creator == user) > before, refusal)


@action("/pulse results")
def pulse_results(world: World, user: str) -> Seen:
    answers = [{"align-role-meaning": 4}] * 5
    ProgrammeData(world.bot.runtime.engine).pulse_round(
        closes_at=world.clock.now() - timedelta(days=1), answers=answers
    )
    return replied(world, user, "results latest", "Pulse results", name="/pulse")


# --- digests --------------------------------------------------------------------------------------------------------


@action("/cadence digest setup")
def digest_setup(world: World, user: str) -> Seen:
    return opens_a_modal(world, user, "digest setup")


@action("submit the digest setup form")
def submit_digest_setup(world: World, user: str) -> Seen:
    world.bot.command(ADMIN, "/cadence", "digest setup", channel=TEAM_A)
    view = world.slack.opened_views(ADMIN)[-1]
    values = {"digest_channel": TEAM_A, "digest_scope": "org", "digest_time": "16:30", "digest_timezone": "UTC"}
    refusal = submitted(world, user, view, values)
    with world.bot.runtime.session() as session:
        saved_by = {row.channel: row.created_by for row in digest_store.configured_channels(session)}
    return Seen(saved_by.get(TEAM_A) == user, refusal)


def _digest_now(text: str, channel: str) -> Attempt:
    def attempt(world: World, user: str) -> Seen:
        before = len(world.slack.messages(CHAMPIONS))
        reply = command(world, user, text, channel=channel)
        return Seen(len(world.slack.messages(CHAMPIONS)) > before, refusal_in(reply))

    return attempt


action("/cadence digest now, typed in #champions")(_digest_now("digest now", CHAMPIONS))
action("/cadence digest now #champions, typed elsewhere")(_digest_now(f"digest now <#{CHAMPIONS}|champions>", GENERAL))


@action("Home: Post digest now for #champions")
def home_digest_now(world: World, user: str) -> Seen:
    champions_home = open_home(world.bot, world.slack, CHAMPION)
    open_home(world.bot, world.slack, user)
    world.clock.advance(timedelta(minutes=1))
    before = len(world.slack.messages(CHAMPIONS))
    world.bot.click(user, action_id="home_digest_now", value=CHAMPIONS, view=champions_home)
    notice = (world.slack.home_view(user) or {"blocks": []})["blocks"][0]
    refusal = json.dumps(notice, ensure_ascii=False) if ":warning:" in json.dumps(notice) else ""
    return Seen(len(world.slack.messages(CHAMPIONS)) > before, refusal)
