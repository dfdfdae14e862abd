"""Teams as `/cadence teams` shows them: plain values the teams builder renders."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TeamSize:
    manager: str
    members: int


@dataclass(frozen=True)
class TeamsSummary:
    managers: int
    members: int
    unmanaged: int | None
    """People in the audience of an active key message sent to people (by DM or through managers) who are in no
    team, neither managing nor managed; None when Slack could not say who is in those audiences."""
    largest: tuple[TeamSize, ...]
