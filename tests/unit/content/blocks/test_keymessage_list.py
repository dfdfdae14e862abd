"""`/promise list` from schedule summaries: each schedule's cadence in words, its reach, and only the buttons its
state allows."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from bot.keymessages.views import LOCAL, Reach, Schedule, ScheduleSummary
from content.blocks.keymessage_list import (
    ACTION_CANCEL,
    ACTION_EDIT,
    ACTION_PAUSE,
    ACTION_RESUME,
    cadence_text,
    list_blocks,
    reach_text,
)
from tests.support.blockkit import assert_valid_blocks

WEEKLY = Schedule(
    id=4,
    owner="U0LEO",
    title="Callbacks",
    text="Call back within a day",
    kind="weekly",
    start_date=date(2026, 11, 30),
    at_time=time(9, 0),
    weekdays=(0, 3),
    interval_weeks=1,
    until_date=None,
    zone="Europe/London",
    state="active",
)
NEXT = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def summary(schedule: Schedule = WEEKLY, **changes: Any) -> ScheduleSummary:
    base = ScheduleSummary(schedule, NEXT, None, "", Reach(), Reach())
    return replace(base, **changes)


def button_ids(blocks: list[dict]) -> list[str]:
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "Weekly on Mon, Thu at 09:00 (Europe/London)"),
        ({"kind": "once"}, "Once on 2026-11-30 at 09:00 (Europe/London)"),
        ({"kind": "monthly", "zone": LOCAL}, "Monthly on day 30 at 09:00 (each recipient's local time)"),
        (
            {"kind": "every_n_weeks", "interval_weeks": 2, "until_date": date(2027, 3, 1)},
            "Every 2 weeks on Mon, Thu at 09:00 (Europe/London) until 2027-03-01",
        ),
    ],
)
def test_the_cadence_reads_as_a_sentence(changes: dict, expected: str) -> None:
    assert cadence_text(replace(WEEKLY, **changes)) == expected


def test_reach_mentions_what_is_on_the_way_only_when_something_is() -> None:
    assert reach_text(Reach(5, 1, 0, 3, 1)) == "5 delivered · 1 failed · 3 got it · 1 discussed"
    assert reach_text(Reach(5, 0, 2)) == "5 delivered · 0 failed · 2 on the way · 0 got it · 0 discussed"


def test_an_active_schedule_can_be_paused_a_paused_one_resumed_and_both_edited_or_cancelled() -> None:
    active = list_blocks([summary()], everyone=False)
    paused = list_blocks([summary(replace(WEEKLY, state="paused"), next_at=None)], everyone=False)

    assert_valid_blocks(active)
    assert_valid_blocks(paused)
    assert button_ids(active) == [ACTION_PAUSE, ACTION_EDIT, ACTION_CANCEL]
    assert button_ids(paused) == [ACTION_RESUME, ACTION_EDIT, ACTION_CANCEL]
    assert {e["value"] for b in active if b["type"] == "actions" for e in b["elements"]} == {"4"}
    assert "Next: none" in json.dumps(paused)


def test_the_last_occurrence_and_the_total_reach_are_shown_and_an_admin_sees_the_owner() -> None:
    item = summary(last_at=NEXT, last_state="planned", last_reach=Reach(3), total=Reach(9, acknowledged=4))

    mine = json.dumps(list_blocks([item], everyone=False), ensure_ascii=False)
    everyone = json.dumps(list_blocks([item], everyone=True), ensure_ascii=False)

    assert "Last: Thu 03 Dec 2026, 09:00 Europe/London — planned: 3 delivered" in mine
    assert "All occurrences: 9 delivered · 0 failed · 4 got it · 0 discussed" in mine
    assert "owner <@U0LEO>" not in mine and "owner <@U0LEO>" in everyone
    assert "Key message schedules" in everyone and "Your key message schedules" in mine


def test_no_schedules_points_to_promise_schedule() -> None:
    blocks = list_blocks([], everyone=False)

    assert blocks[-1]["text"]["text"] == "No schedules yet. Start one with `/promise schedule`."
