"""Reading blocks an app sent the way the Slack client does: find an element, fill a modal's state."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any


def iter_elements(blocks: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every interactive element with the block_id it sits in (actions, section accessories, inputs)."""
    for block in blocks:
        block_id = block.get("block_id", "")
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            yield block_id, element
        if "accessory" in block:
            yield block_id, block["accessory"]
        if block.get("type") == "input":
            yield block_id, block["element"]


def element_by_action(
    blocks: list[dict[str, Any]], action_id: str, value: str | None = None
) -> tuple[str, dict[str, Any]]:
    matches = [
        (block_id, element)
        for block_id, element in iter_elements(blocks)
        if element.get("action_id") == action_id and (value is None or element.get("value") == value)
    ]
    if len(matches) != 1:
        found = sorted({e.get("action_id", "?") for _, e in iter_elements(blocks)})
        raise AssertionError(f"expected one element {action_id!r} (value {value!r}), found {len(matches)}; {found}")
    return matches[0]


def state_values(view: dict[str, Any], values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """`view.state.values` as Slack sends it on submission. `values` maps action_id to what the person chose;
    inputs not named are sent empty, as Slack does for optional fields left blank."""
    unknown = set(values) - {e.get("action_id") for _, e in iter_elements(view["blocks"])}
    if unknown:
        raise AssertionError(f"the modal has no inputs {sorted(unknown)}")
    state: dict[str, dict[str, Any]] = {}
    for block in view["blocks"]:
        if block.get("type") != "input":
            continue
        element = block["element"]
        action_id = element["action_id"]
        state.setdefault(block["block_id"], {})[action_id] = _element_state(element, values.get(action_id))
    return state


INITIAL_KEYS = {
    "value": "initial_value",
    "selected_option": "initial_option",
    "selected_options": "initial_options",
    "selected_user": "initial_user",
    "selected_users": "initial_users",
    "selected_conversation": "initial_conversation",
    "selected_conversations": "initial_conversations",
    "selected_channel": "initial_channel",
    "selected_channels": "initial_channels",
    "selected_date": "initial_date",
    "selected_time": "initial_time",
}
"""Where an element's state on submission goes when the element is to start with it."""


def filled_view(view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """A copy of `view` as the person saw it just before submitting `values` (keyed by action_id, as `submit`
    takes them): each input starts with the state it is submitted with, so one not named shows blank, as it is
    sent."""
    state = state_values(view, values)
    filled = copy.deepcopy(view)
    for block in filled["blocks"]:
        if block.get("type") != "input":
            continue
        element = block["element"]
        for key, chosen in state[block["block_id"]][element["action_id"]].items():
            if key in INITIAL_KEYS:
                _start_with(element, INITIAL_KEYS[key], chosen)
    return filled


def _start_with(element: dict[str, Any], key: str, chosen: Any) -> None:
    if chosen in (None, "", []):
        element.pop(key, None)
    else:
        element[key] = chosen


def _element_state(element: dict[str, Any], chosen: Any) -> dict[str, Any]:
    kind = element["type"]
    state: dict[str, Any] = {"type": kind}
    if kind in ("plain_text_input", "number_input", "url_text_input", "email_text_input"):
        state["value"] = chosen
    elif kind in ("static_select", "radio_buttons", "external_select"):
        state["selected_option"] = _option(element, chosen) if chosen is not None else None
    elif kind in ("multi_static_select", "checkboxes", "multi_external_select"):
        state["selected_options"] = [_option(element, v) for v in chosen or []]
    elif kind == "users_select":
        state["selected_user"] = chosen
    elif kind == "multi_users_select":
        state["selected_users"] = list(chosen or [])
    elif kind in ("conversations_select", "channels_select"):
        state["selected_conversation" if kind == "conversations_select" else "selected_channel"] = chosen
    elif kind in ("multi_conversations_select", "multi_channels_select"):
        key = "selected_conversations" if kind == "multi_conversations_select" else "selected_channels"
        state[key] = list(chosen or [])
    elif kind == "datepicker":
        state["selected_date"] = chosen
    elif kind == "timepicker":
        state["selected_time"] = chosen
    else:
        raise AssertionError(f"the harness cannot fill a {kind}")
    return state


def _option(element: dict[str, Any], value: str) -> dict[str, Any]:
    options = list(element.get("options", []))
    for group in element.get("option_groups", []):
        options.extend(group["options"])
    for option in options:
        if option["value"] == value:
            return option
    if element["type"].endswith("external_select"):
        return {"text": {"type": "plain_text", "text": value}, "value": value}
    raise AssertionError(f"{element['action_id']} has no option {value!r}")
