"""A small workspace in the state a rendered page starts from: Cadence's messages in channels, a thread, an edit,
a reaction, a DM, an ephemeral, Home tabs and an uploaded chart, all put there through the Web API."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

from matplotlib.figure import Figure
from slack_sdk import WebClient

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator, Workspace

TOKEN = "xoxb-page-token"
BOT, ALICE, BOB, CAROL = "UBOT", "U0ALICE", "U0BOB", "U0CAROL"
GENERAL, KUDOS, CHAMPIONS, ELSEWHERE = "C0GENERAL", "C0KUDOS", "C0CHAMPS", "C0ELSEWHERE"
SUPPORT = "S0SUPPORT"
START = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
TYPED = "<script>alert(1)</script> & thanks"


def chart_png() -> bytes:
    """A real PNG chart, like the digest's, drawn headless."""
    figure = Figure(figsize=(6, 2.4), dpi=80)
    axes = figure.subplots()
    axes.plot(["W1", "W2", "W3", "W4"], [3.1, 3.4, 3.3, 3.8], marker="o", label="Empowerment")
    axes.set_ylim(1, 5)
    axes.legend(loc="lower left", frameon=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def build_workspace() -> Workspace:
    ws = Workspace(team_name="Acme", bot_user_id=BOT, bot_token=TOKEN)
    ws.add_user(ALICE, name="alice", real_name="Alice Archer")
    ws.add_user(BOB, name="bob", real_name="Bob Baker")
    ws.add_user(CAROL, name="carol", real_name="Carol Chen")
    ws.add_channel(GENERAL, name="general", members=[ALICE, BOB, CAROL])
    ws.add_channel(KUDOS, name="kudos", members=[ALICE, BOB, CAROL])
    ws.add_channel(CHAMPIONS, name="champions", members=[BOB])
    ws.add_channel(ELSEWHERE, name="elsewhere", members=[CAROL], bot_is_member=False)
    ws.add_usergroup(SUPPORT, handle="support", users=[ALICE])
    return ws


def populated_emulator() -> SlackEmulator:
    """An emulator (stopped again, its state kept) holding one of everything a page shows."""
    clock = ManualTime(START)
    emulator = SlackEmulator(build_workspace(), wall_clock=lambda: clock.now().timestamp())
    with emulator:
        client = WebClient(base_url=emulator.api_url, token=TOKEN)
        _key_message(client, clock)
        _shout_out(client, clock)
        _digest(client, clock)
        _homes(client)
    return emulator


def _key_message(client: WebClient, clock: ManualTime) -> None:
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "This week's key message"}},
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": "*Own the outcome*, end to end. Ask <!subteam^S0SUPPORT>."},
        },
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Got it"},
                    "action_id": "a",
                    "style": "primary",
                },
                {"type": "button", "text": {"type": "plain_text", "text": "Discussed with my team"}, "action_id": "b"},
            ],
        },
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "From <@U0BOB> :mega:"}]},
    ]
    posted = client.chat_postMessage(channel=GENERAL, text="This week's key message", blocks=blocks)
    clock.advance(timedelta(minutes=2))
    client.chat_postMessage(channel=GENERAL, text="Reminder: read the key message", thread_ts=posted["ts"])
    client.chat_update(channel=GENERAL, ts=posted["ts"], text="This week's key message", blocks=blocks)
    clock.advance(timedelta(minutes=1))
    client.chat_postEphemeral(channel=GENERAL, user=ALICE, text=":white_check_mark: You told your leader: got it")
    client.chat_postMessage(channel=ALICE, text="How clear is our customer promise to you? :thinking_face:")


def _shout_out(client: WebClient, clock: ManualTime) -> None:
    clock.advance(timedelta(hours=3))
    text = f":raised_hands: <@U0ALICE> recognised <@U0CAROL> for :handshake: *customer focus*\n> {_slack_escape(TYPED)}"
    blocks: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
    posted = client.chat_postMessage(channel=KUDOS, text=text, blocks=blocks)
    client.reactions_add(channel=KUDOS, timestamp=posted["ts"], name="tada")


def _digest(client: WebClient, clock: ManualTime) -> None:
    clock.advance(timedelta(days=4))
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Weekly digest"}},
        {
            "type": "section",
            "fields": [
                {"type": "mrkdwn", "text": "*Participation*\n72%"},
                {"type": "mrkdwn", "text": "*Shout-outs*\n9"},
            ],
        },
        {"type": "divider"},
        {"type": "section", "text": {"type": "mrkdwn", "text": ":warning: *Programme health*\n• Team A is quiet"}},
    ]
    client.chat_postMessage(channel=CHAMPIONS, text="Weekly digest", blocks=blocks)
    client.files_upload_v2(channel=CHAMPIONS, content=chart_png(), filename="trend.png", title="Pulse trend")


def _homes(client: WebClient) -> None:
    for user, headline in ((ALICE, "Welcome to Cadence"), (BOB, "Your key messages")):
        view = {
            "type": "home",
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": headline}},
                {"type": "section", "text": {"type": "mrkdwn", "text": "Nothing needs you today :sparkles:"}},
            ],
        }
        client.views_publish(user_id=user, view=view)


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
