"""Row ids as requests carry them (a button's value, a command's argument, a form's metadata)."""

from __future__ import annotations

from typing import Any

MAX_ID = 2**31  # the database's INTEGER: a larger number names no row, and the database would refuse it


def parse_id(value: Any) -> int | None:
    """`value` as a row id (a whole number, or a string of ASCII digits), or None when it cannot be one."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value < MAX_ID else None
