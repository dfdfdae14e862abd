"""Team actions as Block Kit: valid for Slack, escaped, and saying owner, due date and status."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime

from slack_sdk.models.views import View

from bot.actions.views import ActionView, BeforeAfter, ItemFigure
from content.blocks.actions import (
    digest_action_blocks,
    list_blocks,
    nudge_message,
    parse_status_value,
    status_value,
    take_on_modal,
)
from tests.support.blockkit import assert_valid_blocks

CREATED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def action(**changes: object) -> ActionView:
    fields: dict[str, object] = {
        "action_id": 7,
        "channel": "C0CHAMPS",
        "text": "Refund <!channel> & more",
        "item_text": "I can put things right",
        "owner": "U0BOB",
        "due_on": date(2026, 12, 4),
        "status": "open",
        "created_at": CREATED,
    }
    return ActionView(**(fields | changes))  # type: ignore[arg-type]


def test_the_digest_lists_open_actions_escaped_and_offers_the_focus_item() -> None:
    blocks = digest_action_blocks("q1", [action(overdue=True)], [], 5)

    assert_valid_blocks(blocks)
    shown = json.dumps(blocks)
    assert "Refund &lt;!channel&gt; &amp; more" in shown and "<!channel>" not in shown
    assert "<@U0BOB>, due Fri 4 Dec 2026" in shown and "Not started" in shown and "overdue" in shown
    assert blocks[-2]["elements"][0]["value"] == "q1" and "Agree one action on the focus item." in shown


def test_before_and_after_say_hidden_figures_are_hidden_and_never_a_number() -> None:
    done = action(status="done", done_at=datetime(2026, 11, 30, tzinfo=UTC))
    result = BeforeAfter(done, ItemFigure(2.0, 6, 1), ItemFigure(None, 3, 1), 5, ItemFigure(None, 3, 1))

    shown = json.dumps(digest_action_blocks(None, [], [result], 5), ensure_ascii=False)

    assert "before *2.0 / 5* (6 people) → since not shown (fewer than 5 people answered" in shown
    assert "Has it made a difference? not shown" in shown and "3 people" not in shown
    assert "Take this on" not in shown


def test_the_modal_is_valid_and_carries_its_channel_and_item() -> None:
    view = take_on_modal(channel="C0CHAMPS", question_id="q1", item_text="Item", today=date(2026, 11, 23))

    View(**view).validate_json()
    assert json.loads(view["private_metadata"]) == {"channel": "C0CHAMPS", "question": "q1"}
    assert [b["element"]["type"] for b in view["blocks"] if b["type"] == "input"] == [
        "plain_text_input",
        "users_select",
        "datepicker",
    ]


def test_the_owners_dm_offers_one_tap_statuses_and_marks_the_current_one() -> None:
    message = nudge_message(action(status="in_progress"))

    assert_valid_blocks(message["blocks"])
    buttons = message["blocks"][-1]["elements"]
    assert [b["text"]["text"] for b in buttons] == ["Done", "In progress", "Blocked"]
    assert [b.get("style") for b in buttons] == [None, "primary", None]
    assert parse_status_value(buttons[0]["value"]) == (7, "done")


def test_the_owners_dm_notification_shows_the_words_typed_and_cannot_mention_or_link() -> None:
    typed = "<!channel> see <https://evil.example|the form> & <@U0BOSS>"
    message = nudge_message(replace(action(), text=typed))

    assert "<" not in message["text"] and "&lt;!channel&gt;" in message["text"]
    assert "<!channel>" not in json.dumps(message["blocks"])


def test_a_forged_status_value_is_not_read() -> None:
    assert parse_status_value(status_value(7, "open")) is None
    assert parse_status_value("x:done") is None and parse_status_value("1234567890:done") is None
    assert parse_status_value("²:done") is None and parse_status_value("１:done") is None


def test_cadence_actions_says_when_there_are_none_and_lists_channels() -> None:
    assert "No actions yet for your champions' channels" in json.dumps(list_blocks([], everyone=False))
    shown = json.dumps(list_blocks([action()], everyone=True))
    assert "every champions' channel" in shown and "<#C0CHAMPS>" in shown
