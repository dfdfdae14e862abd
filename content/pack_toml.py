"""Writes a content pack file back as TOML, so an exported pack reads like the shipped one and can be edited and
imported again. `tomllib` only reads TOML; a pack file's shape is simple (keys with strings, numbers, booleans and
lists of them; tables; arrays of tables), and that is all this writer handles."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

Scalar = str | int | float | bool


def dumps(data: Mapping[str, Any]) -> str:
    """TOML text for one pack file's table; `tomllib.loads(dumps(d)) == d` for the shapes a pack uses."""
    lines: list[str] = []
    _table(lines, (), data)
    return "\n".join(lines).strip() + "\n"


def _table(lines: list[str], path: tuple[str, ...], data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        if not isinstance(value, Mapping) and not _is_table_array(value):
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in data.items():
        if isinstance(value, Mapping):
            lines += ["", f"[{_dotted((*path, key))}]"]
            _table(lines, (*path, key), value)
        elif _is_table_array(value):
            for item in value:
                lines += ["", f"[[{_dotted((*path, key))}]]"]
                _table(lines, (*path, key), item)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, Mapping) for item in value)


def _dotted(path: tuple[str, ...]) -> str:
    return ".".join(_key(part) for part in path)


def _key(key: str) -> str:
    bare = key.replace("-", "").replace("_", "").isalnum() and key.isascii()
    return key if bare else json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        if len(value) > 1 and all(isinstance(item, str) for item in value):
            return "[\n" + "".join(f"  {_string(item)},\n" for item in value) + "]"
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"a content pack cannot hold a {type(value).__name__}")


def _string(text: str) -> str:
    """A multi-line string for text with line breaks (easier to edit), a JSON-escaped basic string otherwise."""
    plain = "\\" not in text and '"""' not in text and not text.endswith('"')
    if "\n" in text and plain and all(c >= " " or c == "\n" for c in text):
        return '"""\n' + text + '"""'
    return json.dumps(text, ensure_ascii=False)
