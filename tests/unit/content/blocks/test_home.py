"""The Home tab from a `HomeModel`: sections by role, short lists that offer "See all", buttons carrying what they
act on, and never more blocks than Slack allows in a view."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from typing import Any

from bot.home.views import DigestPanel, HomeAccess, HomeModel, Recognition, ShoutoutLine
from bot.keymessages.views import Reach, Schedule, ScheduleSummary
from bot.platform.views import Role
from content.blocks.home import (
    BACK,
    DIGEST_NOW,
    GIVE_SHOUTOUT,
    LATEST_RESULTS,
    MAX_BLOCKS,
    MORE,
    NEW_PULSE,
    PULSE_OPEN,
    SCHEDULE,
    home_view,
)
from tests.support.blockkit import assert_valid_view

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
EMPLOYEE = frozenset({Role.EMPLOYEE})


@dataclass(frozen=True)
class Pulse:
    round_id: int
    questions: int = 3
    closes_at: datetime = NOW
    answered: bool = False


def access(roles: frozenset[Role]) -> HomeAccess:
    """What the policies answer for these roles: leaders and admins schedule, admins see all and administer."""
    admin = Role.ADMIN in roles
    return HomeAccess(schedules=admin or Role.LEADER in roles, every_schedule=admin, administer=admin)


def model(roles: frozenset[Role] = EMPLOYEE, **changes: Any) -> HomeModel:
    base = HomeModel(
        user_id="U0EMP",
        access=access(roles),
        promise_statement="Every customer <feels> heard",
        promise_values=("Listen first",),
        pulses=(),
        recognition=Recognition(0, 0, (), ()),
    )
    return replace(base, **changes)


def schedule(schedule_id: int, owner: str = "U0LEO") -> ScheduleSummary:
    facts = Schedule(
        id=schedule_id,
        owner=owner,
        title="",
        text="Call back within a day",
        kind="weekly",
        start_date=date(2026, 11, 30),
        at_time=time(9, 0),
        weekdays=(0,),
        interval_weeks=1,
        until_date=None,
        zone="Europe/London",
        state="active",
    )
    return ScheduleSummary(facts, NOW, None, "", Reach(), Reach(delivered=4, acknowledged=2))


def shown(view: dict) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


def buttons(view: dict, action_id: str) -> list[str]:
    found = []
    for block in view["blocks"]:
        elements = [*block.get("elements", []), block.get("accessory") or {}]
        found += [e.get("value", "") for e in elements if e.get("action_id") == action_id]
    return found


def test_an_employee_sees_the_promise_pulses_and_shout_outs_but_no_schedules_or_settings() -> None:
    view = home_view(model(pulses=(Pulse(7), Pulse(8, answered=True))))

    assert_valid_view(view)
    text = shown(view)
    assert "Every customer &lt;feels&gt; heard" in text
    assert buttons(view, PULSE_OPEN) == ["7", "8"]
    assert "Change my answers" in text and "*Shout-outs*" in text
    assert "schedules" not in text and "Programme settings" not in text


def test_a_leader_sees_their_own_schedules_and_an_admin_everyones_with_the_owner() -> None:
    leader = home_view(model(frozenset({Role.EMPLOYEE, Role.LEADER}), schedules=(schedule(4),)))
    admin = home_view(
        model(frozenset({Role.EMPLOYEE, Role.ADMIN}), schedules=(schedule(4),), settings=(("Time zone", "UTC"),))
    )

    assert_valid_view(leader)
    assert_valid_view(admin)
    assert "*Your key message schedules*" in shown(leader) and "<@U0LEO>" not in shown(leader)
    assert "*Key message schedules*" in shown(admin) and "*#4 Call back within a day* · <@U0LEO>" in shown(admin)
    assert "4 delivered · 0 failed · 2 got it · 0 discussed" in shown(admin)
    assert "*Time zone*\\nUTC" in shown(admin) and "No warnings this week" in shown(admin)


def test_each_digest_panel_offers_posting_its_own_channel() -> None:
    panels = (DigestPanel("C0A", "3 shout-outs", NOW), DigestPanel("C0B", "", None))

    view = home_view(model(frozenset({Role.EMPLOYEE, Role.CHAMPION}), digests=panels))

    assert_valid_view(view)
    assert buttons(view, DIGEST_NOW) == ["C0A", "C0B"]
    assert "No digest yet." in shown(view)


def test_a_short_list_offers_see_all_and_its_page_shows_everything_with_a_way_back() -> None:
    pulses = tuple(Pulse(i) for i in range(1, 6))

    overview = home_view(model(pulses=pulses[:3], limit=3))
    overview_more = home_view(model(pulses=pulses, limit=3))
    page = home_view(model(pulses=pulses, limit=20, page="pulses"))

    assert buttons(overview, MORE) == []
    assert buttons(overview_more, MORE) == ["pulses"] and "See all (5)" in shown(overview_more)
    assert buttons(page, PULSE_OPEN) == ["1", "2", "3", "4", "5"]
    assert buttons(page, MORE) == [] and page["blocks"][1]["elements"][0]["action_id"] == BACK


def test_shout_out_words_are_escaped_and_say_who_gave_them() -> None:
    line = ShoutoutLine("U0GIV", ("U0EMP",), ":handshake: Owned it", "<!channel> thanks", NOW)

    view = home_view(model(recognition=Recognition(1, 0, (line,), ())))

    assert "From <@U0GIV> for :handshake: Owned it" in shown(view)
    assert "&lt;!channel&gt; thanks" in shown(view) and "<!channel>" not in shown(view)


def test_a_notice_comes_first() -> None:
    view = home_view(model(notice="Posted the digest in <#C0A>."))

    assert view["blocks"][0]["elements"] == [{"type": "mrkdwn", "text": "Posted the digest in <#C0A>."}]


def test_a_page_longer_than_slack_allows_is_cut_with_a_pointer_to_the_commands() -> None:
    warnings = tuple(f"Warning {i}" for i in range(150))

    view = home_view(model(frozenset({Role.EMPLOYEE, Role.ADMIN}), page="health", limit=150, health=warnings))

    assert_valid_view(view)
    assert len(view["blocks"]) == MAX_BLOCKS
    assert "the commands show the rest" in view["blocks"][-1]["elements"][0]["text"]


def test_home_offers_each_action_exactly_as_the_policies_allow() -> None:
    everyone = home_view(model())
    runner = home_view(model(access=HomeAccess(schedules=True, create_pulse=True, see_results=True)))

    top = {e["action_id"] for e in everyone["blocks"][3]["elements"]}
    assert top == {GIVE_SHOUTOUT, "home_refresh"}
    assert {SCHEDULE, NEW_PULSE, LATEST_RESULTS} <= {e["action_id"] for e in runner["blocks"][3]["elements"]}


def test_a_champion_reads_the_digests_figures_as_posted() -> None:
    panel = DigestPanel("C0CH", "Weekly digest", NOW, ("Participation: *60%*", "*Alignment*: 75 / 100"))

    view = home_view(model(digests=(panel,)))

    assert_valid_view(view)
    assert "Participation: *60%*\\n*Alignment*: 75 / 100" in shown(view)
