"""What the demo's people do in Slack, as Slack requests to the real app: commands, modal submissions, clicks on
the buttons Cadence really sent, the "Recognise this" shortcut, reactions and App Home visits.

`DemoSlack` waits for the listeners each request started (Bolt acks first and finishes in a thread), so what the
next step reads from the emulator is what Slack would show by then. A refusal or a listener's failure stops the demo:
a demo that hides a failure would be showing something Cadence does not do.
"""

from __future__ import annotations

import itertools
from datetime import date, time, timedelta
from typing import Any

from bot.demo import model
from bot.demo.organisation import GENERAL, Organisation
from bot.platform.listener_executor import TrackingExecutor
from bot.platform.timesource import TimeSource
from emulator.client import Reply, SlackClient
from emulator.emulator import SlackEmulator
from emulator.forms import filled_view
from emulator.records import Message

KEY_MESSAGE = "act-without-waiting"
KEY_PROMPT = "permission-to-fix"
SHOUTOUT_REACTION = "clap"
LATEST_RESULTS = "home_results"


class DemoError(RuntimeError):
    """Cadence refused or failed a step of the demo."""


class DemoSlack(SlackClient):
    def __init__(
        self, slack: SlackEmulator, url: str, signing_secret: str, executor: TrackingExecutor, clock: TimeSource
    ) -> None:
        super().__init__(slack, url, signing_secret, now=clock.now)
        self.executor = executor
        self._event_ids = itertools.count(1)
        self.strict = True
        """Stop at a refusal or failure (the demo); off, the caller reads the reply and `executor.errors` itself."""

    def post(self, body: str, headers: dict[str, str], path: str = "/slack/events") -> Reply:
        reply = super().post(body, headers, path)
        self.executor.wait_idle()
        if not self.strict:
            return reply
        if reply.status != 200 or self.executor.errors:
            raise DemoError(f"Cadence answered {reply.status}; listener errors: {self.executor.errors!r}")
        if reply.json.get("response_action") == "errors":
            raise DemoError(f"a form was refused: {reply.json['errors']}")
        return reply

    def event(self, event: dict[str, Any], *, retry_num: int | None = None, event_id: str | None = None) -> Reply:
        return super().event(event, retry_num=retry_num, event_id=event_id or f"EvDEMO{next(self._event_ids):06d}")

    def last_view(self, user: str) -> dict[str, Any]:
        views = self.slack.opened_views(user)
        if not views:
            raise DemoError(f"no form opened for {user}")
        return views[-1]


def schedule_key_message(client: DemoSlack, org: Organisation, first_day: date, at: time) -> dict[str, Any]:
    """The leader schedules a weekly key message to every front-line person, at `at` in each one's own time; the
    composer comes back as the leader filled it in."""
    client.command(org.leader, "/promise", "schedule", channel=GENERAL)
    values = {
        "library": KEY_MESSAGE,
        "prompt": KEY_PROMPT,
        "channels": [team.channel for team in org.teams],
        "mode": "dm",
        "kind": "weekly",
        "weekdays": [str(first_day.weekday())],
        "date": first_day.isoformat(),
        "time": f"{at:%H:%M}",
        "zone": "local",
    }
    composer = client.last_view(org.leader)
    client.submit(org.leader, composer, values)
    return filled_view(composer, values)


def start_weekly_pulse(client: DemoSlack, org: Organisation, weekday: int, at: time, window: timedelta) -> None:
    """The programme owner sets up a weekly pulse for the three teams (in the organisation's time zone), open for
    `window`, with one reminder halfway."""
    client.command(org.owner, "/pulse", "new", channel=GENERAL)
    values = {
        "questions": list(model.QUESTIONS),
        "channels": [team.channel for team in org.teams],
        "groups": "",
        "cadence": "1",
        "weekday": str(weekday),
        "time": f"{at:%H:%M}",
        "window": str(int(window.total_seconds() // 3600)),
        "reminder": ["remind"],
    }
    client.submit(org.owner, client.last_view(org.owner), values)


def answer_pulse(client: DemoSlack, reply: model.PulseReply) -> None:
    """One tap per question on the pulse DM, then the comment form when the person has something to say."""
    for number, question in enumerate(model.QUESTIONS, start=1):
        message = _latest_with_block(client, reply.user_id, f"pulse-q-{number}")
        block = next(b for b in message.blocks or [] if b.get("block_id") == f"pulse-q-{number}")
        action_id = f"pulse_answer:{reply.scores[question]}"
        element = next(e for e in block["elements"] if e["action_id"] == action_id)
        client.click(reply.user_id, action_id=action_id, value=element["value"], message=message)
    if reply.comment:
        message = _latest_with_block(client, reply.user_id, "pulse-q-1")
        client.click(reply.user_id, action_id="pulse_comment", message=message)
        client.submit(reply.user_id, client.last_view(reply.user_id), {"comment": reply.comment})


def acknowledge_key_message(client: DemoSlack, user: str, got_it: bool, discussed: bool) -> None:
    message = _latest_with_action(client, user, "keymsg_got_it")
    if got_it:
        client.click(user, action_id="keymsg_got_it", message=message)
    if discussed:
        client.click(user, action_id="keymsg_discussed", message=_latest_with_action(client, user, "keymsg_discussed"))


def shoutout_by_command(client: DemoSlack, org: Organisation, shoutout: model.Shoutout) -> None:
    mentions = " ".join(f"<@{r}|{org.workspace.users[r].name}>" for r in shoutout.recipients)
    client.command(shoutout.giver, "/shoutout", f"{mentions} {shoutout.behaviour} {shoutout.words}", channel=GENERAL)


def shoutout_by_shortcut(client: DemoSlack, author: str, giver: str, win: model.Win) -> None:
    """`author` shares a customer win in #general; `giver` recognises it with "Recognise this", for the behaviour
    the win shows."""
    message = client.slack.post_as(author, GENERAL, win.text)
    shared = {"type": "message", "user": message.user, "ts": message.ts, "text": message.text}
    client.shortcut(giver, "recognise_message", shared, GENERAL)
    values = {"recipients": [author], "behaviour": win.behaviour, "message": win.thanks}
    client.submit(giver, client.last_view(giver), values)


def shoutout_by_reaction(client: DemoSlack, author: str, reactor: str, win: str) -> None:
    """`author` shares a customer win in #general; `reactor` reacts with the shout-out emoji."""
    message = client.slack.post_as(author, GENERAL, win)
    client.event(client.slack.react_as(reactor, message, SHOUTOUT_REACTION))


def open_home(client: DemoSlack, user: str) -> None:
    client.event({"type": "app_home_opened", "user": user, "channel": "D" + user[1:], "tab": "home"})


def see_latest_results(client: DemoSlack, user: str) -> None:
    """ "See the latest results" on `user`'s Home: the last closed round, in a form only they see."""
    home = client.slack.home_view(user)
    if home is None:
        raise DemoError(f"no Home tab published for {user}")
    client.click(user, action_id=LATEST_RESULTS, view=home)


def _latest_with_block(client: DemoSlack, user: str, block_id: str) -> Message:
    for message in reversed(client.slack.dms_to(user)):
        if any(b.get("block_id") == block_id for b in message.blocks or []):
            return message
    raise DemoError(f"no message with {block_id} in {user}'s DMs")


def _latest_with_action(client: DemoSlack, user: str, action_id: str) -> Message:
    for message in reversed(client.slack.dms_to(user)):
        for block in message.blocks or []:
            if any(e.get("action_id") == action_id for e in block.get("elements", [])):
                return message
    raise DemoError(f"no message with {action_id} in {user}'s DMs")
