"""`run`, `serve` and `clock` as an operator starts them against Slack (the emulator): a bad start is one line and
exit status 2; a good one says in one line what is on and what is off, without the libraries' start-up chatter."""

from __future__ import annotations

import itertools
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from emulator import SlackEmulator
from tests.e2e.conftest import BOT_TOKEN, settings_env
from tests.support.cli import ROOT, BotProcess

COMMANDS = ("run", "serve", "clock")
RUNS = itertools.count(1)


@pytest.fixture
def base_env(slack: SlackEmulator, tmp_path: Path) -> dict[str, str]:
    return settings_env(
        SLACK_APP_TOKEN=slack.workspace.app_token,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'cadence.db'}",
        PORT=str(free_port()),
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bad_start(command: str, folder: Path, env: dict[str, str] | None = None) -> str:
    """Start `command` as an operator would; it must stop with status 2 and one line, which is returned."""
    process = BotProcess(command, cwd=folder, env=env or {}, log=folder / f"{command}-{next(RUNS)}.log")
    assert process.exit_status() == 2, process.output
    assert "Traceback" not in process.output
    lines = process.output.strip().splitlines()
    assert len(lines) == 1, process.output
    return lines[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_bot_token_slack_refuses_stops_with_one_line(command: str, base_env: dict[str, str], tmp_path: Path) -> None:
    line = bad_start(command, tmp_path, base_env | {"SLACK_BOT_TOKEN": "xoxb-revoked-or-mistyped"})

    assert line.startswith("cadence: Slack refused SLACK_BOT_TOKEN (invalid_auth)")
    assert "Bot User OAuth Token" in line and "OAuth & Permissions" in line


def test_an_app_token_slack_refuses_stops_run_with_one_line(base_env: dict[str, str], tmp_path: Path) -> None:
    line = bad_start("run", tmp_path, base_env | {"SLACK_APP_TOKEN": "xapp-1-old-token"})

    assert line.startswith("cadence: Slack refused SLACK_APP_TOKEN (invalid_auth)")
    assert "connections:write" in line and "App-Level Tokens" in line


@pytest.mark.parametrize(
    ("setting", "value", "kind"),
    [
        ("SLACK_BOT_TOKEN", "xoxp-1-a-user-token", "a user token"),
        ("SLACK_APP_TOKEN", BOT_TOKEN, "a bot token"),
    ],
)
def test_a_token_of_the_wrong_type_is_named_with_its_type(
    setting: str, value: str, kind: str, base_env: dict[str, str], tmp_path: Path
) -> None:
    line = bad_start("run", tmp_path, base_env | {setting: value})

    assert line.startswith(f"cadence: {setting} must start with")
    assert f"the value given is {kind}" in line


def test_an_unreachable_slack_stops_with_one_line_once_the_retries_are_spent(
    base_env: dict[str, str], tmp_path: Path
) -> None:
    closed = f"http://127.0.0.1:{free_port()}/api/"

    line = bad_start("serve", tmp_path, base_env | {"SLACK_API_URL": closed, "CADENCE_START_RETRY_SECONDS": "0"})

    assert line.startswith(f"cadence: cannot reach Slack at {closed} (")
    assert "after 1 attempt over 0 s" in line and "SLACK_API_URL" in line and "CADENCE_START_RETRY_SECONDS" in line


def test_the_example_tokens_copied_from_env_example_are_refused_by_name(tmp_path: Path) -> None:
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")

    line = bad_start("run", tmp_path)

    assert line.startswith("cadence: SLACK_BOT_TOKEN is still the example value from .env.example")
    assert "Bot User OAuth Token" in line

    line = bad_start("run", tmp_path, {"SLACK_BOT_TOKEN": BOT_TOKEN})

    assert line.startswith("cadence: SLACK_APP_TOKEN is still the example value from .env.example")


@pytest.fixture
def started() -> Iterator[list[BotProcess]]:
    processes: list[BotProcess] = []
    yield processes
    for process in processes:
        process.stop()


@pytest.mark.parametrize(
    ("command", "serving"),
    [
        ("run", "Socket Mode and the scheduler"),
        ("serve", "HTTP on port"),
        ("clock", "the scheduler alone, ticking every 5 s"),
    ],
)
def test_a_good_start_says_in_one_line_what_is_on_and_off(
    command: str, serving: str, base_env: dict[str, str], tmp_path: Path, started: list[BotProcess]
) -> None:
    env = base_env | {"CADENCE_PULSE_SECRET": "", "CADENCE_SHOUTOUT_REACTION": "tada"}
    process = BotProcess(command, cwd=tmp_path, env=env, log=tmp_path / f"{command}.log")
    started.append(process)

    assert process.wait_for_output("Cadence is up"), process.output

    summary = next(line for line in process.output.splitlines() if "Cadence is up" in line)
    assert "as @cadence in Acme: " + serving in summary
    assert "pulses off: CADENCE_PULSE_SECRET not set" in summary
    assert "reaction shout-outs on (:tada:)" in summary
    assert "recognition channel C0RECOG" in summary and "digests to 1 channel" in summary
    for chatter in ("setup plugin", "Context impl", "non-transactional DDL", "will be unused", "Running job"):
        assert chatter not in process.output
    assert "Running upgrade  -> 0001" in process.output
    assert "Traceback" not in process.output


@pytest.mark.parametrize("command", ("migrate", *COMMANDS))
def test_a_database_that_cannot_be_reached_stops_with_one_line_hiding_the_password(
    command: str, base_env: dict[str, str], tmp_path: Path
) -> None:
    unreachable = f"postgresql+psycopg://cadence:s3cret@127.0.0.1:{free_port()}/cadence"

    line = bad_start(command, tmp_path, base_env | {"DATABASE_URL": unreachable})

    assert line.startswith("cadence: cannot reach the database at postgresql+psycopg://cadence:***@127.0.0.1:")
    assert "s3cret" not in line
    assert "check DATABASE_URL" in line
