"""A started emulator with a small workspace, a clock tests move by hand, and a real WebClient."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from emulator import SlackEmulator, Workspace
from tests.unit.emulator.expect import (
    ALICE,
    BOB,
    BOT,
    CAROL,
    GENERAL,
    GONE,
    OUTSIDE,
    PRIVATE,
    SECRET,
    SUPPORT,
    TOKEN,
    ManualMonotonic,
)


@pytest.fixture
def monotonic() -> ManualMonotonic:
    return ManualMonotonic()


@pytest.fixture
def workspace() -> Workspace:
    ws = Workspace(team_id="T0CADENCE", team_name="Acme", bot_user_id=BOT, bot_token=TOKEN)
    ws.add_user(ALICE, name="alice", real_name="Alice Archer", tz="Europe/London")
    ws.add_user(BOB, name="bob", real_name="Bob Baker", tz="America/New_York", is_admin=True)
    ws.add_user(CAROL, name="carol", real_name="Carol Chen", tz="Asia/Singapore")
    ws.add_user(GONE, name="gone", real_name="Gale Gone", deleted=True)
    ws.add_channel(GENERAL, name="general", members=[ALICE, BOB, CAROL])
    ws.add_channel(OUTSIDE, name="random", members=[ALICE], bot_is_member=False)
    ws.add_channel(PRIVATE, name="leads", members=[BOB], is_private=True)
    ws.add_channel(SECRET, name="secret", members=[CAROL], is_private=True, bot_is_member=False)
    ws.add_usergroup(SUPPORT, handle="support", users=[ALICE, BOB])
    return ws


@pytest.fixture
def emu(workspace: Workspace, monotonic: ManualMonotonic) -> Iterator[SlackEmulator]:
    with SlackEmulator(workspace, clock=monotonic) as emulator:
        yield emulator


@pytest.fixture
def client(emu: SlackEmulator) -> WebClient:
    return WebClient(base_url=emu.api_url, token=TOKEN)
