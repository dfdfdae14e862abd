"""A modal as the person filled it in: each input starts with the state it is submitted with."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from emulator.forms import filled_view, state_values

PICK = {"text": {"type": "plain_text", "text": "Pick"}, "value": "pick"}
OTHER = {"text": {"type": "plain_text", "text": "Other"}, "value": "other"}


def _input(block_id: str, element: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "label": {"type": "plain_text", "text": block_id},
        "element": element,
    }


VIEW: dict[str, Any] = {
    "type": "modal",
    "blocks": [
        {"type": "section", "text": {"type": "mrkdwn", "text": "Fill this in"}},
        _input("title", {"type": "plain_text_input", "action_id": "title"}),
        _input(
            "kind", {"type": "radio_buttons", "action_id": "kind", "options": [PICK, OTHER], "initial_option": PICK}
        ),
        _input("where", {"type": "multi_conversations_select", "action_id": "where"}),
        _input("at", {"type": "timepicker", "action_id": "at", "initial_time": "09:00"}),
        _input("note", {"type": "plain_text_input", "action_id": "note", "initial_value": "a default"}),
    ],
}


def test_each_input_starts_with_what_was_chosen() -> None:
    filled = filled_view(VIEW, {"title": "Own it", "kind": "other", "where": ["C1", "C2"], "at": "09:30"})

    elements = {block["block_id"]: block["element"] for block in filled["blocks"][1:]}
    assert elements["title"]["initial_value"] == "Own it"
    assert elements["kind"]["initial_option"] == OTHER
    assert elements["where"]["initial_conversations"] == ["C1", "C2"]
    assert elements["at"]["initial_time"] == "09:30"
    assert filled["blocks"][0] == VIEW["blocks"][0]


def test_an_input_not_named_shows_blank_as_it_is_submitted() -> None:
    filled = filled_view(VIEW, {"title": "Own it"})

    note = filled["blocks"][5]["element"]
    assert "initial_value" not in note
    assert state_values(VIEW, {"title": "Own it"})["note"]["note"] == {"type": "plain_text_input", "value": None}


def test_the_view_as_it_opened_is_left_alone() -> None:
    before = copy.deepcopy(VIEW)

    filled_view(VIEW, {"title": "Own it", "kind": "other"})

    assert before == VIEW


def test_a_value_for_an_input_the_modal_lacks_is_refused() -> None:
    with pytest.raises(AssertionError, match="no inputs"):
        filled_view(VIEW, {"subject": "x"})
