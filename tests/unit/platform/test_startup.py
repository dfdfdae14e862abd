"""The start-up check against the emulator, in-process on a clock that moves only when told: what Slack's answers
to `auth.test` and `apps.connections.open` make of a start, and the one line that sums it up."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace

import pytest

from bot.platform.settings import Settings
from bot.platform.startup import Identity, StartupError, check_slack, summary
from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator, Workspace

APP_TOKEN = "xapp-1-test"
BOT_TOKEN = "xoxb-test-token"


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    workspace = Workspace(team_name="Acme", bot_name="cadence", bot_token=BOT_TOKEN, app_token=APP_TOKEN)
    with SlackEmulator(workspace) as emulator:
        yield emulator


@pytest.fixture
def settings(slack: SlackEmulator) -> Settings:
    return Settings(slack_bot_token=slack.workspace.bot_token, slack_app_token=APP_TOKEN, slack_api_url=slack.api_url)


def check(settings: Settings, clock: ManualTime, *, socket_mode: bool = True) -> tuple[Identity, list[str]]:
    said: list[str] = []
    return check_slack(settings, socket_mode=socket_mode, clock=clock, say=said.append), said


def refusal(settings: Settings, clock: ManualTime) -> str:
    with pytest.raises(StartupError) as raised:
        check(settings, clock)
    assert clock.slept == [], "a refusal is final: no retry"
    return str(raised.value)


def test_good_tokens_give_the_bots_identity_and_open_socket_mode(
    settings: Settings, slack: SlackEmulator, clock: ManualTime
) -> None:
    identity, said = check(settings, clock)

    assert identity == Identity(team="Acme", user="cadence")
    assert said == [] and clock.slept == []
    assert [call.method for call in slack.calls] == ["auth.test", "apps.connections.open"]


def test_http_mode_does_not_ask_for_a_socket_mode_connection(
    settings: Settings, slack: SlackEmulator, clock: ManualTime
) -> None:
    check(replace(settings, slack_app_token=""), clock, socket_mode=False)

    assert [call.method for call in slack.calls] == ["auth.test"]


@pytest.mark.parametrize(
    ("tokens", "line"),
    [
        ({"slack_bot_token": "xoxb-mistyped"}, "SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token"),
        ({"slack_bot_token": APP_TOKEN}, "SLACK_BOT_TOKEN (not_allowed_token_type): it is not a bot token"),
        ({"slack_app_token": BOT_TOKEN}, "SLACK_APP_TOKEN (not_allowed_token_type): it is not an app-level token"),
        (
            {"slack_app_token": "xapp-1-old"},
            "SLACK_APP_TOKEN (invalid_auth): generate a new one with connections:write",
        ),
    ],
)
def test_a_token_slack_does_not_take_is_refused_at_once_with_what_to_do(
    tokens: dict[str, str], line: str, settings: Settings, clock: ManualTime
) -> None:
    assert refusal(replace(settings, **tokens), clock).startswith(f"Slack refused {line}")


@pytest.mark.parametrize(
    ("method", "error", "advice"),
    [
        ("auth.test", "token_revoked", "Reinstall to Workspace"),
        ("auth.test", "account_inactive", "Reinstall to Workspace"),
        ("auth.test", "team_not_found", "check it against the Bot User OAuth Token"),
        ("apps.connections.open", "missing_scope", "add the connections:write scope"),
        ("apps.connections.open", "not_in_socket_mode", "turn Socket Mode on"),
    ],
)
def test_each_refusal_names_the_fix(
    method: str, error: str, advice: str, settings: Settings, slack: SlackEmulator, clock: ManualTime
) -> None:
    slack.faults.add(Fault.error(method, error))

    line = refusal(settings, clock)

    assert f"({error}): " in line and advice in line and line.endswith("; set it in .env.")


def test_a_slack_that_fails_for_a_moment_is_asked_again_after_a_growing_wait(
    settings: Settings, slack: SlackEmulator, clock: ManualTime
) -> None:
    slack.faults.add(Fault.server_error("auth.test", status=503, times=2))
    slack.faults.add(Fault.rate_limited("apps.connections.open"))

    identity, said = check(settings, clock)

    assert identity.team == "Acme"
    assert clock.slept == [1, 2, 1]
    assert len(said) == 3
    assert said[0] == f"cannot reach Slack at {slack.api_url} (HTTP 503 service_unavailable); trying again in 1 s"
    assert "HTTP 429 ratelimited" in said[2]


def test_an_unreachable_slack_is_tried_within_the_budget_then_named_in_one_line(clock: ManualTime) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/api/"
    settings = Settings(slack_bot_token="xoxb-1", slack_api_url=closed, start_retry_seconds=60)

    with pytest.raises(StartupError) as raised:
        check(settings, clock)

    assert clock.slept == [1, 2, 4, 8, 16, 29]
    assert str(raised.value).startswith(f"cannot reach Slack at {closed} (")
    assert "after 7 attempts over 60 s" in str(raised.value)


def test_the_summary_says_what_is_on_and_why_the_rest_is_off() -> None:
    identity = Identity(team="Acme", user="cadence")
    bare = Settings(slack_bot_token="xoxb-1")
    full = replace(bare, pulse_secret="s", shoutout_reaction="tada", recognition_channel="C0KUDOS")

    off = summary(bare, identity, serving="HTTP on port 3000", digest_channels=0)
    on = summary(full, identity, serving="HTTP on port 3000", digest_channels=2)

    assert off == (
        "Cadence is up as @cadence in Acme: HTTP on port 3000; pulses off: CADENCE_PULSE_SECRET not set; "
        "reaction shout-outs off: CADENCE_SHOUTOUT_REACTION not set; "
        "recognition channel off: CADENCE_RECOGNITION_CHANNEL not set; digests off: CADENCE_DIGEST_CHANNELS not set"
    )
    assert on == (
        "Cadence is up as @cadence in Acme: HTTP on port 3000; pulses on; reaction shout-outs on (:tada:); "
        "recognition channel C0KUDOS; digests to 2 channels"
    )
