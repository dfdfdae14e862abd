"""Each Block Kit block and element Cadence sends, drawn as Slack draws it; anything unknown shown, never dropped."""

from __future__ import annotations

from typing import Any

from emulator.page.blockkit import render_blocks
from emulator.page.lookup import Lookup
from tests.unit.emulator.page.dom import Node, parse

CHART = "data:image/png;base64,iVBORw0KGgo="
LOOKUP = Lookup(
    users={"U1": "Alice Archer", "U2": "Bob Baker"},
    channels={"C1": "kudos"},
    groups={"S1": "support"},
    images={"F1": CHART},
)


def render(*blocks: dict[str, Any]) -> Node:
    return parse(render_blocks(list(blocks), LOOKUP))


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def md(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(text), "value": value}


def test_section_shows_text_fields_and_an_accessory_button() -> None:
    doc = render(
        {
            "type": "section",
            "text": md("*Pulse* is open"),
            "fields": [md("*Teams*\n3"), md("*Answers*\n41")],
            "accessory": {"type": "button", "text": plain("Open"), "action_id": "open"},
        }
    )

    assert doc.one("div", "bk-text").one("b").text == "Pulse"
    assert [f.text for f in doc.all("div", "bk-field")] == ["Teams\n3", "Answers\n41"]
    assert doc.one("div", "bk-accessory").one("button").text == "Open"


def test_section_accessory_image_is_a_thumbnail() -> None:
    doc = render(
        {"type": "section", "text": md("x"), "accessory": {"type": "image", "image_url": CHART, "alt_text": "c"}}
    )

    assert doc.one("img", "bk-thumbnail").attrs["src"] == CHART


def test_header_is_plain_text_with_emoji() -> None:
    header = render({"type": "header", "text": plain(":mega: Key message *not bold*")}).one("div", "bk-header")

    assert header.text == "📣 Key message *not bold*"
    assert header.all("b") == []


def test_context_shows_text_and_image_elements_in_order() -> None:
    context = render(
        {
            "type": "context",
            "elements": [{"type": "image", "image_url": CHART, "alt_text": "logo"}, md("From <@U2>"), plain("2 min")],
        }
    ).one("div", "bk-context")

    assert context.one("img").attrs == {"class": "bk-context-image", "src": CHART, "alt": "logo"}
    assert context.text == "From @Bob Baker2 min"


def test_divider_is_a_rule() -> None:
    assert render({"type": "divider"}).one("hr").classes == {"bk-divider"}


def test_actions_draw_buttons_in_their_styles_all_disabled() -> None:
    buttons = render(
        {
            "type": "actions",
            "elements": [
                {"type": "button", "text": plain("Got it"), "action_id": "a", "style": "primary"},
                {"type": "button", "text": plain("Delete"), "action_id": "b", "style": "danger"},
                {"type": "button", "text": plain("Later"), "action_id": "c"},
                {"type": "button", "text": plain("Odd"), "action_id": "d", "style": 'x" onclick="alert(1)'},
            ],
        }
    ).all("button")

    assert [b.text for b in buttons] == ["Got it", "Delete", "Later", "Odd"]
    assert [b.classes - {"bk-button"} for b in buttons] == [
        {"bk-button-primary"},
        {"bk-button-danger"},
        {"bk-button-default"},
        {"bk-button-default"},
    ]
    assert all("disabled" in b.attrs and "onclick" not in b.attrs for b in buttons)


def test_static_select_shows_its_choice_or_its_placeholder() -> None:
    chosen = {
        "type": "static_select",
        "action_id": "s",
        "options": [option("Weekly", "w")],
        "initial_option": option("Weekly", "w"),
    }
    empty = {
        "type": "static_select",
        "action_id": "t",
        "placeholder": plain("Pick a team"),
        "options": [option("A", "a")],
    }

    selects = render({"type": "actions", "elements": [chosen, empty]}).all("span", "bk-select")

    assert [s.text for s in selects] == ["Weekly▾", "Pick a team▾"]
    assert all(s.attrs["aria-disabled"] == "true" for s in selects)


def test_overflow_is_a_disabled_menu_button_listing_its_options() -> None:
    overflow = {"type": "overflow", "action_id": "o", "options": [option("Edit", "e"), option("Cancel", "c")]}

    button = render({"type": "actions", "elements": [overflow]}).one("button", "bk-overflow")

    assert (button.text, button.attrs["title"], "disabled" in button.attrs) == ("⋯", "Edit, Cancel", True)


def test_datepicker_and_timepicker_show_their_initial_value() -> None:
    pickers = [
        {"type": "datepicker", "action_id": "d", "initial_date": "2026-11-30"},
        {"type": "timepicker", "action_id": "t", "placeholder": plain("Time")},
    ]

    shown = render({"type": "actions", "elements": pickers}).all("span", "bk-picker")

    assert [p.text for p in shown] == ["📅 2026-11-30", "🕒 Time"]


