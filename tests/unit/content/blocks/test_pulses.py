"""The pulse builders for closing a round early and for choosing the time zone a pulse runs in."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.pulses.rounds import ClosableRound
from content.blocks.pulse_forms import new_pulse_modal, scheduled_view
from content.blocks.pulses import MAX_CLOSABLE, closable_rounds_blocks, close_button
from content.pack import load_pack
from tests.support.blockkit import assert_valid_blocks

CLOSES = datetime(2026, 11, 26, 9, tzinfo=UTC)


def test_close_now_asks_for_confirmation_in_slacks_own_dialog() -> None:
    element = close_button(7)

    assert (element["action_id"], element["value"], element["style"]) == ("pulse_close", "7", "danger")
    assert element["confirm"]["title"]["text"] == "Close round #7 now?"
    assert element["confirm"]["deny"]["text"] == "Keep it open"


def test_the_closable_rounds_are_listed_each_with_its_button_up_to_a_limit() -> None:
    assert closable_rounds_blocks([]) == []
    items = [ClosableRound(n, 1, CLOSES, 6, 2) for n in range(1, MAX_CLOSABLE + 4)]

    blocks = closable_rounds_blocks(items)

    assert_valid_blocks(blocks)
    assert [b["accessory"]["value"] for b in blocks if "accessory" in b] == [str(n) for n in range(1, MAX_CLOSABLE + 1)]
    assert "…and 3 more" in blocks[-1]["elements"][0]["text"]


def test_the_pulse_form_offers_the_organisations_zone_or_each_recipients_local_time() -> None:
    view = new_pulse_modal(load_pack(), today_weekday=0, org_zone="Europe/Paris")

    zone = next(b for b in view["blocks"] if b.get("block_id") == "zone")
    assert [o["value"] for o in zone["element"]["options"]] == ["org", "local"]
    assert zone["element"]["initial_option"]["text"]["text"] == "The organisation's time zone (Europe/Paris)"


def test_a_local_time_pulse_says_when_it_goes_out_in_each_persons_zone() -> None:
    floating = datetime(2026, 11, 30, 9, tzinfo=UTC)

    text = str(scheduled_view(3, floating, 1, local=True)["blocks"])

    assert "on Monday 30 November at 09:00 in each person's time zone" in text and "every week" in text
