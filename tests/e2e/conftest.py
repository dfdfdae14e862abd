"""End-to-end fixtures: a Slack emulator with a small organisation, and the real bot over HTTP against it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from bot.platform.runtime import Runtime, build_runtime
from bot.platform.settings import Settings, load_settings
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator, Workspace
from tests.support.blockkit import assert_valid_blocks_everywhere
from tests.support.bot import TEAM_ID, BotUnderTest
from tests.support.transactions import TransactionWatch, watch_transactions

BOT_TOKEN = "xoxb-test-token"
SIGNING_SECRET = "test-signing-secret"

ADMIN, LEADER, CHAMPION = "U0ADMIN", "U0LEADER", "U0CHAMP"
ALICE, BOB, CAROL, DAN, ERIN = "U0ALICE", "U0BOB", "U0CAROL", "U0DAN", "U0ERIN"
OTHER_BOT, GONE = "U0OTHERBOT", "U0GONE"
GENERAL, RECOGNITION, CHAMPIONS, TEAM_A = "C0GENERAL", "C0RECOG", "C0CHAMPS", "C0TEAMA"
SUPPORT_GROUP = "S0SUPPORT"
ALWAYS_WORKING = "Mon-Sun 00:00-24:00"
PEOPLE = {
    ADMIN: ("olivia", "Olivia Owner", "Europe/London"),
    LEADER: ("leo", "Leo Leader", "Europe/London"),
    CHAMPION: ("cara", "Cara Champion", "America/New_York"),
    ALICE: ("alice", "Alice Archer", "Europe/London"),
    BOB: ("bob", "Bob Baker", "America/New_York"),
    CAROL: ("carol", "Carol Chen", "Asia/Singapore"),
    DAN: ("dan", "Dan Diaz", "Europe/Madrid"),
    ERIN: ("erin", "Erin Evans", "Australia/Sydney"),
}


def build_workspace() -> Workspace:
    ws = Workspace(team_id=TEAM_ID, team_name="Acme", bot_user_id="U0CADENCE", bot_token=BOT_TOKEN)
    for user_id, (name, real_name, tz) in PEOPLE.items():
        ws.add_user(user_id, name=name, real_name=real_name, tz=tz)
    ws.add_user(OTHER_BOT, name="deploybot", real_name="Deploy Bot", tz="UTC", is_bot=True)
    ws.add_user(GONE, name="gone", real_name="Gale Gone", tz="UTC", deleted=True)
    everyone = list(PEOPLE)
    ws.add_channel(GENERAL, name="general", members=everyone)
    ws.add_channel(RECOGNITION, name="kudos", members=everyone)
    ws.add_channel(CHAMPIONS, name="champions", members=[ADMIN, CHAMPION, LEADER])
    ws.add_channel(TEAM_A, name="team-a", members=[ALICE, BOB, CAROL, DAN, ERIN, CHAMPION])
    ws.add_usergroup(SUPPORT_GROUP, handle="support", users=[ALICE, BOB, CAROL])
    return ws


def settings_env(**overrides: str) -> dict[str, str]:
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "CADENCE_ADMINS": ADMIN,
        "CADENCE_LEADERS": LEADER,
        "CADENCE_CHAMPIONS": CHAMPION,
        "CADENCE_RECOGNITION_CHANNEL": RECOGNITION,
        "CADENCE_DIGEST_CHANNELS": CHAMPIONS,
        "CADENCE_TIMEZONE": "Europe/London",
        "CADENCE_PULSE_SECRET": "test-pulse-secret",
        # The people here live from New York to Sydney; tests of working hours set them back to the default.
        "CADENCE_WORKING_HOURS": ALWAYS_WORKING,
    }
    env.update(overrides)
    return env


@pytest.fixture
def workspace() -> Workspace:
    return build_workspace()


@pytest.fixture
def slack(workspace: Workspace, clock: ManualTime) -> Iterator[SlackEmulator]:
    """Message timestamps follow the test's clock, as Slack's follow real time."""
    with SlackEmulator(workspace, wall_clock=lambda: clock.now().timestamp()) as emulator:
        yield emulator
        assert_valid_blocks_everywhere(emulator)


@pytest.fixture
def env_overrides() -> dict[str, str]:
    """Override in a test module to change the bot's settings."""
    return {}


@pytest.fixture
def settings(slack: SlackEmulator, env_overrides: dict[str, str], database_url: str) -> Settings:
    env = settings_env(SLACK_API_URL=slack.api_url, DATABASE_URL=database_url, **env_overrides)
    return load_settings(env)


@pytest.fixture
def runtime(settings: Settings, engine: Engine, clock: ManualTime) -> Runtime:
    return build_runtime(settings, clock=clock, engine=engine)


@pytest.fixture
def bot(runtime: Runtime, slack: SlackEmulator) -> Iterator[BotUnderTest]:
    under_test = BotUnderTest(runtime, slack)
    yield under_test
    under_test.stop()


@pytest.fixture
def make_bot(
    slack: SlackEmulator, engine: Engine, clock: ManualTime, database_url: str
) -> Iterator[Callable[..., Any]]:
    """Start another bot process on the same database (a restart, or a second web/clock process)."""
    started: list[BotUnderTest] = []

    def make(**overrides: str) -> BotUnderTest:
        env = settings_env(SLACK_API_URL=slack.api_url, DATABASE_URL=database_url, **overrides)
        under_test = BotUnderTest(build_runtime(load_settings(env), clock=clock, engine=engine), slack)
        started.append(under_test)
        return under_test

    yield make
    for under_test in started:
        under_test.stop()


@pytest.fixture(autouse=True)
def no_network_call_inside_a_write_transaction() -> Iterator[TransactionWatch]:
    """Every end-to-end test also checks that Cadence never calls Slack, nor opens a second write transaction,
    while a thread holds a write transaction (see tests/support/transactions.py)."""
    with watch_transactions() as watch:
        yield watch
    assert not watch.violations, "\n".join(sorted(set(watch.violations)))
