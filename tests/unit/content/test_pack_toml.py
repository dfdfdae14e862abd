"""The content pack's TOML writer: what it writes reads back as the same tables, and as the same pack."""

from __future__ import annotations

import tomllib

import pytest

from content import pack_toml
from content.pack import DEFAULT_PACK_DIR, PACK_FILES, load_pack, validate_pack_data


@pytest.mark.parametrize("stem", PACK_FILES)
def test_every_shipped_pack_file_reads_back_unchanged(stem: str) -> None:
    original = tomllib.loads((DEFAULT_PACK_DIR / f"{stem}.toml").read_text(encoding="utf-8"))

    assert tomllib.loads(pack_toml.dumps(original)) == original


def test_the_rewritten_pack_is_the_same_pack() -> None:
    raw = {stem: tomllib.loads((DEFAULT_PACK_DIR / f"{stem}.toml").read_text()) for stem in PACK_FILES}

    rewritten = {stem: tomllib.loads(pack_toml.dumps(data)) for stem, data in raw.items()}

    assert validate_pack_data(rewritten) == load_pack()


def test_awkward_strings_and_nested_values_survive() -> None:
    data = {
        "a key with spaces": 'quote " and backslash \\ and tab \t',
        "lines": 'two\nlines ending in a quote"',
        "triple": 'has """ inside\nand a line break',
        "numbers": [1, 2.5, True],
        "table": {"inner": ["x", "y"], "empty": []},
        "rows": [{"k": "v", "nested": {"deep": 1}}, {"k": "w\nmulti"}],
    }

    assert tomllib.loads(pack_toml.dumps(data)) == data


def test_a_value_toml_cannot_hold_is_refused() -> None:
    with pytest.raises(TypeError):
        pack_toml.dumps({"when": None})
