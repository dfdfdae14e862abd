"""A key message schedule carrying a series: one message per occurrence, in order, ending or starting again."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.platform.timesource import ManualTime
from content.pack import load_pack
from emulator import SlackEmulator
from tests.e2e.conftest import ALICE, LEADER
from tests.e2e.keymessage_support import DEFAULTS, errors_of, list_message, open_composer, schedule
from tests.e2e.test_keymessages import key_dms
from tests.e2e.test_keymessages_cadence import tick_daily
from tests.support.bot import BotUnderTest

PACK = load_pack()
THREE = ["moments-of-truth", "small-fixes", "customer-story"]
WEEKLY = {"text": None, "kind": "weekly", "weekdays": ["1"], "date": "2026-11-24"}
FIRST_TUESDAY = datetime(2026, 11, 24, 9, tzinfo=UTC)


def titles_sent(slack: SlackEmulator, user: str) -> list[str]:
    """The library title each key-message DM carried, in the order they arrived."""
    sent = []
    for dm in key_dms(slack, user):
        shown = str(dm.blocks)
        sent.append(next((m.title for m in PACK.messages if m.title in shown), "?"))
    return sent


def title(key: str) -> str:
    message = PACK.message(key)
    assert message is not None
    return message.title


def test_a_series_that_ends_sends_each_message_once_in_order(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    reply = schedule(bot, slack, **WEEKLY, series=THREE, cycle="end")
    assert reply.json["response_action"] == "update", reply.body

    tick_daily(bot, clock, FIRST_TUESDAY, days=42)

    assert titles_sent(slack, ALICE) == [title(key) for key in THREE]
    assert "Next: none — all 3 messages of the series are sent" in str(list_message(bot).blocks)


def test_a_cycling_series_starts_again_after_its_last_message(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack, **WEEKLY, series=THREE, cycle="cycle")

    tick_daily(bot, clock, FIRST_TUESDAY, days=35)

    assert titles_sent(slack, ALICE) == [title(key) for key in [*THREE, *THREE[:2]]]


def test_the_list_shows_which_message_goes_next(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    schedule(bot, slack, **WEEKLY, series=THREE, cycle="end")

    tick_daily(bot, clock, FIRST_TUESDAY, days=1)

    assert f"message 2 of 3: _{title('small-fixes')}_" in str(list_message(bot).blocks)


def test_a_track_from_the_library_sends_its_messages_in_order(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    track = PACK.track("promise-foundations-four-weeks")
    assert track is not None
    schedule(bot, slack, **WEEKLY, track=track.key, cycle="end")

    tick_daily(bot, clock, FIRST_TUESDAY, days=49)

    assert titles_sent(slack, ALICE) == [title(key) for key in track.messages]


def test_written_messages_split_by_a_rule_line_go_out_one_per_occurrence(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack, **{**WEEKLY, "text": "First words\n---\nSecond words"}, cycle="end")

    tick_daily(bot, clock, FIRST_TUESDAY, days=21)

    sent = [str(dm.blocks) for dm in key_dms(slack, ALICE)]
    assert len(sent) == 2
    assert "First words" in sent[0] and "Second words" not in sent[0] and "Second words" in sent[1]


def test_an_edited_series_applies_to_the_occurrences_not_yet_sent(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule(bot, slack, **WEEKLY, series=THREE, cycle="end")
    tick_daily(bot, clock, FIRST_TUESDAY, days=1)

    bot.click(LEADER, action_id="keymsg_edit", value="1", message=list_message(bot))
    editor = slack.opened_views(LEADER)[-1]
    edited = ["moments-of-truth", "year-ahead", "safe-to-get-it-wrong"]
    fields = {"channels": ["C0TEAMA"], "mode": "dm", "time": "09:00", "zone": "Europe/London", "cycle": "end"}
    reply = bot.submit(LEADER, editor, {**WEEKLY, **fields, "text": "", "series": edited})
    assert reply.json["response_action"] == "update", reply.body
    tick_daily(bot, clock, datetime(2026, 11, 25, 9, tzinfo=UTC), days=28)

    assert titles_sent(slack, ALICE) == [title(key) for key in edited]


def test_a_track_no_longer_in_the_library_is_refused_under_its_field(bot: BotUnderTest, slack: SlackEmulator) -> None:
    view = open_composer(bot, slack)
    # a composer opened while the pack still had this track, submitted after it was retired
    [picker] = [b["element"] for b in view["blocks"] if b["block_id"] == "track"]
    picker["options"].append({"text": {"type": "plain_text", "text": "Retired"}, "value": "retired-track"})
    chosen = {**DEFAULTS, **WEEKLY, "track": "retired-track"}

    reply = bot.submit(LEADER, view, {k: v for k, v in chosen.items() if v is not None})

    assert errors_of(reply) == {"track": "That track is no longer in the library: pick another, or pick messages."}
    assert "No schedules yet" in str(list_message(bot).blocks)
