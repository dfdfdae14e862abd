"""DMs Cadence sends leaders and the programme owner about key messages: missed occurrences and handovers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from content.blocks.common import Block, context, escape, mention, section, truncate


class MissedOccurrence(Protocol):
    occurs_at: datetime
    people: int
    all_missed: bool


def when(occurs_at: datetime, zone: str) -> str:
    """An occurrence as a leader reads it: `Mon 30 Nov 2026, 09:00 Europe/London` (or `… local time`)."""
    if zone == "local":
        return occurs_at.strftime("%a %d %b %Y, %H:%M") + " local time"
    return occurs_at.astimezone(ZoneInfo(zone)).strftime("%a %d %b %Y, %H:%M ") + zone


def missed_notice(
    schedule_id: int, about: str, missed: Sequence[MissedOccurrence], zone: str, error: str = ""
) -> tuple[str, list[Block]]:
    text = f"Key message schedule {schedule_id}: {len(missed)} occurrence(s) could not go out on time"
    why = (
        f"Slack could not resolve its audience (`{escape(error)}`): check the channels and groups, then edit it."
        if error
        else "Cadence was not running when they fell due, and they are older than the catch-up grace period, "
        "even moved into working hours."
    )
    lines = [f"• {when(m.occurs_at, zone)}" + _who(m) for m in missed[:20]]
    if len(missed) > 20:
        lines.append(f"• …and {len(missed) - 20} more")
    blocks = [
        section(f":warning: *{escape(text)}*\n_{escape(truncate(about, 120))}_"),
        section("\n".join(lines)),
        context(why + " Nothing was sent to those skipped; the next occurrences go out as planned."),
    ]
    return text, blocks


def _who(missed: MissedOccurrence) -> str:
    if missed.all_missed:
        return " — not sent"
    return f" — {missed.people} recipient(s) whose delivery time had passed were skipped; the others got it"


def handover_notice(from_user: str, schedules: Sequence[tuple[int, str, str]], reason: str) -> tuple[str, list[Any]]:
    text = f"You now own {len(schedules)} key message schedule(s): their owner {reason}"
    lines = [f"• #{sid} ({state}) — {escape(truncate(about, 100))}" for sid, about, state in schedules]
    blocks = [
        section(f":inbox_tray: You now own the key message schedules of {mention(from_user)}, who {escape(reason)}."),
        section("\n".join(lines[:40])),
        context("They keep running as before. Use `/promise list` to pause, edit, cancel or keep them."),
    ]
    return text, blocks
