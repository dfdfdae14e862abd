"""`/pulse results` as Block Kit: a follow-up is labelled with the action it follows up (escaped, shortened when
long), numbered after the campaign's questions, and shows only what its report passed."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.pulses.views import GroupMean, QuestionResult, RoundReport, Visibility
from content.blocks.pulse_results import MAX_FOLLOWED_UP, results_blocks
from tests.support.blockkit import assert_valid_blocks

OPENS = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
ITEM = QuestionResult("empower-fix", "I can fix things", 5, 4.0, ((3, 1), (4, 3), (5, 1)), None, ())


def followup(**changes: object) -> QuestionResult:
    fields: dict[str, object] = {
        "question_id": "followup-7",
        "text": "Since 23 November we refund: has it made a difference?",
        "respondents": 5,
        "mean": 3.8,
        "distribution": ((3, 2), (4, 2), (5, 1)),
        "change": None,
        "groups": (GroupMean("C0TEAMA", 3.8, 5),),
        "followup_of": "Refund <!channel> & more",
    }
    return QuestionResult(**{**fields, **changes})  # type: ignore[arg-type]


def report(*questions: QuestionResult, visibility: Visibility = Visibility.SHOWN) -> RoundReport:
    return RoundReport(2, 1, OPENS, OPENS.replace(day=10), visibility, 6, 5, 0, questions, ())


def sections(blocks: list[dict[str, object]]) -> list[str]:
    return [str(b["text"]["text"]) for b in blocks if b["type"] == "section"]  # type: ignore[index]


def test_a_follow_up_is_numbered_after_the_items_and_labelled_with_its_escaped_action() -> None:
    blocks = results_blocks(report(ITEM, followup()), min_size=5)

    assert_valid_blocks(blocks)
    found = sections(blocks)
    assert found[1].startswith("*1. I can fix things*")
    assert found[2] == (
        "*2. Follow-up of the action “Refund &lt;!channel&gt; &amp; more”: has it made a difference?*\n"
        "Mean *3.8* from 5 answers\nDistribution: 3: 2  4: 2  5: 1\nBy group: <#C0TEAMA> 3.8 (5)"
    )


def test_a_long_action_is_shortened_in_the_label() -> None:
    long = "Call every customer back " * 10
    [title] = [s for s in sections(results_blocks(report(followup(followup_of=long)), min_size=5)) if "Follow" in s]

    label = title.split("“")[1].split("”")[0]
    assert len(label) == MAX_FOLLOWED_UP and label.endswith("…") and long.startswith(label[:-1])


def test_a_hidden_follow_up_says_why_and_shows_no_figure() -> None:
    hidden = followup(respondents=3, mean=None, distribution=(), groups=())

    [title] = [s for s in sections(results_blocks(report(ITEM, hidden), min_size=5)) if "Follow" in s]

    assert title == (
        "*2. Follow-up of the action “Refund &lt;!channel&gt; &amp; more”: has it made a difference?*\n"
        "_Fewer than 5 people answered this question, so it is not shown._"
    )


def test_a_unanimous_follow_up_keeps_its_mean_without_a_distribution() -> None:
    [title] = [s for s in sections(results_blocks(report(followup(distribution=())), min_size=5)) if "Follow" in s]

    assert "Mean *3.8* from 5 answers" in title and "Distribution" not in title
    assert "Everyone gave the same answer" in title


def test_a_follow_up_whose_action_is_unknown_still_reads_as_one() -> None:
    [title] = [s for s in sections(results_blocks(report(followup(followup_of="")), min_size=5)) if "Follow" in s]

    assert title.startswith("*1. Follow-up of an action: has it made a difference?*")


def test_a_round_that_is_open_or_too_small_lists_no_follow_up() -> None:
    for visibility in (Visibility.OPEN, Visibility.TOO_FEW):
        text = str(results_blocks(report(followup(), visibility=visibility), min_size=5))

        assert "Follow-up" not in text and "Mean" not in text
