"""The sandbox's world: the demo's organisation after a few played weeks, kept running so a visitor can act in it as
any of its people. Every act is a Slack request to the real app (signed, over HTTP), followed by one scheduler tick,
as the clock process would run within seconds; moving time ticks through the hours skipped.

Acts are serialised: one visitor, one workspace, one clock.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.demo.actions import SHOUTOUT_REACTION, DemoError, open_home
from bot.demo.runner import Stage
from bot.jobs import tick
from bot.sandbox.moments import MOMENTS, moment_after
from emulator.client import Reply
from emulator.records import Ephemeral, Message

log = logging.getLogger(__name__)
RECOGNISE = "recognise_message"
MENTION = re.compile(r"(?<![<\w])([@#])([a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)")
FAILED = "Cadence could not finish that ({detail}). Nothing else changed; try again or pick another action."


def carry_on_without(step: Callable[[], None]) -> None:
    """The organisation's other people act as time moves; one whose step Cadence refuses (a form the visitor
    changed, a pulse that closed) simply does not act."""
    try:
        step()
    except (DemoError, AssertionError) as exc:
        log.info("a background step did not happen: %s", exc)


class SandboxRefusal(ValueError):
    """The visitor asked for something the workspace does not have (a message, a form, a moment)."""


@dataclass
class Desk:
    """What one person has on screen besides conversations: the form they have open, its field errors, a notice."""

    modal: dict[str, Any] | None = None
    errors: dict[str, str] | None = None
    notice: str | None = None


class Sandbox:
    def __init__(self, stage: Stage) -> None:
        self.stage = stage
        self.slack = stage.slack
        self.client = stage.client
        self.lock = threading.RLock()
        self.desks: dict[str, Desk] = {}

    def desk(self, user: str) -> Desk:
        return self.desks.setdefault(user, Desk())

    def now(self) -> datetime:
        return self.stage.clock.now()

    # --- what a person does ---------------------------------------------------------------------------------------

    def command(self, user: str, channel: str, line: str) -> None:
        """`line` is what they typed in the composer: `/shoutout @… words`; the command's reply shows to them."""
        name, _, text = line.strip().partition(" ")
        with self.lock:
            escaped = self._escaped(text.strip())
            reply = self._acting(user, lambda: self.client.command(user, name, escaped, channel=channel))
            if reply is not None and reply.status == 404:
                self.desk(user).notice = f"{name} is not a Cadence command. Try /cadence help."
            elif reply is not None and reply.status == 200:
                self.slack.show_ack(user, channel, reply.json)

    def say(self, user: str, channel: str, text: str) -> None:
        """A plain message in a channel (Cadence is not told of it, as in Slack)."""
        with self.lock:
            self.slack.post_as(user, channel, text)

    def click(
        self, user: str, action_id: str, value: str | None, *, where: str, channel: str = "", ts: str = ""
    ) -> None:
        """A button in a message (`where="message"`, with its `channel` and `ts`), the open form or the Home tab."""
        with self.lock:
            desk = self.desk(user)
            if where == "message":
                message = self._clickable(user, channel, ts)
                self._button(user, lambda: self.client.click(user, action_id=action_id, value=value, message=message))
                return
            view = desk.modal if where == "modal" else self.slack.home_view(user)
            if view is None:
                raise SandboxRefusal("There is no form or Home tab to click in.")
            self._button(user, lambda: self.client.click(user, action_id=action_id, value=value, view=view))
            if where == "modal" and desk.modal is view:
                desk.modal = self.slack.views.get(view["id"], view)

    def submit(self, user: str, values: dict[str, Any]) -> None:
        """Submit the open form; Cadence's field errors stay on it, an updated form replaces it, otherwise it closes."""
        with self.lock:
            desk = self.desk(user)
            if desk.modal is None:
                raise SandboxRefusal("There is no form open to submit.")
            view = desk.modal
            try:
                reply = self._acting(user, lambda: self.client.submit(user, view, values))
            except AssertionError as exc:  # a value the form does not offer
                raise SandboxRefusal(str(exc)) from exc
            if reply is None or reply.status != 200:
                return
            answer = reply.json
            action = answer.get("response_action")
            desk.errors = answer.get("errors") if action == "errors" else None
            if action == "update":
                desk.modal = {**answer["view"], "id": view["id"]}  # Slack replaces the whole view
            elif action != "errors" and desk.modal is view:
                desk.modal = None

    def close(self, user: str) -> None:
        with self.lock:
            self.desks[user] = Desk()

    def react(self, user: str, channel: str, ts: str, emoji: str = SHOUTOUT_REACTION) -> None:
        with self.lock:
            message = self._message(channel, ts)
            self._acting(user, lambda: self.client.event(self.slack.react_as(user, message, emoji)))

    def recognise(self, user: str, channel: str, ts: str) -> None:
        """The "Recognise this" message shortcut on someone's message."""
        with self.lock:
            message = self._message(channel, ts)
            shared = {"type": "message", "user": message.user, "ts": message.ts, "text": message.text}
            self._acting(user, lambda: self.client.shortcut(user, RECOGNISE, shared, channel))

    def open_home(self, user: str) -> None:
        with self.lock:
            self._acting(user, lambda: open_home(self.client, user))

    def move_time(self, moment: str) -> datetime:
        """Move the clock to `moment` (a key of `MOMENTS`), ticking on the way as the clock process would."""
        if moment not in MOMENTS:
            raise SandboxRefusal(f"Pick one of: {', '.join(MOMENTS)}.")
        with self.lock:
            when = moment_after(self.now(), moment)
            self.stage.play.carry_on(when, guard=carry_on_without)
            tick(self.stage.runtime)
            self.client.executor.errors.clear()
            return when

    # --- how --------------------------------------------------------------------------------------------------------

    def _acting(self, user: str, act: Any) -> Reply | None:
        """Run one request for `user`, pick up a form it opened, and tick; a failure becomes their notice."""
        desk = self.desk(user)
        desk.notice = None
        opened = len(self.slack.opened_views(user))
        executor = self.client.executor
        reply: Reply | None = act()
        failure = (reply is not None and reply.status != 200) or executor.errors
        if failure:
            detail = f"HTTP {reply.status}" if reply is not None and reply.status != 200 else "a listener failed"
            desk.notice = FAILED.format(detail=detail)
            executor.errors.clear()
        views = self.slack.opened_views(user)
        if len(views) > opened:
            desk.modal, desk.errors = views[-1], None
        tick(self.stage.runtime)
        return reply

    def _escaped(self, text: str) -> str:
        """`@elena.xu` and `#kudos` as Slack sends them to an app, `<@U…|elena.xu>` and `<#C…|kudos>`."""
        people = {u.name: u.id for u in self.slack.workspace.users.values()}
        channels = {c.name: c.id for c in self.slack.workspace.channels.values()}

        def mention(match: re.Match[str]) -> str:
            sigil, name = match[1], match[2]
            found = (people if sigil == "@" else channels).get(name)
            return f"<{sigil}{found}|{name}>" if found else match[0]

        return MENTION.sub(mention, text)

    def _button(self, user: str, act: Any) -> None:
        try:
            self._acting(user, act)
        except AssertionError as exc:  # the button is not in what Cadence sent
            raise SandboxRefusal("That button is no longer there.") from exc

    def _message(self, channel: str, ts: str) -> Message:
        for message in self.slack.messages(channel):
            if message.ts == ts:
                return message
        raise SandboxRefusal("That message is no longer there.")

    def _clickable(self, user: str, channel: str, ts: str) -> Message | Ephemeral:
        """The message `ts` in `channel`, or an ephemeral there that only `user` sees (a click on it can replace it
        where it is, as in Slack)."""
        for shown in self.slack.ephemerals(channel=channel, user=user):
            if shown.ts == ts:
                return shown
        return self._message(channel, ts)
