"""The compose modal from a `Draft`: a new one starts empty, an edit comes back as it was saved, and the saved view
says where and when it goes."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.keymessages.views import CHANNEL_MODE, DM_MODE, LOCAL, Arrival, Draft, F
from content.blocks.keymessage_compose import (
    CALLBACK_ID,
    LOCAL_LABEL,
    arrivals_text,
    compose_view,
    saved_view,
    snippet,
)
from content.pack import load_pack
from tests.support.blockkit import assert_valid_view

PACK = load_pack()


def element(view: dict, block_id: str) -> dict:
    [block] = [b for b in view["blocks"] if b["block_id"] == block_id]
    return block["element"]


def test_a_new_message_offers_the_library_and_defaults_to_a_dm_once_at_nine() -> None:
    view = compose_view(Draft(), PACK.messages, PACK.prompts, schedule_id=None)

    assert_valid_view(view)
    assert view["callback_id"] == CALLBACK_ID and json.loads(view["private_metadata"]) == {"schedule_id": None}
    assert view["submit"]["text"] == "Schedule"
    assert [o["value"] for o in element(view, F.LIBRARY)["options"]] == [m.key for m in PACK.messages]
    assert element(view, F.MODE)["initial_option"]["value"] == DM_MODE
    assert element(view, F.KIND)["initial_option"]["value"] == "once"
    assert element(view, F.TIME)["initial_time"] == "09:00"
    assert "initial_value" not in element(view, F.TEXT) and "initial_date" not in element(view, F.DATE)


def test_an_edit_comes_back_as_it_was_saved() -> None:
    draft = Draft(
        text="Call back *within a day*",
        prompt_key=PACK.prompts[0].key,
        channels=("C0SUPPORT",),
        groups="S0LEADS",
        mode=CHANNEL_MODE,
        kind="every_n_weeks",
        start=date(2026, 12, 7),
        at=time(8, 30),
        weekdays=(0, 3),
        interval="2",
        until=date(2027, 3, 1),
        zone="Asia/Kathmandu",
    )

    view = compose_view(draft, PACK.messages, PACK.prompts, schedule_id=12)

    assert_valid_view(view)
    assert json.loads(view["private_metadata"]) == {"schedule_id": 12} and view["submit"]["text"] == "Save"
    assert element(view, F.TEXT)["initial_value"] == "Call back *within a day*"
    assert element(view, F.PROMPT)["initial_option"]["value"] == PACK.prompts[0].key
    assert element(view, F.CHANNELS)["initial_conversations"] == ["C0SUPPORT"]
    assert element(view, F.GROUPS)["initial_value"] == "S0LEADS"
    assert element(view, F.MODE)["initial_option"]["value"] == CHANNEL_MODE
    assert element(view, F.KIND)["initial_option"]["value"] == "every_n_weeks"
    assert element(view, F.DATE)["initial_date"] == "2026-12-07"
    assert element(view, F.UNTIL)["initial_date"] == "2027-03-01"
    assert element(view, F.TIME)["initial_time"] == "08:30"
    assert [o["value"] for o in element(view, F.WEEKDAYS)["initial_options"]] == ["0", "3"]
    assert element(view, F.INTERVAL)["initial_value"] == "2"
    zones = element(view, F.ZONE)
    assert zones["initial_option"]["value"] == "Asia/Kathmandu"
    assert zones["options"][-1] == {"text": {"type": "plain_text", "text": LOCAL_LABEL, "emoji": True}, "value": LOCAL}


def test_a_local_time_draft_has_local_time_chosen_and_listed_once() -> None:
    view = compose_view(Draft(zone=LOCAL), PACK.messages, PACK.prompts, schedule_id=None)

    values = [o["value"] for o in element(view, F.ZONE)["options"]]
    assert element(view, F.ZONE)["initial_option"]["value"] == LOCAL and values.count(LOCAL) == 1


def test_the_saved_view_says_how_and_where_it_goes_and_when_next() -> None:
    dm = saved_view("Mon 7 Dec 2026, 09:00 UTC", ("C0SUPPORT", "S0LEADS"), DM_MODE, preview=True)
    posted = saved_view(None, ("C0SUPPORT",), CHANNEL_MODE, preview=False)

    assert_valid_view(dm)
    text = json.dumps(dm["blocks"])
    assert "sent by DM to every member of <#C0SUPPORT>, <!subteam^S0LEADS>" in text
    assert "Next delivery: *Mon 7 Dec 2026, 09:00 UTC*" in text and "preview is on its way" in text
    assert "posted in <#C0SUPPORT>" in json.dumps(posted["blocks"])
    assert "No delivery is left to come." in json.dumps(posted["blocks"])
    assert "preview" not in json.dumps(posted["blocks"])


def test_a_snippet_is_one_escaped_line_cut_short() -> None:
    text = snippet("Line <one>\n\n" + "x" * 200)

    assert text.startswith("Line &lt;one&gt; x") and "\n" not in text and text.endswith("…")


def test_the_saved_view_says_in_a_few_lines_when_each_zone_gets_it_and_why_it_waits() -> None:
    manila, london = ZoneInfo("Asia/Manila"), ZoneInfo("Europe/London")
    arrivals = (
        Arrival("Manila", datetime(2026, 12, 1, 8, 0, tzinfo=manila), 1, "after the holiday"),
        Arrival("London", datetime(2026, 11, 30, 8, 0, tzinfo=london), 3, "before working hours"),
        *(Arrival(f"Zone {n}", datetime(2026, 11, 30, 9, 0, tzinfo=london), 2) for n in range(4)),
    )

    view = saved_view("Mon 30 Nov 2026, 05:00", ("C0MANILA",), DM_MODE, preview=False, arrivals=arrivals)

    assert_valid_view(view)
    text = json.dumps(view)
    assert "Manila (1 person): 08:00 Tue 1 Dec, after the holiday" in text
    assert "London (3 people): 08:00 Mon 30 Nov, before working hours" in text
    assert "Zone 0 (2 people): 09:00 Mon 30 Nov" in text and "Zone 2" not in text
    assert "and 2 more groups, within their working hours" in text
    assert "1 channel)" in arrivals_text(arrivals[:1], CHANNEL_MODE)
