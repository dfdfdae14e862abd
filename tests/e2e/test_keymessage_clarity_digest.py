"""A message whose clarity check closes after its own week: sent once, its check stays open until seven days have
passed, so the weekly digest of its week says the check is still open and the next week's digest reports what it
closed at, through the disclosure gate, once. `/promise list` and App Home show it once closed too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.clarity_support import FIRST, tap
from tests.e2e.conftest import LEADER
from tests.e2e.keymessage_support import schedule
from tests.e2e.test_digests import digests_in
from tests.e2e.test_home import open_home, text_of
from tests.e2e.test_keymessage_clarity import TEAM, listed
from tests.support.bot import BotUnderTest

SLOTS = ("30 Nov", "7 Dec", "14 Dec")
"""The Mondays at 09:00 the weekly digest is posted on: the week the message was sent in, and the two after."""


def sent_once_and_answered(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, scores: tuple[int, ...], **values: Any
) -> None:
    """Tuesday 24 Nov 09:00, once (unless `values` say otherwise), with the check; team-a's first people answer
    `scores`."""
    reply = schedule(bot, slack, **{"kind": "once", "clarity": ["yes"], **values})
    assert reply.json.get("response_action") == "update", reply.body
    clock.set(FIRST)
    bot.tick()
    for person, score in zip(TEAM, scores, strict=False):
        assert tap(bot, slack, person, score).status == 200


def weekly_digests(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> dict[str, str]:
    """Three weeks of ticks every six hours; each weekly digest's mrkdwn, by its slot."""
    end = datetime(2026, 12, 14, 12, tzinfo=UTC)
    while clock.now() < end:
        clock.advance(timedelta(hours=6))
        bot.tick()
    posted = digests_in(slack)
    assert [str(d.blocks[0]).count(slot) for d, slot in zip(posted, SLOTS, strict=True)] == [1, 1, 1]
    return {slot: "\n".join(_texts(d.blocks)) for slot, d in zip(SLOTS, posted, strict=True)}


def _texts(blocks: list[dict[str, Any]]) -> list[str]:
    return [str(b["text"]["text"]) for b in blocks if isinstance(b.get("text"), dict)]


def test_a_once_only_messages_understood_is_in_the_digest_of_the_week_its_check_closed_and_only_there(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    sent_once_and_answered(bot, slack, clock, (4, 4, 3, 5, 4, 2))

    digests = weekly_digests(bot, slack, clock)

    assert "• *schedule 1*: 6 delivered" in digests["30 Nov"]
    assert "Understood: 6 answered so far (results once the check closes)" in digests["30 Nov"]
    assert "/ 5 from" not in digests["30 Nov"]
    expected = "• Understood — *schedule 1* (sent 24 Nov): *3.7* / 5 from 6 answers (2: 1 · 3: 1 · 4: 3 · 5: 1)"
    assert expected in digests["7 Dec"]
    assert "delivered" not in digests["7 Dec"]  # no message went out that week
    assert "Understood" not in digests["14 Dec"] and "A quiet week" in digests["14 Dec"]
    assert "Understood: *3.7* / 5 from 6 answers" in listed(bot)
    assert "Understood: *3.7* / 5 from 6 answers" in text_of(open_home(bot, slack, LEADER))


def test_below_the_minimum_the_closed_checks_figures_are_not_shown(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    sent_once_and_answered(bot, slack, clock, (1, 5, 5))

    digests = weekly_digests(bot, slack, clock)

    expected = "• Understood — *schedule 1* (sent 24 Nov): fewer than 5 answered, so no result is shown"
    assert expected in digests["7 Dec"]
    assert all("/ 5 from" not in text and "5: 2" not in text for text in digests.values())
    assert "Understood" not in digests["14 Dec"]


def test_a_message_sent_every_other_week_reports_each_checks_figures_once_not_again_beside_the_next(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    sent_once_and_answered(bot, slack, clock, (4, 4, 3, 5, 4, 2), kind="every_n_weeks", weekdays=["1"], interval="2")

    digests = weekly_digests(bot, slack, clock)

    assert "*3.7* / 5" not in digests["30 Nov"]
    assert "• Understood — *schedule 1* (sent 24 Nov): *3.7* / 5 from 6 answers" in digests["7 Dec"]
    assert "Understood: 0 answered so far (results once the check closes) — Tue 08 Dec" in digests["14 Dec"]
    assert "*3.7* / 5" not in digests["14 Dec"]
