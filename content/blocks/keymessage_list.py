"""`/promise list`: each schedule with its cadence, next delivery, last result and reach, and its buttons."""

from __future__ import annotations

from collections.abc import Sequence

from bot.keymessages.views import LOCAL, CascadeReach, Reach, Schedule, ScheduleSummary
from content.blocks.clarity import understood_lines
from content.blocks.common import Block, actions, button, context, divider, header, mention, section
from content.blocks.keymessage_compose import DAYS, LOCAL_LABEL, snippet
from content.blocks.keymessage_notices import when

ACTION_PAUSE, ACTION_RESUME, ACTION_CANCEL, ACTION_EDIT = (
    "keymsg_pause",
    "keymsg_resume",
    "keymsg_cancel",
    "keymsg_edit",
)
MAX_LINES_SHOWN = 10


def cadence_text(schedule: Schedule) -> str:
    """`Every 2 weeks on Mon, Thu at 09:00 Europe/London until 2027-03-01`."""
    zone = LOCAL_LABEL.lower() if schedule.zone == LOCAL else schedule.zone
    at = schedule.at_time.strftime("%H:%M")
    days = ", ".join(DAYS[d][:3] for d in schedule.weekdays)
    if schedule.kind == "once":
        return f"Once on {schedule.start_date.isoformat()} at {at} ({zone})"
    if schedule.kind == "monthly":
        base = f"Monthly on day {schedule.start_date.day} at {at} ({zone})"
    elif schedule.interval_weeks > 1:
        base = f"Every {schedule.interval_weeks} weeks on {days} at {at} ({zone})"
    else:
        base = f"Weekly on {days} at {at} ({zone})"
    return base + (f" until {schedule.until_date.isoformat()}" if schedule.until_date else "")


def reach_text(reach: Reach) -> str:
    parts = [f"{reach.delivered} delivered", f"{reach.failed} failed"]
    if reach.pending:
        parts.append(f"{reach.pending} on the way")
    parts += [f"{reach.acknowledged} got it", f"{reach.discussed} discussed"]
    return " · ".join(parts)


def cascade_text(cascade: CascadeReach) -> str:
    """`7 of 9 managers discussed it, covering 62 of 80 people (78%)`: covered is a member whose manager
    discussed it (see `CascadeReach`)."""
    share = f" ({cascade.covered / cascade.people:.0%})" if cascade.people else ""
    return (
        f"{cascade.discussed} of {cascade.managers} managers discussed it, "
        f"covering {cascade.covered} of {cascade.people} people{share}"
    )


def cascade_blocks(cascade: CascadeReach) -> list[Block]:
    """The last occurrence sent through managers, line by line."""
    rows = [
        f"• {mention(line.manager)} {':white_check_mark: discussed' if line.discussed else 'not discussed yet'} · "
        f"{line.acknowledged} of {line.members} got it ({line.delivered} delivered)"
        for line in cascade.lines[:MAX_LINES_SHOWN]
    ]
    if len(cascade.lines) > MAX_LINES_SHOWN:
        rows.append(f"…and {len(cascade.lines) - MAX_LINES_SHOWN} more lines")
    return [section(f"*Through managers:* {cascade_text(cascade)}\n" + "\n".join(rows))]


def list_blocks(items: Sequence[ScheduleSummary], *, everyone: bool) -> list[Block]:
    title = "Key message schedules" if everyone else "Your key message schedules"
    blocks: list[Block] = [header(title)]
    if not items:
        blocks.append(section("No schedules yet. Start one with `/promise schedule`."))
        return blocks
    for item in items:
        blocks.extend(_schedule_blocks(item, everyone=everyone))
    return blocks


def _schedule_blocks(item: ScheduleSummary, *, everyone: bool) -> list[Block]:
    s = item.schedule
    headline = f"*#{s.id} {snippet(s.title or s.text)}*"
    state = f"`{s.state}`"
    next_line = f"Next: {when(item.next_at, s.zone)}" if item.next_at else "Next: none"
    if item.next_at and item.series_length > 1:
        next_line += f" — message {item.next_number} of {item.series_length}: _{snippet(item.next_message)}_"
    elif item.series_length > 1 and not item.next_message:
        next_line = f"Next: none — all {item.series_length} messages of the series are sent"
    if item.last_at is not None:
        last_line = f"Last: {when(item.last_at, s.zone)} — {item.last_state}: {reach_text(item.last_reach)}"
    else:
        last_line = "Last: nothing sent yet"
    owner = f" · owner {mention(s.owner)}" if everyone else ""
    buttons = [button("Resume", ACTION_RESUME, str(s.id))] if s.state == "paused" else []
    if s.state == "active":
        buttons.append(button("Pause", ACTION_PAUSE, str(s.id)))
    buttons += [button("Edit", ACTION_EDIT, str(s.id)), button("Cancel", ACTION_CANCEL, str(s.id), style="danger")]
    return [
        divider(),
        section(
            "\n".join(
                [f"{headline} {state}", cadence_text(s), next_line, last_line, *understood_lines(item.understood)]
            )
        ),
        *(cascade_blocks(item.cascade) if item.cascade else []),
        context(f"All occurrences: {reach_text(item.total)}{owner}"),
        actions(f"keymsg_manage_{s.id}", *buttons),
    ]
