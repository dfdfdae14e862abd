"""What Cadence registers with Bolt, found by running the real `register_all` against a recorder: a test can reach
every listener, including ones added later, without anyone listing them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from handlers import register_all


@dataclass
class Registered:
    """What `register_all` registered: commands, action ids (strings or patterns), views, shortcuts, events."""

    commands: list[str] = field(default_factory=list)
    actions: list[str | re.Pattern[str]] = field(default_factory=list)
    views: list[str] = field(default_factory=list)
    shortcuts: list[str] = field(default_factory=list)
    events: list[dict[str, str]] = field(default_factory=list)

    def command(self, name: str) -> Callable[..., Any]:
        self.commands.append(name)
        return _keep

    def action(self, constraint: str | re.Pattern[str]) -> Callable[..., Any]:
        self.actions.append(constraint)
        return _keep

    def view(self, callback_id: str) -> Callable[..., Any]:
        self.views.append(callback_id)
        return _keep

    def shortcut(self, callback_id: str) -> Callable[..., Any]:
        self.shortcuts.append(callback_id)
        return _keep

    def event(self, kind: str | dict[str, str]) -> Callable[..., Any]:
        self.events.append(kind if isinstance(kind, dict) else {"type": kind})
        return _keep


def _keep(fn: Callable[..., Any]) -> Callable[..., Any]:
    return fn


def registered() -> Registered:
    found = Registered()
    register_all(found)  # type: ignore[arg-type]
    return found
