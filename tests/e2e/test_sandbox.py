"""The sandbox's API over HTTP: what a person sees, and a refusal that says what to change for every act it cannot
do. The browser tests drive the same API through the page."""

from __future__ import annotations

import json
import signal
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.demo.organisation import GENERAL, RECOGNITION
from bot.sandbox.runner import HOST, SandboxOptions, run_sandbox, sandbox_world
from bot.sandbox.server import create_sandbox_app
from bot.sandbox.world import Sandbox
from bot.web import serve_in_thread
from tests.support.cli import BotProcess


@pytest.fixture(scope="module")
def running() -> Iterator[tuple[str, Sandbox]]:
    with sandbox_world(SandboxOptions(people=12, weeks=1)) as sandbox:
        server, thread, port = serve_in_thread(create_sandbox_app(sandbox))
        try:
            yield f"http://127.0.0.1:{port}", sandbox
        finally:
            server.should_exit = True
            thread.join(timeout=10)


def call(url: str, path: str, body: Any = None, *, raw: bytes | None = None) -> tuple[int, dict[str, Any]]:
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(url + path, data=data, method="GET" if data is None else "POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def conversation(seen: dict[str, Any], name: str) -> str:
    return next(c["html"] for c in seen["conversations"] if c["name"] == name)


def test_everyone_is_listed_with_their_role_the_admin_first(running: tuple[str, Sandbox]) -> None:
    url, sandbox = running
    status, body = call(url, "/api/people")

    org = sandbox.stage.org
    assert status == 200
    assert [p["id"] for p in body["people"]][:4] == [org.owner, org.leader, *org.champions]
    assert body["people"][0]["role"] == "Programme owner (admin)"
    assert len(body["people"]) == len(org.everyone)


def test_a_person_sees_their_channels_their_dm_and_their_home(running: tuple[str, Sandbox]) -> None:
    url, sandbox = running
    employee = sandbox.stage.org.teams[2].members[1]

    status, seen = call(url, "/api/act", {"act": "home", "user": employee})

    assert status == 200
    names = [c["name"] for c in seen["conversations"]]
    assert names == ["care-manila", "general", "kudos", "Cadence"]
    assert "champions" not in names
    assert 'data-action-id="pulse_answer:' in conversation(seen, "Cadence")
    assert "Give a shout-out" in seen["home"]
    assert seen["modal"] is None and seen["notice"] is None


def test_a_command_reply_shows_only_to_the_one_who_typed_it(running: tuple[str, Sandbox]) -> None:
    url, sandbox = running
    typist, other = sandbox.stage.org.teams[0].members[1], sandbox.stage.org.teams[0].members[2]

    status, seen = call(
        url, "/api/act", {"act": "command", "user": typist, "channel": GENERAL, "text": "/shoutout help"}
    )
    _, theirs = call(url, f"/api/screen?user={other}")

    [reply] = [e for e in sandbox.slack.ephemerals(channel=GENERAL) if e.source == "ack"]
    assert status == 200 and seen["modal"] is None
    assert reply.user == typist and "/shoutout" in reply.text
    assert f'data-ts="{reply.ts}"' in conversation(seen, "general")
    assert f'data-ts="{reply.ts}"' not in conversation(theirs, "general")


def test_a_click_on_a_button_of_a_command_reply_replaces_that_reply(running: tuple[str, Sandbox]) -> None:
    url, sandbox = running
    owner, person = sandbox.stage.org.owner, sandbox.stage.org.teams[0].members[3]
    line = f"/cadence forget @{sandbox.slack.workspace.users[person].name}"
    call(url, "/api/act", {"act": "command", "user": owner, "channel": GENERAL, "text": line})
    [asked] = [e for e in sandbox.slack.ephemerals(channel=GENERAL, user=owner) if e.text == "Forget this person?"]

    status, seen = call(
        url,
        "/api/act",
        {
            "act": "click",
            "user": owner,
            "where": "message",
            "channel": GENERAL,
            "ts": asked.ts,
            "action_id": "forget_cancel",
            "value": "cancel",
        },
    )

    assert status == 200 and seen["notice"] is None
    [shown] = [e for e in sandbox.slack.ephemerals(channel=GENERAL, user=owner) if e.ts == asked.ts]
    assert "Cancelled: nothing was changed." in str(shown.blocks)
    general = conversation(seen, "general")
    assert general.count(f'data-ts="{asked.ts}"') == 1 and "Cancelled: nothing was changed." in general
    assert "Forget this person?" not in general and "Forget them" not in general


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        ({"act": "dance", "user": "U0OWNER"}, 400, "act is one of command, say, click"),
        ({"act": "home", "user": "U0NOBODY"}, 404, "Pick who you are first."),
        ({"act": "submit", "user": "U0OWNER", "values": {}}, 400, "There is no form open to submit."),
        ({"act": "command", "user": "U0OWNER", "text": "/pulse"}, 400, "The act needs its channel."),
        ({"act": "time", "user": "U0OWNER", "moment": "someday"}, 400, "Pick one of: hour, tomorrow"),
        (
            {"act": "click", "user": "U0OWNER", "where": "home", "action_id": "no_such_button"},
            400,
            "That button is no longer there.",
        ),
        ({"act": "react", "user": "U0OWNER", "channel": GENERAL, "ts": "1.000001"}, 400, "no longer there"),
    ],
)
def test_an_act_the_sandbox_cannot_do_is_refused_saying_what_to_change(
    running: tuple[str, Sandbox], body: dict[str, Any], status: int, says: str
) -> None:
    url, sandbox = running
    before = len(sandbox.slack.calls)

    answered, refusal = call(url, "/api/act", body)

    assert (answered, says in refusal["refusal"]) == (status, True), refusal
    assert len(sandbox.slack.calls) == before


