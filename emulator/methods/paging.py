"""Cursor pagination as Slack does it: `limit` and an opaque `cursor`, answered with
`response_metadata.next_cursor` ("" on the last page)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from typing import Any, TypeVar

from emulator.errors import SlackError

T = TypeVar("T")


def paginate(
    items: Sequence[T], args: dict[str, Any], *, kind: str, default_limit: int | None, max_limit: int
) -> tuple[list[T], str]:
    """One page of `items` and the cursor for the next one.

    `default_limit` None means "everything" when the caller gives no limit (users.list does that).
    """
    limit = _limit(args.get("limit"), default_limit, max_limit)
    start = _offset(args.get("cursor"), kind)
    end = len(items) if limit is None else start + limit
    next_cursor = _encode(kind, end) if end < len(items) else ""
    return list(items[start:end]), next_cursor


def _limit(value: Any, default: int | None, maximum: int) -> int | None:
    if value in (None, "", 0, "0"):
        return default
    try:
        limit = int(value)
    except (TypeError, ValueError):
        raise SlackError("invalid_limit") from None
    if limit < 0:
        raise SlackError("invalid_limit")
    return min(limit, maximum)


def _offset(cursor: Any, kind: str) -> int:
    if not cursor:
        return 0
    try:
        prefix, _, offset = base64.b64decode(str(cursor), validate=True).decode().partition(":")
        if prefix != kind:
            raise ValueError(prefix)
        return int(offset)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise SlackError("invalid_cursor") from None


def _encode(kind: str, offset: int) -> str:
    return base64.b64encode(f"{kind}:{offset}".encode()).decode()
