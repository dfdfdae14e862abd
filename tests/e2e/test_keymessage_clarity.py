"""The clarity check on a key message, end to end: recipients tap it, may change it while the occurrence is
current, and reach shows "understood" only once the check has closed and enough people answered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.clarity_support import FIRST, SECOND, answer_rows, private_replies, schedule_with_check, tap
from tests.e2e.conftest import ALICE, BOB, CAROL, CHAMPION, DAN, ERIN, LEADER, TEAM_A
from tests.e2e.keymessage_support import DEFAULTS, errors_of, list_message, open_composer, schedule
from tests.e2e.test_home import open_home, text_of
from tests.e2e.test_keymessages import key_dms
from tests.e2e.test_pulse_attacks import digest_text
from tests.support.bot import BotUnderTest

TEAM = [ALICE, BOB, CAROL, DAN, ERIN, CHAMPION]


def listed(bot: BotUnderTest) -> str:
    return str(list_message(bot).blocks)


def test_the_composer_offers_the_check_ticked_and_the_dm_carries_it(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    composer = open_composer(bot, slack)
    [check] = [b for b in composer["blocks"] if b.get("block_id") == "clarity"]
    assert check["element"]["initial_options"][0]["value"] == "yes"

    schedule_with_check(bot, slack)
    clock.set(FIRST)
    bot.tick()

    [dm] = key_dms(slack, ALICE)
    shown = str(dm.blocks)
    assert "How clear is this for your work?" in shown and "5 — Very clear" in shown
    assert "shown only for groups of 5 or more" in shown


def test_recipients_answer_and_understood_shows_once_the_check_closes(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule_with_check(bot, slack)
    clock.set(FIRST)
    bot.tick()
    for person, score in zip(TEAM, (4, 4, 3, 5, 4, 2), strict=True):
        assert tap(bot, slack, person, score).status == 200

    assert "Thank you — you answered *4*" in str(key_dms(slack, ALICE)[-1].blocks)
    assert "You can change it until Tue 01 Dec 2026, 09:00 Europe/London" in str(key_dms(slack, ALICE)[-1].blocks)
    assert "6 answered so far (results once the check closes)" in listed(bot)
    assert "/ 5 from" not in listed(bot)

    clock.set(SECOND)
    bot.tick()

    expected = "Understood: *3.7* / 5 from 6 answers (2: 1 · 3: 1 · 4: 3 · 5: 1) — <#C0TEAMA> 3.7 (6)"
    assert expected in listed(bot)
    assert "Understood: *3.7* / 5 from 6 answers" in text_of(open_home(bot, slack, LEADER))
    clock.advance(timedelta(days=1))
    assert "Understood — *schedule 1* (sent 24 Nov): *3.7* / 5 from 6 answers" in digest_text(bot, slack, clock)


def test_below_the_minimum_no_mean_or_distribution_is_shown(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule_with_check(bot, slack)
    clock.set(FIRST)
    bot.tick()
    for person, score in zip(TEAM[:4], (1, 5, 5, 5), strict=True):
        tap(bot, slack, person, score)
    clock.set(SECOND)
    bot.tick()
    clock.advance(timedelta(days=1))

    for surface in (listed(bot), text_of(open_home(bot, slack, LEADER)), digest_text(bot, slack, clock)):
        assert "fewer than 5 answered, so no result is shown" in surface
        assert "/ 5 from" not in surface and "5: 3" not in surface


def test_an_answer_changes_while_the_occurrence_is_current_and_not_after(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule_with_check(bot, slack)
    clock.set(FIRST)
    bot.tick()
    first_dm = key_dms(slack, ALICE)[-1]
    tap(bot, slack, ALICE, 2, message=first_dm)
    tap(bot, slack, ALICE, 5)

    assert [row.score for row in answer_rows(bot)] == [5]

    clock.set(SECOND)
    bot.tick()
    tap(bot, slack, ALICE, 1, message=first_dm)

    assert [row.score for row in answer_rows(bot)] == [5]
    assert "This check has closed" in private_replies(slack)
    tap(bot, slack, ALICE, 3)  # the new occurrence's own check
    assert sorted(row.score for row in answer_rows(bot)) == [3, 5]


def test_a_forged_click_from_someone_the_message_was_not_sent_to_is_refused(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule_with_check(bot, slack)
    clock.set(FIRST)
    bot.tick()

    reply = tap(bot, slack, ALICE, 1, by=LEADER)  # Alice's DM, clicked as the leader (not in team-a)

    assert reply.status == 200
    assert "This check is for the people the message was sent to" in private_replies(slack)
    assert answer_rows(bot) == []
    assert "Thank you" not in str(key_dms(slack, ALICE)[-1].blocks)


def test_a_tampered_button_value_is_refused_and_records_nothing(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule_with_check(bot, slack)
    clock.set(FIRST)
    bot.tick()
    dm = key_dms(slack, ALICE)[-1]
    for block in dm.blocks:
        for element in block.get("elements", []):
            if element.get("action_id") == "keymsg_clarity:3":
                element["value"] = "1:20261124T0900:9"
            if element.get("action_id") == "keymsg_clarity:4":
                element["value"] = "99:20261124T0900:4"

    tap(bot, slack, ALICE, 3, message=dm)
    tap(bot, slack, ALICE, 4, message=dm)

    assert "That button is out of date; nothing was recorded." in private_replies(slack)
    assert "That key message no longer exists." in private_replies(slack)
    assert answer_rows(bot) == []


def test_without_a_pulse_secret_the_check_is_refused_with_what_to_do(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, make_bot: Callable[..., BotUnderTest]
) -> None:
    schedule_with_check(bot, slack)
    clock.set(FIRST)
    bot.tick()
    secretless = make_bot(CADENCE_PULSE_SECRET="")

    tap(secretless, slack, ALICE, 4, message=key_dms(slack, ALICE)[-1])
    composer = open_composer(secretless, slack)
    errors = errors_of(schedule(secretless, slack, clarity=["yes"]))

    assert "The clarity check is switched off: CADENCE_PULSE_SECRET is not set" in private_replies(slack)
    assert answer_rows(bot) == []
    assert "initial_options" not in next(b for b in composer["blocks"] if b.get("block_id") == "clarity")["element"]
    assert "CADENCE_PULSE_SECRET, which is not set: untick it" in errors["clarity"]


def test_in_a_channel_post_members_answer_privately_and_others_are_refused(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule_with_check(bot, slack, mode="channel")
    clock.set(FIRST)
    bot.tick()
    [post] = [m for m in slack.messages(TEAM_A) if "How clear" in str(m.blocks)]

    for person, score in zip(TEAM, (4, 4, 3, 5, 4, 2), strict=True):
        tap(bot, slack, person, score, message=post)
    tap(bot, slack, ALICE, 1, message=post, by=LEADER)  # not a member of #team-a
    clock.set(SECOND)
    bot.tick()

    assert "Thank you — you answered *4*" in private_replies(slack)  # told to Alice alone
    assert "This check is for the people the message was sent to" in private_replies(slack)
    assert "Thank you" not in str(slack.messages(TEAM_A)[0].blocks)
    assert len(answer_rows(bot)) == 6
    assert "Understood: *3.7* / 5 from 6 answers (2: 1 · 3: 1 · 4: 3 · 5: 1) — <#C0TEAMA> 3.7 (6)" in listed(bot)


def test_an_edit_keeps_the_check_ticked_and_turning_it_off_refuses_later_taps(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule_with_check(bot, slack)
    clock.set(FIRST)
    bot.tick()

    bot.click(LEADER, action_id="keymsg_edit", value="1", message=list_message(bot))
    editor = slack.opened_views(LEADER)[-1]
    [check] = [b for b in editor["blocks"] if b.get("block_id") == "clarity"]
    assert check["element"]["initial_options"][0]["value"] == "yes"
    values = {**DEFAULTS, "kind": "weekly", "weekdays": ["1"], "date": "2026-11-24"}
    assert bot.submit(LEADER, editor, values).json["response_action"] == "update"
    tap(bot, slack, ALICE, 4)

    assert "turned this message's clarity check off; nothing was recorded" in private_replies(slack)
    assert answer_rows(bot) == [] and "Understood" not in listed(bot)