def test_image_block_shows_an_uploaded_file_with_its_title() -> None:
    figure = render({"type": "image", "slack_file": {"id": "F1"}, "alt_text": "trend", "title": plain("Trend")}).one(
        "figure"
    )

    assert figure.one("div", "bk-image-title").text == "Trend"
    assert figure.one("img").attrs["src"] == CHART


def test_an_external_image_is_never_fetched_but_named() -> None:
    doc = render({"type": "image", "image_url": "https://example.com/x.png", "alt_text": 'a "chart"'})

    assert doc.all("img") == []
    assert doc.one("span", "image-missing").text == 'a "chart"'


def test_input_blocks_show_label_control_and_hint() -> None:
    doc = render(
        {
            "type": "input",
            "label": plain("Message"),
            "hint": plain("Markdown works"),
            "element": {"type": "plain_text_input", "action_id": "m", "multiline": True, "initial_value": "<b>hi</b>"},
        },
        {
            "type": "input",
            "optional": True,
            "label": plain("Audience"),
            "element": {"type": "multi_users_select", "action_id": "u", "initial_users": ["U1", "U2"]},
        },
        {
            "type": "input",
            "label": plain("Channels"),
            "element": {"type": "multi_conversations_select", "action_id": "c", "initial_conversations": ["C1"]},
        },
    )

    first, second, third = doc.all("div", "bk-input")
    assert (first.one("div", "bk-label").text, first.one("div", "bk-hint").text) == ("Message", "Markdown works")
    assert first.one("textarea").text == "<b>hi</b>"
    assert second.one("div", "bk-label").text == "Audience (optional)"
    assert [c.text for c in second.all("span", "bk-chip")] == ["@Alice Archer", "@Bob Baker"]
    assert [c.text for c in third.all("span", "bk-chip")] == ["#kudos"]


def test_checkboxes_and_radio_buttons_mark_their_initial_options() -> None:
    choices = [option("Alignment", "a"), option("Empowerment", "e")]
    doc = render(
        {
            "type": "input",
            "label": plain("Dimensions"),
            "element": {"type": "checkboxes", "action_id": "c", "options": choices, "initial_options": [choices[1]]},
        },
        {
            "type": "input",
            "label": plain("Scale"),
            "element": {"type": "radio_buttons", "action_id": "r", "options": choices, "initial_option": choices[0]},
        },
    )

    boxes = doc.all("input")
    assert [(b.attrs["type"], "checked" in b.attrs) for b in boxes] == [
        ("checkbox", False),
        ("checkbox", True),
        ("radio", True),
        ("radio", False),
    ]
    assert all("disabled" in b.attrs for b in boxes)


def test_rich_text_keeps_styles_lists_quotes_and_mentions() -> None:
    doc = render(
        {
            "type": "rich_text",
            "elements": [
                {
                    "type": "rich_text_section",
                    "elements": [
                        {"type": "text", "text": "Well done ", "style": {"bold": True}},
                        {"type": "user", "user_id": "U1"},
                        {"type": "emoji", "name": "clap", "unicode": "1f44f"},
                        {"type": "link", "url": "javascript:alert(1)", "text": "bad"},
                    ],
                },
                {
                    "type": "rich_text_list",
                    "style": "ordered",
                    "elements": [
                        {"type": "rich_text_section", "elements": [{"type": "text", "text": "<first>"}]},
                    ],
                },
                {"type": "rich_text_quote", "elements": [{"type": "text", "text": "quoted"}]},
            ],
        }
    )

    assert doc.one("b").text == "Well done "
    assert doc.one("span", "mention").text == "@Alice Archer"
    assert doc.all("a") == []
    assert doc.one("ol").one("li").text == "<first>"
    assert doc.one("blockquote").text == "quoted"
    assert "👏" in doc.text


def test_an_unknown_block_is_shown_as_unsupported_not_dropped() -> None:
    doc = render(
        {"type": "header", "text": plain("Before")}, {"type": "video", "title": plain("x")}, {"type": "divider"}
    )

    assert doc.one("span", "bk-unsupported").text == "unsupported block: video"
    assert [n.tag for n in doc.one("div", "bk-blocks").children if not isinstance(n, str)] == ["div", "div", "hr"]


def test_an_unknown_element_or_text_type_is_shown_as_unsupported() -> None:
    doc = render(
        {"type": "actions", "elements": [{"type": "workflow_button", "text": plain("Run")}]},
        {"type": "section", "text": {"type": "<b>html</b>", "text": "x"}},
    )

    assert [u.text for u in doc.all("span", "bk-unsupported")] == [
        "unsupported element: workflow_button",
        "unsupported text: <b>html</b>",
    ]
