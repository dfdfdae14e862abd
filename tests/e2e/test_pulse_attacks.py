"""Attacks on pulse anonymity, played from outside with only what Slack surfaces and the export show, and failing:
solving a dimension score for a hidden question, reading comments in the order they were written, and reading each
person's answer off a unanimous distribution."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from bot.admin.export import export_csv
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.conftest import ALICE, BOB, CAROL, CHAMPION, CHAMPIONS, DAN, ERIN, LEADER
from tests.e2e.pulse_steps import QUESTIONS, answer, latest_dm, submit_new_pulse
from tests.e2e.test_digests import digests_in
from tests.support.bot import BotUnderTest
from tests.unit.admin.test_cli import read_csv

TEAM = [ALICE, BOB, CAROL, DAN, ERIN, CHAMPION]
ROLE_MEANING = QUESTIONS[0]
LOOKS = 12


def open_round(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> None:
    submit_new_pulse(bot, slack)  # three alignment questions
    clock.advance(timedelta(hours=1))
    bot.tick()


def close_round(bot: BotUnderTest, clock: ManualTime) -> None:
    clock.advance(timedelta(hours=72, minutes=1))
    bot.tick()


def digest_text(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime) -> str:
    """`/cadence digest now` in the champions' channel, as a champion would ask for it; the digest's text."""
    clock.advance(timedelta(minutes=1))
    before = len(digests_in(slack))
    bot.command(CHAMPION, "/cadence", "digest now", channel=CHAMPIONS)
    found = digests_in(slack)
    assert len(found) == before + 1
    return str(found[-1].blocks)


def exported(bot: BotUnderTest, out: Path) -> list[dict[str, str]]:
    export_csv(bot.runtime, out)
    return read_csv(out / "pulse_results.csv")


def test_a_dimension_score_cannot_be_solved_for_a_hidden_question(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, tmp_path: Path
) -> None:
    open_round(bot, slack, clock)
    for person, score in zip(TEAM, (2, 3, 3, 3, 3, 3), strict=True):
        answer(bot, slack, person, 1, score)
    answer(bot, slack, ALICE, 2, 2)  # the only answer to question 2
    close_round(bot, clock)

    results = bot.command(LEADER, "/pulse", "results").text
    digest = digest_text(bot, slack, clock)
    rows = exported(bot, tmp_path)

    assert "Mean *2.8* from 6 answers" in results
    assert results.count("Fewer than 5 people answered this question") == 2  # questions 2 (one answer) and 3
    assert "*Alignment*:" not in digest and "43 / 100" not in digest
    assert [(r["question"], r["group"], r["mean"]) for r in rows] == [
        (ROLE_MEANING, "all", "2.83"),
        (ROLE_MEANING, "C0TEAMA", "2.83"),
    ]


def test_comments_come_in_a_fresh_random_order_on_every_look(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, tmp_path: Path
) -> None:
    slack.set_tiers(False)  # a dozen digests in a row in one channel would meet Slack's per-channel limit
    open_round(bot, slack, clock)
    for number, person in enumerate(TEAM, start=1):
        answer(bot, slack, person, 1, 4)
        bot.click(person, action_id="pulse_comment", message=latest_dm(slack, person))
        bot.submit(person, slack.opened_views(person)[-1], {"comment": f"comment {number}"})
        clock.advance(timedelta(minutes=5))
    close_round(bot, clock)

    in_digest = [tuple(re.findall(r"comment (\d)", digest_text(bot, slack, clock))) for _ in range(LOOKS)]
    in_results = [
        tuple(re.findall(r"comment (\d)", bot.command(LEADER, "/pulse", "results").text)) for _ in range(LOOKS)
    ]

    newest_first = ("6", "5", "4")
    assert all(len(look) == 3 for look in in_digest)
    assert len(set(in_digest)) > 1 and in_digest.count(newest_first) < LOOKS // 2
    assert all(sorted(look) == ["1", "2", "3", "4", "5", "6"] for look in in_results)
    assert len(set(in_results)) > 1
    assert not any("comment" in value for row in exported(bot, tmp_path) for value in row.values())


def test_a_unanimous_group_shows_its_mean_but_not_its_distribution(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, tmp_path: Path
) -> None:
    open_round(bot, slack, clock)
    for person in TEAM[:5]:
        answer(bot, slack, person, 1, 4)
    close_round(bot, clock)

    results = bot.command(LEADER, "/pulse", "results").text
    digest = digest_text(bot, slack, clock)
    rows = exported(bot, tmp_path)

    assert "5 of 6 people answered" in results
    assert "Mean *4.0* from 5 answers" in results
    assert "Distribution" not in results and "4: 5" not in results
    assert "Everyone gave the same answer, so the distribution is not shown" in results
    assert "*Alignment*: 75 / 100" in digest and "4: 5" not in digest
    assert [(r["group"], r["respondents"], r["mean"], r["distribution"]) for r in rows] == [
        ("all", "5", "4.00", ""),
        ("C0TEAMA", "5", "4.00", ""),
    ]
