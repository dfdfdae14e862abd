"""The digest reads as guidance, through the real app: each section answers one champion question, a planted
driver is shown and a pure-noise item is not, a change inside the noise is "about the same" with no arrow, and no
item is named twice. The answers come from a planted model (fixed seed); the figures are checked against numpy."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
import pytest

from bot.platform.timesource import ManualTime
from content.blocks.digests import QUESTIONS
from emulator import SlackEmulator
from tests.e2e.conftest import CHAMPION, CHAMPIONS
from tests.support.bot import BotUnderTest
from tests.support.programme_data import PACK_QUESTIONS, ProgrammeData

DRIVER, NOISE, AGAINST, OUTCOME = (
    "align-role-meaning",
    "empower-fix-without-approval",
    "empower-processes-help",
    "outcome-recommend",
)
PEOPLE, INVITED = 60, 70


def planted(seed: int, *, driver_lowest: bool) -> list[dict[str, int]]:
    """The outcome (0–10) follows DRIVER and falls with AGAINST; NOISE is drawn on its own. Unless the driver is
    the lowest item, one person in six skips it, so its own number of people differs from the outcome's."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(PEOPLE):
        driver = int(rng.integers(1, 5)) if driver_lowest else int(rng.integers(2, 6))
        noise = int(rng.integers(2, 6)) if driver_lowest else int(rng.integers(1, 5))
        against = int(rng.integers(2, 6))
        outcome = int(np.clip(round(2 * driver + (4 - against) + rng.normal(0, 1.5)), 0, 10))
        row = {DRIVER: driver, NOISE: noise, OUTCOME: outcome}
        if driver_lowest:
            row[AGAINST] = against
        elif i % 6 == 5:
            del row[DRIVER]
        rows.append(row)
    return rows


def lowered(rows: list[dict[str, int]], how_many: int) -> list[dict[str, int]]:
    """The same answers with the driver one point lower for `how_many` people: a small change, inside the noise."""
    changed = [dict(r) for r in rows]
    for row in [r for r in changed if r.get(DRIVER, 0) > 2][:how_many]:
        row[DRIVER] -= 1
    return changed


def r_of(rows: list[dict[str, int]], item: str) -> float:
    both = [(r[item], r[OUTCOME]) for r in rows if item in r]
    return float(np.corrcoef(np.array(both).T)[0, 1])


def post_digest(bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, rows: list[dict[str, int]]) -> Any:
    data = ProgrammeData(bot.runtime.engine)
    data.pulse_round(closes_at=clock.now() - timedelta(days=9), answers=lowered(rows, 10), invited=INVITED)
    data.pulse_round(closes_at=clock.now() - timedelta(days=2), answers=rows, invited=INVITED)
    bot.command(CHAMPION, "/cadence", "digest now", channel=CHAMPIONS)
    [digest] = [m for m in slack.messages(CHAMPIONS) if m.blocks and "Weekly digest" in str(m.blocks[0])]
    return digest.blocks


def sections(blocks: list[dict[str, Any]]) -> dict[str, str]:
    """Each section's text by its heading (the question it answers); what comes before the first under ""."""
    found: dict[str, str] = {}
    heading = ""
    for block in blocks:
        parts = [block.get("text", {}), *block.get("elements", [])]
        text = "\n".join(str(part.get("text", "")) for part in parts if isinstance(part, dict))
        first = text.split("\n")[0].strip("*")
        heading = first if first in QUESTIONS else heading
        found[heading] = found.get(heading, "") + "\n" + text
    return found


def test_every_section_answers_one_champion_question_in_order(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    blocks = post_digest(bot, slack, clock, planted(0, driver_lowest=False))

    found = sections(blocks)
    assert [q for q in found if q in QUESTIONS] == list(QUESTIONS)
    assert "No shout-outs this week." in found["Who made a difference?"]
    assert "No key message went out this week." in found["Is the message travelling?"]
    # a warning marks a problem (here: no key message yet), never an empty section
    assert all(":warning:" not in text for question, text in found.items() if question != "What needs attention?")
    assert ":warning: Leaders have not sent a key message yet." in found["What needs attention?"]
    assert "`" not in "".join(found.values())  # no text sparkline: the chart carries the trend


def test_the_planted_driver_is_shown_with_its_own_people_and_the_noise_item_is_not(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    rows = planted(0, driver_lowest=False)

    helps = sections(post_digest(bot, slack, clock, rows))["What helps most?"]

    driver, noise = PACK_QUESTIONS[DRIVER].text, PACK_QUESTIONS[NOISE].text
    assert f"• “{driver}” moves with the outcome (r = {r_of(rows, DRIVER):.2f}, 95% interval" in helps
    assert f"· {PEOPLE * 5 // 6} people)" in helps
    assert noise not in helps and abs(r_of(rows, NOISE)) < 0.15
    assert "These are associations, not causes." in helps


def test_a_change_inside_the_noise_is_about_the_same_with_no_arrow(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    rows = planted(0, driver_lowest=False)
    now = [r[DRIVER] for r in rows if DRIVER in r]
    before = [r[DRIVER] for r in lowered(rows, 10) if DRIVER in r]

    how = sections(post_digest(bot, slack, clock, rows))["How are we doing?"]

    alignment = next(line for line in how.split("\n") if line.startswith("*Alignment*"))
    assert np.mean(now) - np.mean(before) == pytest.approx(10 / len(now))  # 5 points on the 0–100 scale
    assert alignment == f"*Alignment*: {25 * (np.mean(now) - 1):.0f} / 100, about the same as last week · 50 people"
    assert f"Participation: *{PEOPLE / INVITED:.0%}* ({PEOPLE} of {INVITED} answered), about the same" in how
    assert "↑" not in how and "↓" not in how and "+0" not in how and "-0" not in how


def test_the_recommend_item_is_shown_as_enps_with_its_people(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    rows = planted(0, driver_lowest=False)
    scores = [r[OUTCOME] for r in rows]
    enps = 100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores)

    how = sections(post_digest(bot, slack, clock, rows))["How are we doing?"]

    outcome = next(line for line in how.split("\n") if line.startswith("*Outcome*"))
    assert outcome.startswith(f"*Outcome*: eNPS {round(enps):+d}, ") and outcome.endswith(f"· {PEOPLE} people")
    assert "/ 100" not in outcome


def test_no_item_is_named_twice_and_the_focus_item_carries_both_its_roles(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    rows = planted(2, driver_lowest=True)

    found = sections(post_digest(bot, slack, clock, rows))

    text = "\n".join(found.values())
    assert all(text.count(q.text) <= 1 for q in PACK_QUESTIONS.values())
    driver, against = PACK_QUESTIONS[DRIVER].text, PACK_QUESTIONS[AGAINST].text
    attention = found["What needs attention?"]
    assert f"*Focus:* “{driver}”, the lowest item this week:" in attention
    assert f"It also moves with the outcome (r = {r_of(rows, DRIVER):.2f}" in attention
    helps = found["What helps most?"]
    assert "• The focus item, under _What needs attention?_" in helps
    assert f"• “{against}” moves against the outcome (r = {r_of(rows, AGAINST):.2f}" in helps
    assert PACK_QUESTIONS[NOISE].text not in text
    assert "Chosen to help with the focus item." in found["What do we do next?"]
