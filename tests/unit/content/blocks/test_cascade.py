"""A key message sent through managers as people and leaders see it: the manager's version with the talking points
and "Discussed", the member's with "Got it", and reach line by line in `/promise list`, App Home and the digest."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time

from bot.digests.health import HealthFacts, warnings
from bot.digests.views import Digest, MessageReach, Period
from bot.keymessages.views import CascadeReach, LineReach, Reach, Schedule, ScheduleSummary
from content.blocks.digests import digest_blocks
from content.blocks.keymessage_list import cascade_text, list_blocks
from content.blocks.keymessages import (
    ACK_ACTIONS,
    DISCUSSED,
    GOT_IT,
    KeyMessageView,
    acknowledged_blocks,
    manager_blocks,
    member_blocks,
    message_blocks,
)
from content.pack import load_pack
from tests.support.blockkit import assert_valid_blocks

PROMPT = load_pack().prompts[0]
MESSAGE = KeyMessageView(owner="U0LEO", title="Own the callback", text="Call back within a day.", prompt=PROMPT)
LINES = (
    LineReach("U0MAYA", discussed=True, members=3, delivered=3, acknowledged=2),
    LineReach("U0NOAH", discussed=True, members=2, delivered=2, acknowledged=1),
    LineReach("U0OMAR", discussed=False, members=4, delivered=1, acknowledged=0),
)
CASCADE = CascadeReach(LINES, covered=5, people=10)


def buttons(blocks: list[dict]) -> list[str]:
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def test_a_manager_gets_the_talking_points_and_discussed_only() -> None:
    blocks = manager_blocks(MESSAGE, ack_value="4:20261124T0900")

    assert_valid_blocks(blocks)
    assert buttons(blocks) == [ACK_ACTIONS[DISCUSSED]]
    assert PROMPT.question in json.dumps(blocks) and "a working day before your team" in json.dumps(blocks)


def test_a_member_gets_the_message_without_the_managers_talking_points_and_got_it_only() -> None:
    blocks = member_blocks(MESSAGE, ack_value="4:20261124T0900")

    assert_valid_blocks(blocks)
    assert buttons(blocks) == [ACK_ACTIONS[GOT_IT]]
    assert PROMPT.question not in json.dumps(blocks) and "Call back within a day." in json.dumps(blocks)


def test_after_a_click_only_the_buttons_the_message_offered_remain() -> None:
    member = member_blocks(MESSAGE, ack_value="4:s")
    everyone = message_blocks(MESSAGE, ack_value="4:s")

    after_member = acknowledged_blocks(member, "4:s", given={GOT_IT}, status="done")
    after_discussed = acknowledged_blocks(everyone, "4:s", given={DISCUSSED}, status="done")

    assert buttons(after_member) == []
    assert buttons(after_discussed) == [ACK_ACTIONS[GOT_IT]]
    assert_valid_blocks(after_member)


def test_reach_counts_who_discussed_and_the_share_of_people_covered() -> None:
    assert (CASCADE.managers, CASCADE.discussed) == (3, 2)
    assert cascade_text(CASCADE) == "2 of 3 managers discussed it, covering 5 of 10 people (50%)"
    assert cascade_text(CascadeReach()) == "0 of 0 managers discussed it, covering 0 of 0 people"


def test_the_list_shows_each_line_with_who_discussed_and_how_many_got_it() -> None:
    schedule = Schedule(
        4, "U0LEO", "Own it", "t", "weekly", date(2026, 11, 24), time(9), (1,), 1, None, "UTC", "active"
    )
    summary = ScheduleSummary(schedule, None, datetime(2026, 11, 24, 9, tzinfo=UTC), "planned", Reach(), Reach())

    blocks = list_blocks([replace(summary, cascade=CASCADE)], everyone=False)

    assert_valid_blocks(blocks)
    shown = json.dumps(blocks, ensure_ascii=False)
    assert "Through managers:* 2 of 3 managers discussed it, covering 5 of 10 people" in shown
    assert "<@U0MAYA> :white_check_mark: discussed · 2 of 3 got it (3 delivered)" in shown
    assert "<@U0OMAR> not discussed yet · 0 of 4 got it (1 delivered)" in shown
    assert "Through managers" not in json.dumps(list_blocks([summary], everyone=False))


def test_a_long_list_of_lines_is_cut_and_says_how_many_more() -> None:
    many = CascadeReach(tuple(replace(LINES[0], manager=f"U0M{i:03}") for i in range(25)), covered=75, people=75)
    schedule = Schedule(4, "U0LEO", "Own it", "t", "once", date(2026, 11, 24), time(9), (), 1, None, "UTC", "active")
    summary = ScheduleSummary(schedule, None, None, "", Reach(), Reach(), cascade=many)

    blocks = list_blocks([summary], everyone=False)

    assert_valid_blocks(blocks)
    assert "…and 15 more lines" in json.dumps(blocks, ensure_ascii=False)


def test_the_digest_shows_the_cascade_under_its_message() -> None:
    period = Period.week_ending(datetime(2026, 11, 30, 9, tzinfo=UTC))
    digest = Digest("C1", "the whole organisation", period, messages=(MessageReach("Own it", 12, 0, 7, 2, CASCADE),))

    shown = json.dumps(digest_blocks(digest), ensure_ascii=False)

    assert "↳ Through managers: 2 of 3 managers discussed it, covering 5 of 10 people (50%)" in shown


def test_health_warns_when_lines_stop_cascading_and_names_their_managers() -> None:
    found = warnings(HealthFacts(days_since_key_message=1, stopped_lines=("U0OMAR", "U0PIA")))

    assert found == [
        "Key messages stopped cascading in 2 line(s): <@U0OMAR>, <@U0PIA> discussed neither of the last two sent "
        "through managers. Check in with them; the talking points are in the message."
    ]
    assert warnings(HealthFacts(days_since_key_message=1)) == []
