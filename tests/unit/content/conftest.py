"""Fixtures shared by the content pack tests."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from content.pack import DEFAULT_PACK_DIR, PACK_FILES


@pytest.fixture
def raw() -> dict[str, dict[str, Any]]:
    """A fresh copy of the default pack's raw TOML, for a test to change."""
    return {stem: tomllib.loads((DEFAULT_PACK_DIR / f"{stem}.toml").read_text()) for stem in PACK_FILES}
