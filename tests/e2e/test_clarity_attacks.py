"""Attacks on the clarity check's anonymity, played from outside with what Slack surfaces, the export, the database
and the logs show, and failing: subtracting a channel's figure from the occurrence's to isolate one answer, reading
answers off a unanimous spread, and tying a stored, exported, logged or forgotten answer to a person."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.admin.export import export_csv
from bot.keymessages.clarity import token_of
from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e.clarity_support import FIRST, SECOND, answer_rows, schedule_with_check, tap
from tests.e2e.conftest import ADMIN, ALICE, BOB, CAROL, CHAMPION, CHAMPIONS, DAN, ERIN, LEADER, TEAM_A
from tests.e2e.test_data_rights import forget, rows_naming
from tests.e2e.test_home import open_home, text_of
from tests.e2e.test_keymessage_clarity import listed
from tests.e2e.test_pulse_attacks import digest_text
from tests.support.bot import BotUnderTest
from tests.unit.admin.test_cli import read_csv

TEAM = [ALICE, BOB, CAROL, DAN, ERIN, CHAMPION]
SCORES = dict(zip(TEAM, (4, 4, 3, 5, 4, 2), strict=True))


def answered_and_closed(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, scores: dict[str, int]) -> None:
    clock.set(FIRST)
    bot.tick()
    for person, score in scores.items():
        tap(bot, slack, person, score)
    clock.set(SECOND)
    bot.tick()


def exported(bot: BotUnderTest, out: Path) -> list[dict[str, str]]:
    export_csv(bot.runtime, out)
    return read_csv(out / "key_message_reach.csv")


def test_subtracting_a_channel_from_the_occurrence_isolates_no_one(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, tmp_path: Path
) -> None:
    # Team-a's six are reached through #team-a; the admin and the leader through #champions.
    schedule_with_check(bot, slack, channels=[TEAM_A, CHAMPIONS])
    answered_and_closed(bot, slack, clock, {**SCORES, ADMIN: 1})

    surfaces = [listed(bot), text_of(open_home(bot, slack, LEADER)), digest_text(bot, slack, clock)]

    for surface in surfaces:
        assert "*3.3* / 5 from 7 answers" in surface
        # #team-a's 6 would leave the admin's one answer by subtraction, so no group is shown at all
        assert "<#C0TEAMA> " not in surface and "<#C0CHAMPS> " not in surface
    first, second = exported(bot, tmp_path)
    assert (first["clarity_answers"], first["clarity_mean"]) == ("7", "3.29")
    assert (second["clarity_answers"], second["clarity_mean"]) == ("0", "")


def test_a_unanimous_occurrence_shows_its_mean_but_not_its_spread(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    schedule_with_check(bot, slack)
    answered_and_closed(bot, slack, clock, dict.fromkeys(TEAM[:5], 4))

    shown = listed(bot)

    assert "Understood: *4.0* / 5 from 5 answers" in shown and "4: 5" not in shown


def test_an_open_check_shows_only_a_count_so_two_looks_never_differ_by_one_answer(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, tmp_path: Path
) -> None:
    schedule_with_check(bot, slack)
    clock.set(FIRST)
    bot.tick()
    for person, score in SCORES.items():
        tap(bot, slack, person, score)
    before = listed(bot)
    tap(bot, slack, ALICE, 1)

    assert listed(bot) == before and "/ 5 from" not in before
    [row] = exported(bot, tmp_path)
    assert (row["clarity_answers"], row["clarity_mean"]) == ("6", "")


def test_no_stored_logged_or_forgotten_answer_can_be_tied_to_a_person(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    schedule_with_check(bot, slack)
    clock.set(FIRST)
    bot.tick()
    caplog.set_level(logging.DEBUG)
    for person, score in SCORES.items():
        tap(bot, slack, person, score)
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records if "clarity" in r.getMessage())
    clock.set(SECOND)
    bot.tick()
    tap(bot, slack, ALICE, 1)  # the second occurrence
    before = listed(bot)

    rows = answer_rows(bot)
    secret = bot.runtime.settings.pulse_secret
    first, second = token_of(secret, 1, "20261124T0900", ALICE), token_of(secret, 1, "20261201T0900", ALICE)
    assert logged and not any(person in logged for person in TEAM)
    assert not [where for where in rows_naming(bot, ALICE) if where.startswith("key_clarity_answer")]
    assert {first, second} <= {row.token for row in rows} and first != second  # occurrences cannot be linked
    assert {column for column in rows[0].model_dump()} == {"id", "schedule_id", "occurs_at", "token", "group", "score"}
    assert "Understood" not in text_of(open_home(bot, slack, ALICE))
    assert not any(ALICE in value for row in exported(bot, tmp_path) for value in row.values())

    forget(bot, ALICE)

    assert [(r.token, r.score) for r in answer_rows(bot)] == [(r.token, r.score) for r in rows]
    assert listed(bot) == before and rows_naming(bot, ALICE) == []
