"""A key message stored once per occurrence still reaches each recipient as their own message."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import col, select

from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from storage.models import Delivery, DeliveryPayload
from tests.e2e.keymessage_support import TEAM_A_PEOPLE, key_of, key_posts, schedule
from tests.support.bot import BotUnderTest


def test_each_recipient_receives_the_one_stored_message_under_their_own_key(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, runtime: Runtime
) -> None:
    schedule(bot, slack)
    clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    bot.tick()

    recipients = key_posts(slack)
    assert len(set(recipients)) == len(recipients) == TEAM_A_PEOPLE
    for user in recipients:
        [dm] = [m for m in slack.dms_to(user) if key_of({"metadata": m.metadata}).endswith(f":{user}")]
        assert "Our promise starts with *you*." in str(dm.blocks)
    with runtime.session() as session:
        [shared] = session.exec(select(DeliveryPayload)).all()
        rows = session.exec(select(Delivery).where(col(Delivery.key).startswith("keymsg:"))).all()
    assert "Our promise starts with *you*." in str(shared.payload["blocks"])
    assert {(d.payload_id, str(d.payload)) for d in rows} == {(shared.id, "{}")}
    assert len(rows) == TEAM_A_PEOPLE
