"""`/pulse results` end to end: nothing while open, nothing below the minimum, the whole once closed and enough."""

from __future__ import annotations

from datetime import timedelta

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.conftest import ALICE, BOB, CAROL, CHAMPION, DAN, ERIN, LEADER
from tests.e2e.pulse_steps import answer, latest_dm, submit_new_pulse
from tests.support.bot import BotUnderTest

TEAM = [ALICE, BOB, CAROL, DAN, ERIN, CHAMPION]


def run_round(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, scores: dict[str, int]) -> None:
    submit_new_pulse(bot, slack)
    clock.advance(timedelta(hours=1))
    bot.tick()
    for person, score in scores.items():
        answer(bot, slack, person, 1, score)


def close(bot: BotUnderTest, clock: ManualTime) -> None:
    clock.advance(timedelta(hours=72))
    bot.tick()


def test_an_open_round_shows_participation_but_no_scores_even_above_the_minimum(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    run_round(bot, slack, clock, {ALICE: 5, BOB: 4, CAROL: 4, DAN: 2, ERIN: 1})

    before = bot.command(LEADER, "/pulse", "results latest").text
    answer(bot, slack, CHAMPION, 1, 5)
    after = bot.command(LEADER, "/pulse", "results").text

    assert "5 of 6 people answered" in before and "6 of 6 people answered" in after
    for text in (before, after):
        assert "still open" in text
        assert "Mean" not in text and "Distribution" not in text


def test_a_closed_round_with_too_few_respondents_shows_no_scores(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    run_round(bot, slack, clock, {ALICE: 5, BOB: 1, CAROL: 3})
    close(bot, clock)

    text = bot.command(CHAMPION, "/pulse", "results 1").text

    assert "3 of 6 people answered" in text
    assert "Fewer than 5 people answered" in text
    assert "Mean" not in text


def test_a_closed_round_with_enough_respondents_shows_means_distribution_groups_and_comments(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    run_round(bot, slack, clock, {ALICE: 5, BOB: 4, CAROL: 4, DAN: 2, ERIN: 1})
    bot.click(ALICE, action_id="pulse_comment", message=latest_dm(slack, ALICE))
    bot.submit(ALICE, slack.opened_views(ALICE)[-1], {"comment": "Give us <b>time</b> & tools"})
    close(bot, clock)

    text = bot.command(LEADER, "/pulse", "results").text

    assert "5 of 6 people answered (83%)" in text
    assert "Mean *3.2* from 5 answers" in text
    assert "Distribution: 1: 1  2: 1  4: 2  5: 1" in text
    assert "By group: <#C0TEAMA> 3.2 (5)" in text
    assert "Give us &lt;b&gt;time&lt;/b&gt; &amp; tools" in text
    assert "Alice" not in text and ALICE not in text
    assert "Fewer than 5 people answered this question" in text  # questions 2 and 3 had no answers


def test_the_next_round_shows_its_change_from_the_previous_one(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    submit_new_pulse(bot, slack, cadence="1")
    clock.advance(timedelta(hours=1))
    bot.tick()
    for person in TEAM[:5]:
        answer(bot, slack, person, 1, 3)
    clock.advance(timedelta(weeks=1))
    bot.tick()
    for person in TEAM[:5]:
        answer(bot, slack, person, 1, 4)
    close(bot, clock)

    text = bot.command(LEADER, "/pulse", "results").text

    assert "round #2" in text
    assert "Mean *4.0* from 5 answers  :arrow_up: +1.0 vs previous round" in text


def test_a_change_inside_the_noise_reads_as_about_the_same_with_no_arrow(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    submit_new_pulse(bot, slack, cadence="1")
    clock.advance(timedelta(hours=1))
    bot.tick()
    for person, score in zip(TEAM[:5], (1, 5, 2, 4, 3), strict=True):
        answer(bot, slack, person, 1, score)
    clock.advance(timedelta(weeks=1))
    bot.tick()
    for person, score in zip(TEAM[:5], (2, 5, 3, 4, 3), strict=True):  # +0.4, well inside its ±2 interval
        answer(bot, slack, person, 1, score)
    close(bot, clock)

    text = bot.command(LEADER, "/pulse", "results").text

    assert "Mean *3.4* from 5 answers, about the same as the previous round" in text
    assert ":arrow_up:" not in text and "+0.4" not in text


def test_results_are_refused_to_employees_and_for_unknown_rounds(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    assert "No pulse has run yet" in bot.command(LEADER, "/pulse", "results").text
    run_round(bot, slack, clock, {ALICE: 5})

    refused = bot.command(ALICE, "/pulse", "results")
    unknown = bot.command(LEADER, "/pulse", "results 99")

    assert "Only leaders, change champions and programme admins can see pulse results" in refused.text
    assert "There is no pulse round `99`" in unknown.text
