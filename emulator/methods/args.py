"""Reading loosely typed Web API arguments (form values arrive as strings)."""

from __future__ import annotations

from typing import Any


def flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def text(args: dict[str, Any], name: str) -> str:
    value = args.get(name)
    return "" if value is None else str(value)
