"""The digest setup modal: opened from a channel it has that channel chosen, and offers every weekday and scope."""

from __future__ import annotations

from bot.digests.views import WEEKDAYS
from content.blocks.digest_setup import CHANNEL, SCOPE, SCOPES, TIMEZONE, WEEKDAY, setup_modal
from tests.support.blockkit import assert_valid_view


def element(view: dict, block_id: str) -> dict:
    [block] = [b for b in view["blocks"] if b.get("block_id") == block_id]
    return block["element"]


def test_opened_from_a_channel_the_modal_has_it_chosen_and_the_organisations_zone() -> None:
    view = setup_modal(channel="C0CHAMPS", timezone="Europe/London")

    assert_valid_view(view)
    assert element(view, CHANNEL)["initial_conversation"] == "C0CHAMPS"
    assert element(view, TIMEZONE)["initial_value"] == "Europe/London"


def test_opened_elsewhere_no_channel_is_chosen() -> None:
    view = setup_modal(channel="", timezone="UTC")

    assert_valid_view(view)
    assert "initial_conversation" not in element(view, CHANNEL)


def test_every_weekday_and_scope_can_be_picked_and_the_first_is_the_default() -> None:
    view = setup_modal(channel="", timezone="UTC")

    days = element(view, WEEKDAY)
    assert [(o["value"], o["text"]["text"]) for o in days["options"]] == [(str(i), d) for i, d in enumerate(WEEKDAYS)]
    assert days["initial_option"]["value"] == "0"
    scopes = element(view, SCOPE)
    assert [o["value"] for o in scopes["options"]] == [value for value, _ in SCOPES]
    assert scopes["initial_option"]["value"] == "org"