def test_a_body_that_is_not_json_is_refused(running: tuple[str, Sandbox]) -> None:
    status, refusal = call(running[0], "/api/act", raw=b"act=home")

    assert (status, refusal) == (400, {"refusal": "Send the act as JSON."})


def test_an_unknown_person_has_no_screen(running: tuple[str, Sandbox]) -> None:
    status, refusal = call(running[0], "/api/screen?user=U0NOBODY")

    assert status == 404 and "U0NOBODY" in refusal["refusal"]


def test_a_port_in_use_is_refused_before_anything_starts() -> None:
    said: list[str] = []
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        code = run_sandbox(SandboxOptions(port=taken.getsockname()[1]), say=said.append)

    assert code == 2
    assert said and "is not free" in said[0] and "--port" in said[0]


def test_a_typed_command_mentions_people_and_channels_as_slack_sends_them(running: tuple[str, Sandbox]) -> None:
    url, sandbox = running
    giver, colleague = sandbox.stage.org.teams[1].members[1], sandbox.stage.org.teams[1].members[2]
    handle = sandbox.slack.workspace.users[colleague].name
    line = f"/shoutout @{handle} own-it Took the billing case home and closed it."

    status, seen = call(url, "/api/act", {"act": "command", "user": giver, "channel": GENERAL, "text": line})

    assert status == 200 and seen["notice"] is None
    celebrated = [m for m in sandbox.slack.messages(RECOGNITION) if "Took the billing case home" in str(m.blocks)]
    assert len(celebrated) == 1 and f"<@{colleague}>" in celebrated[0].text


def test_a_command_cadence_does_not_have_says_where_to_look(running: tuple[str, Sandbox]) -> None:
    url = running[0]

    status, seen = call(url, "/api/act", {"act": "command", "user": "U0OWNER", "channel": GENERAL, "text": "/dance"})

    assert status == 200
    assert seen["notice"] == "/dance is not a Cadence command. Try /cadence help."


def test_python_m_bot_sandbox_prints_its_address_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    args = ("--people", "12", "--weeks", "1", "--port", str(port))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    bot = BotProcess("sandbox", cwd=tmp_path, env={"TMPDIR": str(scratch)}, log=tmp_path / "sandbox.log", args=args)
    try:
        assert bot.wait_for_output(f"http://127.0.0.1:{port}"), bot.output
        assert [p.name[:16] for p in scratch.iterdir()] == ["cadence-sandbox-"]  # its throwaway database
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
            assert page.status == 200 and 'src="/static/sandbox.js"' in page.read().decode()
        bot.process.send_signal(signal.SIGINT)
        assert bot.exit_status(timeout=30) == 0
    finally:
        bot.stop()
    assert bot.output.rstrip().endswith("Cadence sandbox: stopped.")
    assert "Traceback" not in bot.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sandbox.log", "tmp"]  # nothing written where it ran
    assert list(scratch.iterdir()) == []  # and its database is gone
