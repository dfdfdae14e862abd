"""Argument checks Slack applies before a method does anything.

Required arguments come from Slack's published Web API spec (and, for the external upload pair, which
the spec predates, from the method pages on docs.slack.dev). Each names the error Slack answers when
the argument is missing; the default is `invalid_arguments`.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from emulator.errors import SlackError

REQUIRED_ARGS: dict[str, tuple[tuple[str, str], ...]] = {
    "chat.postMessage": (("channel", "channel_not_found"),),
    "chat.postEphemeral": (("channel", "channel_not_found"), ("user", "user_not_in_channel")),
    "chat.update": (("channel", "channel_not_found"), ("ts", "message_not_found")),
    "chat.delete": (("channel", "channel_not_found"), ("ts", "message_not_found")),
    "chat.getPermalink": (("channel", "channel_not_found"), ("message_ts", "message_not_found")),
    "conversations.info": (("channel", "channel_not_found"),),
    "conversations.members": (("channel", "channel_not_found"),),
    "conversations.history": (("channel", "channel_not_found"),),
    "users.info": (("user", "user_not_found"),),
    "usergroups.users.list": (("usergroup", "invalid_arguments"),),
    "views.open": (("trigger_id", "invalid_arguments"), ("view", "invalid_arguments")),
    "views.update": (("view", "invalid_arguments"),),
    "views.push": (("trigger_id", "invalid_arguments"), ("view", "invalid_arguments")),
    "views.publish": (("user_id", "invalid_arguments"), ("view", "invalid_arguments")),
    "reactions.add": (
        ("channel", "no_item_specified"),
        ("timestamp", "no_item_specified"),
        ("name", "invalid_name"),
    ),
    "files.getUploadURLExternal": (("filename", "invalid_arguments"), ("length", "invalid_arguments")),
    "files.completeUploadExternal": (("files", "invalid_arguments"),),
}


def _block_types(base: type[Block]) -> set[str]:
    """Block types slack_sdk models (checked up front, as Block.parse warns about unknown ones)."""
    types: set[str] = set()
    for subclass in base.__subclasses__():
        block_type = getattr(subclass, "type", None)
        if isinstance(block_type, str):
            types.add(block_type)
        types |= _block_types(subclass)
    return types


_BLOCK_TYPES = _block_types(Block)

MAX_TEXT_CHARS = 40_000
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_ATTACHMENTS = 100
MAX_TITLE_CHARS = 24
MAX_CALLBACK_ID_CHARS = 255
MAX_PRIVATE_METADATA_CHARS = 3000


def check_required(method: str, args: dict[str, Any]) -> None:
    for name, error in REQUIRED_ARGS.get(method, ()):
        if args.get(name) in (None, "", [], {}):
            raise SlackError(error, f"[ERROR] missing required field: {name}")


def message_content(
    args: dict[str, Any],
) -> tuple[str, list[dict[str, Any]] | None, list[dict[str, Any]] | None]:
    """The text, blocks and attachments of a chat.* call, checked as Slack checks them."""
    text = args.get("text")
    text = "" if text is None else str(text)
    blocks = parse_blocks(args.get("blocks"))
    attachments = args.get("attachments")
    if attachments is not None and not isinstance(attachments, list):
        raise SlackError("invalid_attachments")
    if not text and not blocks and not attachments:
        raise SlackError("no_text")
    if len(text) > MAX_TEXT_CHARS:
        raise SlackError("msg_too_long")
    if attachments and len(attachments) > MAX_ATTACHMENTS:
        raise SlackError("too_many_attachments")
    if blocks is not None:
        check_blocks(blocks, MAX_MESSAGE_BLOCKS, "invalid_blocks")
    return text, blocks, attachments or None


def parse_blocks(value: Any) -> list[dict[str, Any]] | None:
    if value is None or value == "":
        return None
    if not isinstance(value, list) or not all(isinstance(b, dict) for b in value):
        raise SlackError("invalid_blocks_format")
    return value


def check_blocks(blocks: list[dict[str, Any]], limit: int, error: str) -> None:
    """Reject more than `limit` blocks, or any block slack_sdk's Block Kit models refuse."""
    if len(blocks) > limit:
        raise SlackError(error, f"[ERROR] no more than {limit} items allowed [json-pointer:/blocks]")
    for index, block in enumerate(blocks):
        problem = block_problem(block)
        if problem:
            raise SlackError(error, f"[ERROR] {problem} [json-pointer:/blocks/{index}]")


def block_problem(block: dict[str, Any]) -> str | None:
    if block.get("type") not in _BLOCK_TYPES:
        return f"unsupported block type: {block.get('type')!r}"
    try:
        parsed = Block.parse(block)
        if parsed is not None:
            parsed.to_dict()
    except (SlackObjectFormationError, TypeError, ValueError, KeyError, AttributeError) as exc:
        return str(exc) or type(exc).__name__
    return None


def parse_metadata(value: Any) -> dict[str, Any] | None:
    if value is None or value == "":
        return None
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("event_type"), str)
        or not isinstance(value.get("event_payload"), dict)
    ):
        raise SlackError("invalid_metadata_format")
    return value


def check_view(view: Any, view_type: str) -> dict[str, Any]:
    """Validate a view payload for views.open/update/push ("modal") or views.publish ("home")."""
    if not isinstance(view, dict):
        raise SlackError("invalid_arguments", "[ERROR] failed to parse view [json-pointer:/view]")
    if view.get("type") != view_type:
        raise SlackError("invalid_arguments", f"[ERROR] must be '{view_type}' [json-pointer:/view/type]")
    blocks = view.get("blocks")
    if not isinstance(blocks, list):
        raise SlackError("invalid_arguments", "[ERROR] missing required field: blocks [json-pointer:/view]")
    if view_type == "modal":
        _check_modal(view, blocks)
    _check_length(view, "callback_id", MAX_CALLBACK_ID_CHARS)
    _check_length(view, "external_id", MAX_CALLBACK_ID_CHARS)
    _check_length(view, "private_metadata", MAX_PRIVATE_METADATA_CHARS)
    check_blocks(blocks, MAX_VIEW_BLOCKS, "invalid_arguments")
    try:
        View(**view).to_dict()
    except (SlackObjectFormationError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise SlackError("invalid_arguments", f"[ERROR] {exc} [json-pointer:/view]") from exc
    return view


def _check_modal(view: dict[str, Any], blocks: list[Any]) -> None:
    title = view.get("title")
    if not isinstance(title, dict) or not title.get("text"):
        raise SlackError("invalid_arguments", "[ERROR] missing required field: title [json-pointer:/view]")
    for field in ("title", "submit", "close"):
        text = (view.get(field) or {}).get("text", "")
        if len(text) > MAX_TITLE_CHARS:
            raise SlackError(
                "invalid_arguments",
                f"[ERROR] must be less than {MAX_TITLE_CHARS + 1} characters [json-pointer:/view/{field}/text]",
            )
    has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
    if has_input and not view.get("submit"):
        raise SlackError(
            "invalid_arguments",
            "[ERROR] must provide a submit property when using input blocks [json-pointer:/view]",
        )


def _check_length(view: dict[str, Any], field: str, limit: int) -> None:
    value = view.get(field)
    if isinstance(value, str) and len(value) > limit:
        raise SlackError(
            "invalid_arguments",
            f"[ERROR] must be less than {limit + 1} characters [json-pointer:/view/{field}]",
        )
