"""views.*: modals opened from a trigger_id, their stack, and App Home tabs."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from emulator.errors import SlackError
from emulator.methods.args import text
from emulator.state import EmulatorState, Trigger
from emulator.validation import check_view

TRIGGER_LIFETIME_SECONDS = 3.0
MAX_VIEW_STACK = 3


def open_view(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    trigger = _trigger(state, text(args, "trigger_id"))
    view = check_view(args.get("view"), "modal")
    _ensure_unique_external_id(state, view, None)
    trigger.used = True
    stored = _store(state, view, trigger.user_id, root=None, previous=None)
    state.views.stacks[trigger.user_id] = [stored["id"]]
    state.views.opened.append(stored["id"])
    return {"ok": True, "view": stored}


def push_view(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    trigger = _trigger(state, text(args, "trigger_id"))
    view = check_view(args.get("view"), "modal")
    stack = state.views.stacks.setdefault(trigger.user_id, [])
    if len(stack) >= MAX_VIEW_STACK:
        raise SlackError("push_limit_reached")
    _ensure_unique_external_id(state, view, None)
    trigger.used = True
    root = stack[0] if stack else None
    stored = _store(state, view, trigger.user_id, root=root, previous=stack[-1] if stack else None)
    stack.append(stored["id"])
    return {"ok": True, "view": stored}


def update_view(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    view_id = _find_view_id(state, text(args, "view_id"), text(args, "external_id"))
    current = state.views.views[view_id]
    _check_hash(current, text(args, "hash"))
    view = check_view(args.get("view"), current["type"])
    _ensure_unique_external_id(state, view, view_id)
    owner = state.views.owner[view_id]
    root, previous = current["root_view_id"], current["previous_view_id"]
    stored = _store(state, view, owner, root=root, previous=previous, view_id=view_id)
    return {"ok": True, "view": stored}


def publish_view(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    user_id = text(args, "user_id")
    if user_id not in state.workspace.users:
        raise SlackError("user_not_found")
    view = check_view(args.get("view"), "home")
    existing = state.views.home.get(user_id)
    if existing is not None:
        _check_hash(state.views.views[existing], text(args, "hash"))
    stored = _store(state, view, user_id, root=None, previous=None, view_id=existing)
    state.views.home[user_id] = stored["id"]
    return {"ok": True, "view": stored}


def _trigger(state: EmulatorState, trigger_id: str) -> Trigger:
    trigger = state.triggers.get(trigger_id)
    if trigger is None:
        raise SlackError("invalid_trigger_id")
    if trigger.used:
        raise SlackError("exchanged_trigger_id")
    if state.clock() - trigger.issued_at > TRIGGER_LIFETIME_SECONDS:
        raise SlackError("expired_trigger_id")
    return trigger


def _find_view_id(state: EmulatorState, view_id: str, external_id: str) -> str:
    if not view_id and not external_id:
        raise SlackError("invalid_arguments", "[ERROR] either view_id or external_id is required")
    if view_id:
        if view_id not in state.views.views:
            raise SlackError("not_found")
        return view_id
    for candidate_id, view in state.views.views.items():
        if view.get("external_id") == external_id:
            return candidate_id
    raise SlackError("not_found")


def _check_hash(current: dict[str, Any], expected: str) -> None:
    if expected and expected != current["hash"]:
        raise SlackError("hash_conflict")


def _ensure_unique_external_id(state: EmulatorState, view: dict[str, Any], own_id: str | None) -> None:
    external_id = view.get("external_id")
    if not external_id:
        return
    for view_id, other in state.views.views.items():
        if view_id != own_id and other.get("external_id") == external_id:
            raise SlackError("duplicate_external_id")


def _store(
    state: EmulatorState,
    view: dict[str, Any],
    user_id: str,
    *,
    root: str | None,
    previous: str | None,
    view_id: str | None = None,
) -> dict[str, Any]:
    """Save the view as Slack returns it: the payload plus ids, a fresh hash and empty state."""
    ws = state.workspace
    view_id = view_id or state.new_id("V")
    stored: dict[str, Any] = {
        "private_metadata": "",
        "callback_id": "",
        "external_id": "",
        "clear_on_close": False,
        "notify_on_close": False,
        "submit": None,
        "close": None,
        **copy.deepcopy(view),
        "id": view_id,
        "team_id": ws.team_id,
        "state": {"values": {}},
        "hash": f"{int(state.wall_clock())}.{uuid.uuid4().hex[:8]}",
        "root_view_id": root or view_id,
        "previous_view_id": previous,
        "app_id": ws.app_id,
        "bot_id": ws.bot_id,
        "app_installed_team_id": ws.team_id,
    }
    state.views.views[view_id] = stored
    state.views.owner[view_id] = user_id
    return copy.deepcopy(stored)
