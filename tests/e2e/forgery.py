"""What a hostile client sends back instead of what Cadence posted: the same message with a button's value
rewritten, for the attack tests."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any


def with_value(message: Any, old: str, new: str) -> Any:
    """`message` (an emulator message) with every button value `old` rewritten to `new`."""
    return replace(message, blocks=json.loads(json.dumps(message.blocks).replace(f'"{old}"', json.dumps(new))))
