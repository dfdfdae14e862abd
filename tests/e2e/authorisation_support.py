"""How the authorisation matrix attempts an action: a person sends the signed request Slack would send (a slash
command, a click on a button the bot really posted, a submission of a modal the bot really opened, a file shared in
the DM), and the attempt reports whether the action took effect (read from the database or from what Slack
received) and the private refusal, if any, that the person was shown. Attempts register under their matrix name
in an `Attempts`; `tests/e2e/authorisation_actions.py` and `authorisation_admin_actions.py` hold them."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlmodel import func, select

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from emulator.records import Ephemeral
from tests.e2e.conftest import GENERAL
from tests.support.bot import BotUnderTest


@dataclass(frozen=True)
class Seen:
    took_effect: bool
    refusal: str = ""
    """The private refusal the person was shown, "" when none."""


@dataclass
class World:
    bot: BotUnderTest
    slack: SlackEmulator
    clock: ManualTime

    def count(self, model: type, *where: Any) -> int:
        with self.bot.runtime.session() as session:
            return session.exec(select(func.count()).select_from(model).where(*where)).one()

    def new_posts(self, before: int) -> list[dict[str, Any]]:
        return [post.payload for post in self.slack.response_posts[before:]]


Attempt = Callable[[World, str], Seen]


class Attempts(dict[str, Attempt]):
    """Attempts by the matrix's name of their action."""

    def add(self, name: str) -> Callable[[Attempt], Attempt]:
        def register(fn: Attempt) -> Attempt:
            assert name not in self, f"two attempts at {name!r}"
            self[name] = fn
            return fn

        return register


def refusal_in(*answers: Any) -> str:
    """The text of any refusal among the answers (a refusal is the private `:warning:` section Cadence sends)."""
    return "\n".join(str(a.get("text", "")) for a in answers if ":warning:" in json.dumps(a.get("blocks") or []))


def command(world: World, user: str, text: str, *, name: str = "/cadence", channel: str = GENERAL) -> dict[str, Any]:
    """Run a slash command; returns the private answer it was acknowledged with (a bare text ack as its text)."""
    world.clock.advance(timedelta(minutes=1))
    reply = world.bot.command(user, name, text, channel=channel)
    return reply.json if reply.body.startswith("{") else {"text": reply.body}


def replied(world: World, user: str, text: str, expected: str, *, name: str = "/cadence") -> Seen:
    """A command whose effect is its private answer, titled `expected`."""
    reply = command(world, user, text, name=name)
    return Seen(reply.get("text", "").startswith(expected), refusal_in(reply))


def opens_a_modal(world: World, user: str, text: str, *, name: str = "/cadence") -> Seen:
    before = len(world.slack.opened_views(user))
    reply = command(world, user, text, name=name)
    return Seen(len(world.slack.opened_views(user)) > before, refusal_in(reply))


def submitted(world: World, user: str, view: dict[str, Any], values: dict[str, Any]) -> str:
    """Submit `view` (opened for someone else) as `user`; returns the refusal the modal showed, if any."""
    reply = world.bot.submit(user, view, values)
    errors = reply.json.get("errors", {}) if reply.json.get("response_action") == "errors" else {}
    return "\n".join(errors.values())


def clicked(world: World, user: str, action_id: str, value: str | None, message: Any) -> list[dict[str, Any]]:
    """Click a button in a message the bot sent someone else; returns what the bot posted to the response URL."""
    before = len(world.slack.response_posts)
    world.bot.click(user, action_id=action_id, value=value, message=message)
    return world.new_posts(before)


def as_message(world: World, owner: str, answer: dict[str, Any]) -> Ephemeral:
    """A private answer as `owner`'s Slack client shows it in #general, clickable like a posted message."""
    shown = world.slack.show_ack(owner, GENERAL, answer)
    assert shown is not None, "the command answered nothing to show"
    return shown


def open_home(bot: BotUnderTest, slack: SlackEmulator, user: str) -> dict[str, Any]:
    bot.event({"type": "app_home_opened", "user": user, "channel": "D" + user[1:], "tab": "home"})
    view = slack.home_view(user)
    assert view is not None, f"no Home published for {user}"
    return view
