"""The compose modal for a key message (new or edited), and the confirmation it turns into once saved.

Slack has no select element for user groups, so the audience takes channels from a conversations picker and
user groups as text: @handles or ids (S…), which Cadence resolves and checks on submission.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, time
from typing import Any

from bot.keymessages.views import CASCADE_MODE, CHANNEL_MODE, DM_MODE, LOCAL, Arrival, Draft, F
from content.blocks.common import Block, context, escape, input_block, plain, section, truncate
from content.pack import KeyMessage, Prompt, Track

CALLBACK_ID = "keymsg_compose"
COMMON_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
)
MAX_ARRIVAL_LINES = 4
KIND_LABELS = {
    "once": "Once",
    "weekly": "Weekly, on the days below",
    "every_n_weeks": "Every N weeks, on the days below",
    "monthly": "Monthly, on the first date's day",
}
MODE_LABELS = {
    CHANNEL_MODE: "Post in each channel",
    DM_MODE: "DM every member (of the channels and groups)",
    CASCADE_MODE: "Through managers: DM each manager, their team the next working day",
}
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LOCAL_LABEL = "Each recipient's local time"
CYCLE, END = "cycle", "end"
CYCLE_LABELS = {CYCLE: "Start again from the first message", END: "End after the last message"}


def option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(text, limit=75), "value": value}


def compose_view(
    draft: Draft,
    messages: Sequence[KeyMessage],
    prompts: Sequence[Prompt],
    *,
    schedule_id: int | None,
    tracks: Sequence[Track] = (),
    teams_known: bool = False,
) -> dict[str, Any]:
    """The composer; "through managers" is offered once Cadence knows teams (or when the draft already uses it)."""
    title = "Edit key message" if schedule_id else "Schedule a key message"
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "private_metadata": json.dumps({"schedule_id": schedule_id}),
        "title": plain(title, limit=24),
        "submit": plain("Save" if schedule_id else "Schedule"),
        "close": plain("Cancel"),
        "blocks": [
            *_message_blocks(draft, messages, prompts),
            *_series_blocks(draft, messages, tracks),
            *_audience_blocks(draft, cascade=teams_known or draft.mode == CASCADE_MODE),
            _clarity_block(draft),
            *_when_blocks(draft),
        ],
    }


def _message_blocks(draft: Draft, messages: Sequence[KeyMessage], prompts: Sequence[Prompt]) -> list[Block]:
    library = _select(F.LIBRARY, [option(m.title, m.key) for m in messages], draft.library_key, "Pick a message")
    prompt = _select(F.PROMPT, [option(p.title, p.key) for p in prompts], draft.prompt_key, "Pick a discussion")
    text: dict[str, Any] = {"type": "plain_text_input", "action_id": F.TEXT, "multiline": True}
    if draft.text:
        text["initial_value"] = draft.text
    return [
        input_block(F.LIBRARY, "From the library", library, optional=True),
        input_block(
            F.TEXT,
            "…or write your own (Slack formatting; it wins over the library)",
            text,
            optional=True,
            hint="For a series, put a line with --- between messages: one goes out per delivery, in order.",
        ),
        input_block(F.PROMPT, "Discussion prompt for managers", prompt, optional=True),
    ]


def _series_blocks(draft: Draft, messages: Sequence[KeyMessage], tracks: Sequence[Track]) -> list[Block]:
    """A series: several library messages in the order picked, or a track of the library; one per delivery."""
    options = [option(m.title, m.key) for m in messages]
    picked: dict[str, Any] = {
        "type": "multi_static_select",
        "action_id": F.SERIES,
        "placeholder": plain("Pick messages in order"),
        "options": options[:100],
    }
    by_key = {o["value"]: o for o in options}
    if draft.series_keys:
        picked["initial_options"] = [by_key[k] for k in draft.series_keys if k in by_key]
    blocks = [input_block(F.SERIES, "…or a series from the library, in the order picked", picked, optional=True)]
    if tracks:
        track = _select(F.TRACK, [option(t.title, t.key) for t in tracks], draft.track_key, "Pick a track")
        blocks.append(input_block(F.TRACK, "…or a track of the library", track, optional=True))
    ends = [option(label, value) for value, label in CYCLE_LABELS.items()]
    blocks.append(
        input_block(F.CYCLE, "After a series' last message", _radio(F.CYCLE, ends, CYCLE if draft.cycle else END))
    )
    return blocks


def _audience_blocks(draft: Draft, *, cascade: bool) -> list[Block]:
    channels: dict[str, Any] = {
        "type": "multi_conversations_select",
        "action_id": F.CHANNELS,
        "filter": {"include": ["public", "private"], "exclude_bot_users": True},
    }
    if draft.channels:
        channels["initial_conversations"] = list(draft.channels)
    groups: dict[str, Any] = {"type": "plain_text_input", "action_id": F.GROUPS}
    if draft.groups:
        groups["initial_value"] = draft.groups
    modes = [option(label, value) for value, label in MODE_LABELS.items() if cascade or value != CASCADE_MODE]
    return [
        input_block(F.CHANNELS, "Channels", channels, optional=True),
        input_block(F.GROUPS, "User groups", groups, optional=True, hint="@handles or group IDs (S…), comma-separated"),
        input_block(F.MODE, "Delivery", _radio(F.MODE, modes, draft.mode)),
    ]


def _clarity_block(draft: Draft) -> Block:
    ask = option("Ask each recipient how clear it is for their work (1 to 5, anonymous)", "yes")
    element: dict[str, Any] = {"type": "checkboxes", "action_id": F.CLARITY, "options": [ask]}
    if draft.clarity:
        element["initial_options"] = [ask]
    return input_block(F.CLARITY, "Clarity check", element, optional=True)


def _when_blocks(draft: Draft) -> list[Block]:
    kinds = [option(label, value) for value, label in KIND_LABELS.items()]
    days = [option(name, str(i)) for i, name in enumerate(DAYS)]
    weekdays: dict[str, Any] = {"type": "checkboxes", "action_id": F.WEEKDAYS, "options": days}
    if draft.weekdays:
        weekdays["initial_options"] = [days[i] for i in draft.weekdays]
    interval: dict[str, Any] = {"type": "plain_text_input", "action_id": F.INTERVAL}
    if draft.interval:
        interval["initial_value"] = draft.interval
    zones = [option(z, z) for z in dict.fromkeys((draft.zone, *COMMON_ZONES)) if z != LOCAL] + [
        option(LOCAL_LABEL, LOCAL)
    ]
    preview = {"type": "checkboxes", "action_id": F.PREVIEW, "options": [option("Send me a preview by DM", "yes")]}
    return [
        input_block(F.KIND, "How often", _radio(F.KIND, kinds, draft.kind)),
        input_block(F.DATE, "First date", _date(F.DATE, draft.start)),
        input_block(F.TIME, "Time", _time(draft.at)),
        input_block(F.WEEKDAYS, "On these days (weekly)", weekdays, optional=True),
        input_block(F.INTERVAL, "Every how many weeks (every N weeks)", interval, optional=True),
        input_block(F.UNTIL, "Until (optional end date)", _date(F.UNTIL, draft.until), optional=True),
        input_block(F.ZONE, "Time zone", _select(F.ZONE, zones, draft.zone, "Pick a time zone")),
        input_block(F.PREVIEW, "Preview", preview, optional=True),
    ]


def _select(action_id: str, options: list[dict[str, Any]], chosen: str, placeholder: str) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "static_select",
        "action_id": action_id,
        "placeholder": plain(placeholder),
        "options": options[:100],
    }
    initial = next((o for o in options if o["value"] == chosen), None)
    if initial is not None:
        element["initial_option"] = initial
    return element


def _radio(action_id: str, options: list[dict[str, Any]], chosen: str) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "radio_buttons", "action_id": action_id, "options": options}
    initial = next((o for o in options if o["value"] == chosen), None)
    if initial is not None:
        element["initial_option"] = initial
    return element


def _date(action_id: str, day: date | None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "datepicker", "action_id": action_id}
    if day is not None:
        element["initial_date"] = day.isoformat()
    return element


def _time(at: time | None) -> dict[str, Any]:
    return {"type": "timepicker", "action_id": F.TIME, "initial_time": (at or time(9, 0)).strftime("%H:%M")}


def saved_view(
    next_when: str | None,
    audience: Sequence[str],
    mode: str,
    *,
    preview: bool,
    arrivals: Sequence[Arrival] = (),
) -> dict[str, Any]:
    """What the modal shows once the schedule is saved, with when its next delivery reaches each group."""
    reach = ", ".join(f"<!subteam^{a}>" if a.startswith("S") else f"<#{a}>" for a in audience)
    how = {CHANNEL_MODE: "posted in", CASCADE_MODE: "sent through the managers of"}.get(
        mode, "sent by DM to every member of"
    )
    lines = [f":white_check_mark: *Scheduled.* It will be {how} {reach}."]
    lines.append(f"Next delivery: *{escape(next_when)}*." if next_when else "No delivery is left to come.")
    blocks = [section("\n".join(lines))]
    if arrivals:
        blocks.append(context(arrivals_text(arrivals, mode)))
    if preview:
        blocks.append(context("A preview is on its way to your DMs."))
    blocks.append(context("See and change your schedules with `/promise list`."))
    return {"type": "modal", "title": plain("Key message"), "close": plain("Done"), "blocks": blocks}


def arrivals_text(arrivals: Sequence[Arrival], mode: str) -> str:
    """At most a few lines: where the next delivery arrives, when, and why later than scheduled."""
    one, many = ("channel", "channels") if mode == CHANNEL_MODE else ("person", "people")
    lines = [
        f"{escape(a.place)} ({a.count} {one if a.count == 1 else many}): {a.at:%H:%M %a %-d %b}"
        + (f", {a.reason}" if a.reason else "")
        for a in arrivals[:MAX_ARRIVAL_LINES]
    ]
    if len(arrivals) > MAX_ARRIVAL_LINES:
        lines.append(f"…and {len(arrivals) - MAX_ARRIVAL_LINES} more groups, within their working hours")
    return "*Reaches* " + "\n".join(lines)


def snippet(text: str) -> str:
    return escape(truncate(" ".join(text.split()), 90))
