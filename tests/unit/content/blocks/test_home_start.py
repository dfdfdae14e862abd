"""What Home says first: what Cadence is and what stays private, the admin's getting-started checklist with a button
beside each open step, and the modals Home's buttons open."""

from __future__ import annotations

import json

from bot.home.views import ChecklistItem, Step
from content.blocks.home_start import FIX, answer_view, checklist_blocks, guide_view, intro_blocks
from tests.support.blockkit import assert_valid_blocks, assert_valid_view


def item(step: Step, done: bool = False, detail: str = "Not yet.") -> ChecklistItem:
    return ChecklistItem(step, done, detail)


def fix_values(blocks: list[dict]) -> list[str]:
    return [b["accessory"]["value"] for b in blocks if (b.get("accessory") or {}).get("action_id") == FIX]


def test_the_intro_says_what_cadence_is_and_that_pulse_answers_are_anonymous_above_the_minimum() -> None:
    text = json.dumps(intro_blocks(7))

    assert "customer promise" in text and "anonymous" in text and "at least 7 people" in text


def test_each_open_step_has_a_button_naming_it_and_done_steps_have_none() -> None:
    steps = (item(Step.ROLES, done=True, detail="1 admin"), item(Step.RECOGNITION), item(Step.PULSE))

    blocks = checklist_blocks(steps)

    assert_valid_blocks(blocks)
    assert "1 of 3 done" in json.dumps(blocks)
    assert fix_values(blocks) == ["recognition", "pulse"]
    assert blocks[2]["text"]["text"] == ":white_check_mark: *Give people their roles*\n1 admin"


def test_a_finished_checklist_is_one_line_and_none_is_nothing() -> None:
    done = checklist_blocks(tuple(item(step, done=True) for step in Step))

    assert len(done) == 1 and "Cadence is set up" in json.dumps(done)
    assert checklist_blocks(()) == []


def test_steps_without_a_form_have_a_guide_and_the_others_none() -> None:
    for step in (Step.RECOGNITION, Step.PULSE_SECRET):
        view = guide_view(step)
        assert view is not None
        assert_valid_view(view)
    assert guide_view(Step.DIGESTS) is None and guide_view(Step.KEY_MESSAGE) is None


def test_an_answer_modal_keeps_slacks_title_and_block_limits() -> None:
    view = answer_view("A title much longer than Slack allows", [{"type": "divider"}] * 120)

    assert_valid_view(view)
    assert len(view["title"]["text"]) <= 24 and len(view["blocks"]) == 100
