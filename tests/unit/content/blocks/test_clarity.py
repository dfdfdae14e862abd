"""The clarity check's blocks (valid Block Kit, one button per score, the answer shown after a tap) and
"understood" as reach prints it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.keymessages.views import Draft, Understood
from content.blocks.clarity import (
    CLARITY_BLOCK,
    clarity_answered_blocks,
    clarity_blocks,
    closed_check_text,
    parse_clarity_value,
    understood_text,
)
from content.blocks.keymessage_compose import compose_view
from content.blocks.keymessages import KeyMessageView, message_blocks
from content.pack import load_pack
from tests.support.blockkit import assert_valid_blocks, assert_valid_view

PACK = load_pack()
ACK = "7:20261124T0900"
NINE = datetime(2026, 11, 24, 9, tzinfo=UTC)


def buttons(blocks: list[dict]) -> list[dict]:
    return [e for b in blocks if b.get("block_id") == CLARITY_BLOCK for e in b["elements"]]


def test_the_check_has_one_button_per_score_whose_value_names_the_occurrence() -> None:
    blocks = clarity_blocks(PACK.clarity, ACK, min_size=5)

    assert_valid_blocks(blocks)
    found = buttons(blocks)
    assert [e["action_id"] for e in found] == [f"keymsg_clarity:{n}" for n in range(1, 6)]
    assert [parse_clarity_value(e["value"]) for e in found] == [(ACK, n) for n in range(1, 6)]
    assert not any("style" in e for e in found)
    assert "groups of 5 or more" in str(blocks)


def test_a_value_that_is_not_a_check_parses_to_nothing() -> None:
    assert parse_clarity_value("7:20261124T0900:x") is None
    assert parse_clarity_value("4") is None
    assert parse_clarity_value("7:20261124T0900:²") is None and parse_clarity_value("7:20261124T0900:５") is None


def test_after_a_tap_the_message_shows_the_answer_once_and_keeps_the_rest() -> None:
    view = KeyMessageView("U0LEADER", "Title", "Body", None, clarity=PACK.clarity)
    original = message_blocks(view, ack_value=ACK)

    updated = clarity_answered_blocks(original, PACK.clarity, ACK, min_size=5, chosen=4, until="Tue 01 Dec")
    again = clarity_answered_blocks(updated, PACK.clarity, ACK, min_size=5, chosen=2, until="Tue 01 Dec")

    assert_valid_blocks(again)
    assert [e.get("style") for e in buttons(again)] == [None, "primary", None, None, None]
    assert len(again) == len(original) and "Title" in str(again)
    assert "you answered *2*. You can change it until Tue 01 Dec" in str(again)


def test_a_preview_names_the_check_without_buttons_and_a_message_without_it_has_none() -> None:
    preview = message_blocks(KeyMessageView("U0LEADER", "", "Body", None, clarity=PACK.clarity), ack_value=None)
    plain = message_blocks(KeyMessageView("U0LEADER", "", "Body", None), ack_value=ACK)

    assert buttons(preview) == [] and "Recipients are also asked" in str(preview)
    assert buttons(plain) == [] and "How clear" not in str(plain)


def test_the_composer_ticks_the_check_as_the_draft_says() -> None:
    def check(draft: Draft) -> dict:
        view = compose_view(draft, PACK.messages, PACK.prompts, schedule_id=None)
        assert_valid_view(view)
        return next(b for b in view["blocks"] if b.get("block_id") == "clarity")["element"]

    assert check(Draft(clarity=True))["initial_options"][0]["value"] == "yes"
    assert "initial_options" not in check(Draft(clarity=False))


def test_understood_says_only_what_the_gate_let_through() -> None:
    still_open = Understood(NINE, "UTC", answered=3, closes_at=NINE)
    too_few = Understood(NINE, "UTC", answered=3, min_size=5)
    shown = Understood(NINE, "UTC", 6, None, 3.67, ((3, 2), (4, 4)), (("C0TEAMA", 3.5, 5), ("S0SUP", 4.0, 5)))
    bare = Understood(NINE, "UTC", 5, None, 4.0)

    assert understood_text(still_open) == "Understood: 3 answered so far (results once the check closes)"
    assert understood_text(too_few) == "Understood: fewer than 5 answered, so no result is shown"
    assert understood_text(shown) == (
        "Understood: *3.7* / 5 from 6 answers (3: 2 · 4: 4) — <#C0TEAMA> 3.5 (5), <!subteam^S0SUP> 4.0 (5)"
    )
    assert understood_text(bare) == "Understood: *4.0* / 5 from 5 answers"


def test_a_check_closed_after_its_week_names_the_message_and_the_day_it_was_sent_in_its_zone() -> None:
    late_evening = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)  # already Wednesday in Singapore
    shown = Understood(late_evening, "Asia/Singapore", 6, None, 3.67, ((3, 2), (4, 4)))
    too_few = Understood(late_evening, "local", answered=3, min_size=5)

    assert closed_check_text("Our <promise>", shown) == (
        "Understood — *Our &lt;promise&gt;* (sent 25 Nov): *3.7* / 5 from 6 answers (3: 2 · 4: 4)"
    )
    assert (
        closed_check_text("Q4", too_few)
        == "Understood — *Q4* (sent 24 Nov): fewer than 5 answered, so no result is shown"
    )
