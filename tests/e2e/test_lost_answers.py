"""Exactly once under faults: every write the outbox makes — key messages by DM, pulse invites and reminders,
shout-out posts and DMs, the digest and its chart, failure notices — meets each fault class on its first try, and
Slack ends up holding each delivery once: 0 lost, 0 duplicated. A sender killed mid-send leaves nothing for a
fresh one to lose or repeat either.

A programme week is played through the real app (the demo's organisation and steps, over signed HTTP against the
emulator, with the real WebClient), the scheduler ticking on a manual clock; then the clock runs on until the outbox
has settled everything.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine

from bot.demo.organisation import Organisation, build_organisation
from bot.demo.play import START, Play
from bot.demo.runner import demo_env, serving
from bot.jobs import tick
from bot.platform.outbox import keys
from bot.platform.outbox.keys import DeliveryKind
from bot.platform.outbox.queue import enqueue_alone, failure_notice
from bot.platform.runtime import Runtime, build_runtime
from bot.platform.settings import load_settings
from bot.platform.slack_calls import create_web_client
from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator
from tests.e2e.conftest import ADMIN, BOT_TOKEN, CHAMPIONS, PEOPLE, RECOGNITION
from tests.e2e.fault_support import (
    CANNOT_SAY,
    FAULT_CLASSES,
    Holdings,
    Killed,
    dies_at_write,
    holdings,
    impatient_and_patient,
    inject,
)
from tests.e2e.keymessage_support import TEAM_A_PEOPLE, schedule
from tests.support.bot import BotUnderTest
from tests.support.programme_data import ProgrammeData

SEED, STAFF, WEEKS = 11, 12, 1
EVERY_OUTBOX_KIND = {
    DeliveryKind.KEY_MESSAGE,
    DeliveryKind.PULSE_INVITE,
    DeliveryKind.PULSE_REMINDER,
    DeliveryKind.SHOUTOUT_POST,
    DeliveryKind.SHOUTOUT_DM,
    DeliveryKind.DIGEST,
    DeliveryKind.DIGEST_CHART,
}
SLOT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # the champions' digest slot, Monday 09:00 Europe/London


def settle_everything(runtime: Runtime, clock: ManualTime) -> None:
    """The clock process keeps ticking after the last person's step: a few passes, a backoff apart."""
    for _ in range(4):
        clock.advance(timedelta(minutes=5))
        tick(runtime)


def play_week(engine: Engine, database_url: str, fault_class: str) -> tuple[Holdings, dict[str, int]]:
    org = build_organisation(SEED, STAFF)
    clock = ManualTime(START)
    with SlackEmulator(org.workspace, wall_clock=lambda: clock.now().timestamp()) as slack:
        settings = load_settings(demo_env(org, slack.api_url, database_url), require=())
        runtime = build_runtime(settings, clock=clock, engine=engine)
        impatient_and_patient(runtime.client, slack)
        fired = inject(slack, fault_class)
        with serving(runtime, slack) as client:
            Play(client, runtime, clock, org, SEED).run(WEEKS)
            settle_everything(runtime, clock)
        slack.wait_idle()
        return holdings(engine, slack, channels_of(org), list(org.everyone)), dict(fired.hit)


def channels_of(org: Organisation) -> list[str]:
    return list(org.workspace.channels)


@pytest.mark.parametrize("fault_class", sorted(FAULT_CLASSES))
def test_a_programme_week_under_faults_loses_and_repeats_nothing(
    engine: Engine, database_url: str, fault_class: str
) -> None:
    held, fired = play_week(engine, database_url, fault_class)

    assert set(held.kinds) == EVERY_OUTBOX_KIND
    assert (held.lost, held.duplicated) == ([], [])
    assert held.states == {"sent": sum(held.kinds.values())}
    # every post, and the chart's upload URL and share, met the fault on its first try
    assert fired["chat.postMessage"] == sum(held.kinds.values()) - held.kinds[DeliveryKind.DIGEST_CHART]
    assert (
        fired["files.getUploadURLExternal"]
        == fired["files.completeUploadExternal"]
        == held.kinds[DeliveryKind.DIGEST_CHART]
    )
    if fault_class == CANNOT_SAY:
        assert fired["conversations.history"] > 0


@pytest.mark.parametrize("fault_class", sorted(FAULT_CLASSES))
def test_a_failure_notice_under_faults_reaches_the_owner_once(
    runtime: Runtime, slack: SlackEmulator, clock: ManualTime, fault_class: str
) -> None:
    impatient_and_patient(runtime.client, slack)
    # Added first, so the fault class below meets only the notice.
    to_kudos = lambda args: args["channel"] == RECOGNITION  # noqa: E731
    slack.faults.add(Fault.error("chat.postMessage", "channel_not_found", times=None, when=to_kudos))
    fired = inject(slack, fault_class)
    notice = failure_notice(ADMIN, "A shout-out could not be posted.")
    payload = {"text": "Well done", **notice}
    refused = keys.shoutout_post(1)
    enqueue_alone(runtime.engine, refused, channel=RECOGNITION, payload=payload, now=clock.now())

    for _ in range(4):
        runtime.delivery_worker().drain()
        slack.wait_idle()
        clock.advance(timedelta(minutes=5))

    held = holdings(runtime.engine, slack, [RECOGNITION], [ADMIN])
    assert held.states == {"failed": 1, "sent": 1}
    assert (held.lost, held.duplicated) == ([refused.key], [])  # refused for good; its notice arrived once
    assert [m.text.count("could not be posted") for m in slack.dms_to(ADMIN)] == [1]
    assert fired.hit["chat.postMessage"] == 1
    assert fired.hit["conversations.history"] == (fault_class == CANNOT_SAY)


@pytest.fixture
def due_at_the_slot(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    """At the slot: a key message to each of team-a by DM, and the champions' digest with its chart."""
    data = ProgrammeData(bot.runtime.engine)
    scores = {"align-role-meaning": 4, "empower-fix-without-approval": 3, "outcome-recommend": 8}
    data.pulse_round(closes_at=SLOT - timedelta(days=11), answers=[scores] * 6, invited=8)
    data.pulse_round(closes_at=SLOT - timedelta(days=4), answers=[scores] * 6, invited=8)
    schedule(bot, slack, date="2026-11-23", time="09:00")
    bot.tick()  # the clock starts watching the champions' channel
    clock.set(SLOT)


@pytest.mark.parametrize("write", [1, 4, 7, 8, 9], ids=lambda n: f"dies-at-write-{n}")
def test_a_sender_killed_mid_send_leaves_nothing_lost_or_repeated_for_a_fresh_one(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, due_at_the_slot: None, write: int
) -> None:
    runtime = bot.runtime
    real = runtime.client
    runtime.client = dies_at_write(create_web_client(BOT_TOKEN, slack.api_url), write)
    with pytest.raises(Killed):
        bot.tick()
    runtime.client = real
    clock.advance(timedelta(hours=2))  # long past the dead sender's lease: the clock process was down a while

    bot.tick()
    clock.advance(timedelta(minutes=5))
    bot.tick()

    held = holdings(runtime.engine, slack, [CHAMPIONS], list(PEOPLE))
    assert held.kinds == {DeliveryKind.KEY_MESSAGE: TEAM_A_PEOPLE, DeliveryKind.DIGEST: 1, DeliveryKind.DIGEST_CHART: 1}
    assert (held.lost, held.duplicated) == ([], [])
    assert len(slack.uploaded_files) == 1
