"""With `Lookup.interactive`, the renderer draws a modal's inputs as live form controls a script can read by
action_id; without it, everything stays disabled, as the static page needs. Buttons carry their action_id either way."""

from __future__ import annotations

import dataclasses
from typing import Any

from emulator.page.blockkit import render_blocks
from tests.unit.emulator.page.dom import Node, parse
from tests.unit.emulator.page.test_blockkit import LOOKUP, plain

LIVE = dataclasses.replace(LOOKUP, interactive=True, bots=frozenset({"U2"}))


def live(*blocks: dict[str, Any]) -> Node:
    return parse(render_blocks(list(blocks), LIVE))


def option(label: str, value: str) -> dict[str, Any]:
    return {"text": plain(label), "value": value}


def field(element: dict[str, Any], block_id: str = "b") -> dict[str, Any]:
    return {"type": "input", "block_id": block_id, "label": plain("Label"), "element": element}


BUTTON = {"type": "actions", "elements": [{"type": "button", "text": plain("Go"), "action_id": "go", "value": "7"}]}


def test_buttons_carry_their_action_and_value_and_are_live_only_when_asked() -> None:
    [static] = parse(render_blocks([BUTTON], LOOKUP)).all("button")
    [clickable] = live(BUTTON).all("button")

    assert (static.attrs["data-action-id"], static.attrs["data-value"], "disabled" in static.attrs) == ("go", "7", True)
    assert (clickable.attrs["data-action-id"], "disabled" in clickable.attrs) == ("go", False)


def test_a_user_menu_lists_the_people_but_not_the_bots_and_gives_a_list() -> None:
    menu = live(field({"type": "multi_users_select", "action_id": "who", "initial_users": ["U1"]})).one("select")

    options = [(o.attrs["value"], o.text, "selected" in o.attrs) for o in menu.all("option")]
    assert options == [("U1", "Alice Archer", True)]
    assert (menu.attrs["data-input"], menu.attrs["data-kind"], "multiple" in menu.attrs) == ("who", "list", True)


def test_a_static_menu_keeps_its_groups_and_its_initial_choice() -> None:
    element = {
        "type": "static_select",
        "action_id": "pick",
        "option_groups": [{"label": plain("Alignment"), "options": [option(":zap: One", "q1"), option("Two", "q2")]}],
        "initial_option": option("Two", "q2"),
    }
    menu = live(field(element)).one("select")

    assert menu.attrs["data-kind"] == "one"
    assert menu.one("optgroup").attrs["label"] == "Alignment"
    assert [(o.attrs["value"], o.text, "selected" in o.attrs) for o in menu.all("option")] == [
        ("", "Select…", False),
        ("q1", "⚡ One", False),
        ("q2", "Two", True),
    ]


def test_choices_texts_and_pickers_are_live_inputs_named_by_action_id() -> None:
    form = live(
        field({"type": "checkboxes", "action_id": "days", "options": [option("Mon", "0"), option("Tue", "1")]}, "d"),
        field({"type": "plain_text_input", "action_id": "words", "multiline": True, "initial_value": "<hi>"}, "w"),
        field({"type": "timepicker", "action_id": "time", "initial_time": "09:00"}, "t"),
    )

    boxes = form.all("input", None)
    assert [(b.attrs.get("type"), "disabled" in b.attrs) for b in boxes] == [
        ("checkbox", False),
        ("checkbox", False),
        ("time", False),
    ]
    assert form.one("textarea").text == "<hi>"
    assert [b.attrs["data-block-id"] for b in form.all("div", "bk-input")] == ["d", "w", "t"]
    assert [c.attrs["data-input"] for c in form.all() if "data-input" in c.attrs] == ["days", "words", "time"]
