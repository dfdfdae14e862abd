"""Open pulses on the Home tab: listed for the person asked, answered from the DM the Home button sends."""

from __future__ import annotations

from datetime import timedelta

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from storage.models import PulseCampaign, PulseParticipation, PulseRound
from tests.e2e.conftest import ALICE, LEADER
from tests.e2e.pulse_steps import answer, answers, submit_new_pulse
from tests.e2e.test_home import open_home, text_of
from tests.support.bot import BotUnderTest


def start_round(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    submit_new_pulse(bot, slack)
    clock.advance(timedelta(hours=1))
    bot.tick()


def test_an_open_pulse_is_listed_and_its_button_brings_it_back_to_answer(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    start_round(bot, slack, clock)
    home = open_home(bot, slack, ALICE)
    assert "Pulse #1: 3 questions" in text_of(home) and "not answered yet" in text_of(home)

    bot.click(ALICE, action_id="home_pulse_open", value="1", view=home)

    invitation, resent = slack.dms_to(ALICE)
    assert [b.get("block_id") for b in resent.blocks] == [b.get("block_id") for b in invitation.blocks]
    answer(bot, slack, ALICE, 1, 4, resent)
    with bot.runtime.session() as session:
        assert [a.score for a in answers(session)] == [4]
    after = text_of(open_home(bot, slack, ALICE))
    assert "answered (you can change it" in after and "Change my answers" in after


def test_a_person_not_asked_sees_no_pulse_and_a_stale_button_is_refused(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    start_round(bot, slack, clock)
    assert "None right now" in text_of(open_home(bot, slack, LEADER))
    alices_home = open_home(bot, slack, ALICE)

    bot.click(LEADER, action_id="home_pulse_open", value="1", view=alices_home)

    assert slack.dms_to(LEADER) == []
    assert "wasn't sent to you" in text_of(slack.home_view(LEADER) or {})


def test_the_button_of_a_closed_pulse_says_it_has_closed(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    start_round(bot, slack, clock)
    home = open_home(bot, slack, ALICE)
    clock.advance(timedelta(hours=73))
    bot.tick()

    bot.click(ALICE, action_id="home_pulse_open", value="1", view=home)

    assert len(slack.dms_to(ALICE)) == 1
    after = text_of(slack.home_view(ALICE) or {})
    assert "has closed" in after and "None right now" in after


def test_see_all_lists_every_open_pulse(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    with bot.runtime.session() as session:
        campaign = PulseCampaign(
            creator=LEADER, local_time="09:00", timezone="UTC", starts_at=clock.now(), created_at=clock.now()
        )
        session.add(campaign)
        session.flush()
        for n in range(6):
            opens = clock.now() - timedelta(hours=n + 1)
            pulse_round = PulseRound(
                campaign_id=campaign.id or 0, opens_at=opens, closes_at=clock.now() + timedelta(days=2)
            )
            session.add(pulse_round)
            session.flush()
            session.add(
                PulseParticipation(round_id=pulse_round.id or 0, user_id=ALICE, group="C0TEAMA", invited_at=opens)
            )
    home = open_home(bot, slack, ALICE)
    assert text_of(home).count("Answer now") == 3

    bot.click(ALICE, action_id="home_more", value="pulses", view=home)

    assert text_of(slack.home_view(ALICE) or {}).count("Answer now") == 6
