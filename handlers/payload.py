"""The one reader of what Slack sends: request bodies, events, actions and modal state, as plain values.

Slack's payloads are nested dicts whose fields may be missing, null or of another type than documented (an older
client, a forged request, a changed API). Every accessor here answers with a plain value or an empty default and
never raises, so a handler can say "I couldn't read that" instead of failing with a traceback. Handlers read
payloads only through this module.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from datetime import date, time
from typing import Any
from urllib.parse import urlsplit

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block

from bot.platform.ids import parse_id
from bot.platform.mentions import CONVERSATION_ID, USER_ID

PERSONAL = ("block_actions", "view_submission", "shortcut", "message_action")


class Fields:
    """A tolerant view of one JSON object: missing keys and wrong types read as empty values."""

    def __init__(self, data: Any) -> None:
        self._data: Mapping[str, Any] = data if isinstance(data, Mapping) else {}

    def __bool__(self) -> bool:
        return bool(self._data)

    def raw(self, *path: str) -> Any:
        """The value at `path`, or None when any step is missing or not an object."""
        value: Any = self._data
        for key in path:
            if not isinstance(value, Mapping):
                return None
            value = value.get(key)
        return value

    def text(self, *path: str) -> str:
        """The string at `path`; "" when it is missing or not a string."""
        value = self.raw(*path)
        return value if isinstance(value, str) else ""

    def number(self, *path: str) -> int | None:
        """The row id at `path` (a whole number, or a string of ASCII digits; see `parse_id`), or None."""
        return parse_id(self.raw(*path))

    def child(self, *path: str) -> Fields:
        return Fields(self.raw(*path))

    def texts(self, *path: str) -> tuple[str, ...]:
        """The strings of the list at `path` (anything else in it is left out), without repeats, in order."""
        value = self.raw(*path)
        items = value if isinstance(value, list) else []
        return tuple(dict.fromkeys(item for item in items if isinstance(item, str) and item))

    def blocks(self, *path: str) -> list[dict[str, Any]]:
        """The Block Kit blocks of the list at `path` (a clicked message's, to send back updated), as Slack's own
        models read them. The copy a click carries may not be what Cadence posted: an item Slack would refuse (not
        an object, of no known type, malformed) is left out, so neither reading it nor sending it back fails."""
        value = self.raw(*path)
        found = (_block(item) for item in value) if isinstance(value, list) else ()
        return [block for block in found if block is not None]

    def children(self, *path: str) -> list[Fields]:
        """The objects of the list at `path` (anything else in it is left out)."""
        value = self.raw(*path)
        return [Fields(item) for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


class Request(Fields):
    """A slash command, an interaction (block action, shortcut, view submission) or an event's inner `event`."""

    @property
    def user_id(self) -> str:
        """Who is behind it: `user.id` in interactions, `user_id` in commands, `user` (a string) in events; ""
        when none of them is shaped like a Slack user id."""
        found = self.text("user", "id") or self.text("user_id") or self.text("user")
        return found if USER_ID.match(found) else ""

    @property
    def channel_id(self) -> str:
        """Where it happened: `channel.id` in interactions, `channel_id` in commands (or a message's container),
        `channel` (a string) in events; "" when none of them is shaped like a Slack channel id."""
        found = (
            self.text("channel", "id")
            or self.text("channel_id")
            or self.text("container", "channel_id")
            or self.text("channel")
        )
        return found if CONVERSATION_ID.match(found) else ""

    @property
    def trigger_id(self) -> str:
        return self.text("trigger_id")

    @property
    def response_url(self) -> str:
        """The URL to answer the request through, when it is one (Slack's are https URLs); empty for anything else,
        so that Cadence answers privately instead of trying to fetch a value that names no web address."""
        url = self.text("response_url")
        try:
            parts = urlsplit(url)
        except ValueError:
            return ""
        return url if parts.scheme in ("https", "http") and parts.hostname else ""

    @property
    def action(self) -> Fields:
        """The clicked element of a block action (the first of `actions`), empty when there is none."""
        actions = self.children("actions")
        return actions[0] if actions else Fields({})

    @property
    def action_value(self) -> str:
        return self.action.text("value")

    @property
    def action_number(self) -> int | None:
        """The clicked button's value as a whole number, or None when it is not one."""
        return parse_id(self.action.raw("value"))

    @property
    def view(self) -> ViewState:
        return ViewState(self.raw("view"))


class ViewState(Fields):
    """A modal as submitted: its id, `private_metadata`, and the values in `state.values` by block and action id.

    `action` may be left out when a block holds one element (Cadence's inputs do), and the block's only element is
    read whatever its action id."""

    @property
    def id(self) -> str:
        return self.text("id")

    @property
    def metadata_text(self) -> str:
        return self.text("private_metadata")

    @property
    def metadata(self) -> Fields:
        """`private_metadata` read as a JSON object; empty when it is blank, not JSON, or not an object."""
        try:
            return Fields(json.loads(self.metadata_text or "{}"))
        except ValueError:
            return Fields({})

    def element(self, block: str, action: str | None = None) -> Fields:
        elements = self.raw("state", "values", block)
        if action is not None or not isinstance(elements, Mapping):
            return self.child("state", "values", block, action or "")
        return Fields(next(iter(elements.values()), None))

    def value(self, block: str, action: str | None = None) -> str:
        """A text input's value ("" when blank)."""
        return self.element(block, action).text("value")

    def option(self, block: str, action: str | None = None) -> str:
        """The chosen option's value of a select or radio buttons ("" when none)."""
        return self.element(block, action).text("selected_option", "value")

    def option_number(self, block: str, action: str | None = None) -> int | None:
        return parse_id(self.element(block, action).raw("selected_option", "value"))

    def options(self, block: str, action: str | None = None) -> tuple[str, ...]:
        """The chosen options' values of a multi-select or checkboxes."""
        chosen = self.element(block, action).children("selected_options")
        return tuple(dict.fromkeys(o.text("value") for o in chosen if o.text("value")))

    def users(self, block: str, action: str | None = None) -> tuple[str, ...]:
        return self.element(block, action).texts("selected_users")

    def conversations(self, block: str, action: str | None = None) -> tuple[str, ...]:
        return self.element(block, action).texts("selected_conversations")

    def conversation(self, block: str, action: str | None = None) -> str:
        return self.element(block, action).text("selected_conversation")

    def day(self, block: str, action: str | None = None) -> date | None:
        """A date picker's day, or None when blank or not a date."""
        try:
            return date.fromisoformat(self.element(block, action).text("selected_date"))
        except ValueError:
            return None

    def time_of_day(self, block: str, action: str | None = None) -> time | None:
        """A time picker's time, or None when blank or not a time."""
        try:
            return time.fromisoformat(self.element(block, action).text("selected_time"))
        except ValueError:
            return None


OBJECT_OR_ID = ("team", "enterprise", "user", "channel")
OBJECTS = ("view", "message", "container", "event")
NEVER_NULL = ("view", "event")
"""Bolt reads these as `body.get(key, {})`, which a key sent as null trips."""


def unroutable(body: Any) -> str | None:
    """Why `body` cannot go to a listener, or None: Bolt would trip over it (a field it reads has another shape
    than Slack's), or it is a person's request that does not say who they are. Checked before dispatch, so such
    a request gets one log line and an answer, never a traceback from inside the framework."""
    if not isinstance(body, Mapping):
        return "the body is not a JSON object"
    found = Fields(body)
    for key in ("type", "command", "callback_id", "token"):
        if found.raw(key) is not None and not isinstance(found.raw(key), str):
            return f"`{key}` is not a string"
    for key in NEVER_NULL:
        if key in body and body[key] is None:
            return f"`{key}` is null"
    for key in (*OBJECT_OR_ID, *OBJECTS):
        value = found.raw(key)
        if value is not None and not isinstance(value, Mapping) and (key in OBJECTS or not isinstance(value, str)):
            return f"`{key}` is not an object"
    if found.raw("authorizations") is not None and not _list_of_objects(found.raw("authorizations")):
        return "`authorizations` is not a list of objects"
    return _event_problem(found) or _interaction_problem(found) or _anonymous(Request(body))


def _block(item: Any) -> dict[str, Any] | None:
    """`item` as slack_sdk's Block Kit models read and write it, or None when they refuse it or what they write
    reads back otherwise (a block they take but Slack would not). They raise more than their own error on shapes
    they do not expect."""
    if not isinstance(item, Mapping):
        return None
    try:
        written = _written(dict(item))
        return written if written is not None and _written(written) == written else None
    except (SlackObjectFormationError, TypeError, KeyError, AttributeError, ValueError):
        return None


def _written(raw: dict[str, Any]) -> dict[str, Any] | None:
    block = Block.parse(copy.deepcopy(raw))
    if block is None:
        return None
    block.validate_json()
    return block.to_dict()


def _list_of_objects(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, Mapping) for item in value)


def _event_problem(found: Fields) -> str | None:
    if found.raw("event") is not None and not found.text("event", "type"):
        return "the event has no type"
    return None


def _interaction_problem(found: Fields) -> str | None:
    actions = found.raw("actions")
    if actions is not None and not (
        _list_of_objects(actions) and all(isinstance(a.get("action_id"), str) for a in actions)
    ):
        return "`actions` is not a list of actions with ids"
    if found.text("type") == "block_actions" and not actions:
        return "a block action without an action"
    if found.text("type") in ("view_submission", "view_closed") and not found.text("view", "callback_id"):
        return "a view without a callback id"
    if found.text("type") in ("shortcut", "message_action") and not found.text("callback_id"):
        return "a shortcut without a callback id"
    return None


def _anonymous(request: Request) -> str | None:
    """A command or interaction must say who is behind it; everything a person does is done as them."""
    personal = request.text("command") or request.text("type") in PERSONAL
    return "no user id in a person's request" if personal and not request.user_id else None
