"""The digest's Block Kit: each section answers one champion question, an item is named once with its roles,
changes are called only when clear, plain about a quiet week, escapes what people typed, within Slack's limits."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from bot.actions.views import ActionView, BeforeAfter, ItemFigure
from bot.digests.views import (
    ClosedCheck,
    Digest,
    DimensionResult,
    Driver,
    Enps,
    Highlight,
    ItemResult,
    MessageReach,
    Participation,
    Period,
    PulseSection,
    RecognitionSection,
    Suggestion,
)
from bot.keymessages.views import Understood
from content.blocks.digests import MAX_BLOCKS, QUESTIONS, digest_blocks, digest_text, key_figures, payload
from tests.support.blockkit import assert_valid_blocks

PERIOD = Period.week_ending(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
PROMISE = "I know our promise"
APPROVAL = "I wait for approval"
TOOLS = "I have the tools"


def text_of(digest: Digest) -> str:
    blocks = digest_blocks(digest)
    assert_valid_blocks(blocks)
    return json.dumps(blocks, ensure_ascii=False)


def answers(digest: Digest) -> dict[str, list[str]]:
    """Each section's lines after its heading, by the question it answers."""
    texts = [b["text"]["text"].split("\n") for b in digest_blocks(digest) if b["type"] == "section"]
    return {lines[0].strip("*"): lines[1:] for lines in texts if lines[0].strip("*") in QUESTIONS}


def busy(**changes: object) -> Digest:
    """A week with scores, a focus item that is also a driver, another driver, comments and a discussion."""
    drivers = (
        Driver("q-tools", TOOLS, 0.62, 41, (0.39, 0.78), 0.55),
        Driver("q-approval", APPROVAL, -0.41, 38, (-0.65, -0.10), 0.30),
    )
    pulses = PulseSection(
        dimensions=(DimensionResult("alignment", 72.0, 71.0, 12), DimensionResult("outcome", 60.0, None, 41)),
        lowest=ItemResult("q-approval", APPROVAL, 2.1, 38),
        drivers=drivers,
        enps=Enps(12.0, 41),
        comments=("More time with customers",),
    )
    suggestion = Suggestion("Permission to fix", "What could you fix today?", "List three fixes.", "q-approval")
    fields: dict[str, object] = {"pulses": pulses, "suggestion": suggestion, **changes}
    return Digest("C1", "org", PERIOD, **fields)  # type: ignore[arg-type]


def test_each_section_answers_one_champion_question_in_order() -> None:
    assert list(answers(busy())) == list(QUESTIONS)


def test_the_focus_item_is_named_once_with_both_its_roles() -> None:
    digest = busy()

    shown = text_of(digest)

    assert shown.count(APPROVAL) == 1 and shown.count(TOOLS) == 1
    assert (
        f"*Focus:* “{APPROVAL}”, the lowest item this week: 2.1 / 5 · 38 people. It also moves against the outcome "
        "(r = -0.41, 95% interval -0.65 to -0.10, 30% of what the items explain · 38 people)." in shown
    )
    assert answers(digest)["What helps most?"][1] == "• The focus item, under _What needs attention?_"  # by weight
    assert "Chosen to help with the focus item." in shown
    assert digest.focus is not None and digest.focus.question_id == "q-approval"


def test_drivers_show_r_interval_weight_and_their_own_people_and_that_they_are_associations() -> None:
    shown = text_of(busy())

    assert (
        f"• “{TOOLS}” moves with the outcome (r = 0.62, 95% interval 0.39 to 0.78, 55% of what the items explain · "
        "41 people)" in shown
    )
    assert "These are associations, not causes." in shown


def test_a_negative_driver_that_is_not_the_focus_is_shown_as_moving_against_the_outcome() -> None:
    pulses = busy().pulses
    shown = text_of(busy(pulses=PulseSection(dimensions=pulses.dimensions, drivers=pulses.drivers)))

    assert f"• “{APPROVAL}” moves against the outcome (r = -0.41" in shown
    assert "Focus" not in shown and "Nothing stands out this week." in shown


def test_without_a_clear_driver_the_digest_says_so_and_why() -> None:
    pulses = PulseSection(dimensions=(DimensionResult("outcome", 60.0, None, 12),), drivers_needed=30)

    shown = text_of(Digest("C1", "org", PERIOD, pulses=pulses))

    assert "No clear driver yet" in shown and "at least 30 people" in shown
    assert "associations, not causes" not in shown


def test_a_clear_change_is_said_in_words_with_an_arrow_and_participation_likewise() -> None:
    pulses = PulseSection(
        dimensions=(
            DimensionResult("alignment", 68.0, 61.0, 7, change_is_clear=True),
            DimensionResult("empowerment", 50.2, 50.0, 9, change_is_clear=True),
        ),
        participation=Participation(invited=100, answered=50, previous_rate=0.9, change_is_clear=True),
    )

    shown = text_of(Digest("C1", "org", PERIOD, pulses=pulses))

    assert "*Alignment*: 68 / 100, ↑ up from 61 · 7 people" in shown
    assert "*Empowerment*: 50.2 / 100, ↑ up from 50.0 · 9 people" in shown
    assert "*50%* (50 of 100 answered), ↓ down from 90%" in shown


def test_a_clear_change_too_small_for_whole_numbers_shows_decimals_rather_than_no_change() -> None:
    part = Participation(invited=100_000, answered=50_020, previous_rate=0.5, change_is_clear=True)
    alignment = DimensionResult("alignment", 50.04, 50.0, 9, change_is_clear=True)

    shown = text_of(Digest("C1", "org", PERIOD, pulses=PulseSection((alignment,), participation=part)))

    assert "*50.02%* (50020 of 100000 answered), ↑ up from 50.00%" in shown
    assert "*Alignment*: 50.04 / 100, ↑ up from 50.00 · 9 people" in shown


def test_a_change_within_its_uncertainty_is_about_the_same_with_no_arrow_never_plus_or_minus_zero() -> None:
    pulses = PulseSection(
        dimensions=(DimensionResult("alignment", 62.0, 50.0, 7), DimensionResult("outcome", 49.7, 50.0, 9)),
        participation=Participation(invited=10, answered=7, previous_rate=0.9),
    )

    shown = text_of(Digest("C1", "org", PERIOD, pulses=pulses))

    assert "*Alignment*: 62 / 100, about the same as last week · 7 people" in shown
    assert "*Outcome*: 50 / 100, about the same as last week · 9 people" in shown
    assert "*70%* (7 of 10 answered), about the same as last week (90%)" in shown
    assert "↑" not in shown and "↓" not in shown
    assert "+0" not in shown and "-0" not in shown and "`" not in shown


def test_the_outcome_is_shown_as_enps_with_its_people_beside_its_trend() -> None:
    outcome = DimensionResult("outcome", 70.0, 60.0, 12, (60.0, 70.0), change_is_clear=True)
    alignment = DimensionResult("alignment", 75.0, None, 12)
    pulses = PulseSection(dimensions=(outcome, alignment), enps=Enps(-12.5, 40))

    shown = text_of(Digest("C1", "org", PERIOD, pulses=pulses))

    assert "*Outcome*: eNPS -12, ↑ up on last week · 40 people" in shown and "70 / 100" not in shown
    assert "*Alignment*: 75 / 100, the first week with results · 12 people" in shown


def test_an_enps_of_zero_has_no_sign() -> None:
    pulses = PulseSection(dimensions=(DimensionResult("outcome", 50.0, None, 30),), enps=Enps(0.4, 30))

    assert "*Outcome*: eNPS 0, the first week with results" in text_of(Digest("C1", "org", PERIOD, pulses=pulses))


def test_sections_with_nothing_to_say_say_so_plainly_without_a_warning() -> None:
    pulses = PulseSection(dimensions=(DimensionResult("alignment", 70.0, None, 6),))

    shown = text_of(Digest("C1", "org", PERIOD, pulses=pulses))

    for empty in (
        "No clear driver yet.",
        "Nothing stands out this week.",
        "No comments to show this week.",
        "No shout-outs this week.",
        "No key message went out this week.",
        "Nothing to suggest this week.",
    ):
        assert empty in shown
    assert ":warning:" not in shown


def test_warnings_are_marked_as_problems_under_what_needs_attention() -> None:
    blocks = digest_blocks(busy(warnings=("Leaders have sent no key message for 40 days.",)))

    [attention] = [b for b in blocks if b["type"] == "section" and b["text"]["text"].startswith("*What needs")]
    assert ":warning: Leaders have sent no key message for 40 days." in attention["text"]["text"]


def test_a_quiet_week_says_so_and_shows_no_scores() -> None:
    digest = Digest("C1", "the whole organisation", PERIOD)

    shown = text_of(digest)

    assert "A quiet week" in shown
    assert "/ 100" not in shown and "0%" not in shown
    assert "quiet week" in digest_text(digest)


def test_a_week_in_which_only_an_earlier_messages_check_closed_reports_it_and_is_not_quiet() -> None:
    sent = datetime(2026, 11, 10, 9, tzinfo=UTC)
    closed = ClosedCheck("Q4 launch", Understood(sent, "Europe/London", 6, None, 4.2))
    digest = Digest("C1", "org", PERIOD, closed_checks=(closed,))

    assert not digest.is_empty
    assert answers(digest)["Is the message travelling?"] == [
        "• Understood — *Q4 launch* (sent 10 Nov): *4.2* / 5 from 6 answers"
    ]
    assert "A quiet week" not in text_of(digest)


def test_people_s_words_are_escaped_and_cannot_mention_anyone() -> None:
    highlight = Highlight("U1", ("U2",), "Owned it", "<!channel> & <https://evil|click>")
    digest = Digest(
        "C1",
        "org",
        PERIOD,
        recognition=RecognitionSection(count=1, highlights=(highlight,)),
        pulses=PulseSection(comments=("<@U9> was rude",)),
    )

    shown = text_of(digest)

    assert "&lt;!channel&gt; &amp; &lt;https://evil|click&gt;" in shown
    assert "&lt;@U9&gt; was rude" in shown
    assert "<!channel>" not in shown


def test_a_busy_week_stays_within_slack_limits() -> None:
    long = "x" * 5000
    digest = busy(
        recognition=RecognitionSection(
            count=99, highlights=tuple(Highlight("U1", ("U2",), "b", long) for _ in range(3))
        ),
        messages=tuple(MessageReach(long[:150], 5) for _ in range(30)),
        warnings=tuple(long for _ in range(20)),
    )

    blocks = digest_blocks(digest)

    assert len(blocks) <= MAX_BLOCKS
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)


def test_a_full_digest_with_actions_keeps_take_this_on_within_slack_limits() -> None:
    long = "x" * 5000
    taken = [
        ActionView(n, "C1", "y" * 300, APPROVAL, "U0BOB", date(2026, 12, 4), "open", PERIOD.start) for n in range(40)
    ]
    done = ActionView(99, "C1", "Fix it", TOOLS, "U0BOB", date(2026, 11, 20), "done", PERIOD.start, PERIOD.start)
    digest = busy(
        recognition=RecognitionSection(
            count=99, highlights=tuple(Highlight("U1", ("U2",), "b", long) for _ in range(3))
        ),
        messages=tuple(MessageReach(long[:150], 5) for _ in range(30)),
        warnings=tuple(long for _ in range(20)),
        actions=tuple(taken),
        action_results=tuple(BeforeAfter(done, ItemFigure(2.0, 6, 1), ItemFigure(3.0, 6, 1)) for _ in range(8)),
    )

    blocks = digest_blocks(digest)

    assert_valid_blocks(blocks)
    assert len(blocks) <= MAX_BLOCKS
    headings = [b["text"]["text"].split("\n")[0] for b in blocks if b["type"] == "section"]
    assert headings[-3:] == [f"*{QUESTIONS[-1]}*", "*:dart: Actions we took on*", "*:repeat: You said, we did*"]
    assert blocks[-2]["block_id"] == "digest-take-on" and blocks[-2]["elements"][0]["value"] == "q-approval"
    assert json.dumps(blocks).count(APPROVAL) == 1


def test_key_figures_are_the_pulse_and_recognition_lines_as_posted_and_nothing_else() -> None:
    pulses = PulseSection(
        dimensions=(DimensionResult("alignment", 75.0, None, 6),),
        participation=Participation(invited=10, answered=6),
        comments=("A comment only the digest shows",),
    )
    digest = Digest("C1", "org", PERIOD, pulses=pulses, recognition=RecognitionSection(count=2))

    figures = key_figures(payload(digest))

    assert figures == (
        "*How are we doing?*",
        "Participation: *60%* (6 of 10 answered)",
        "*Alignment*: 75 / 100, the first week with results · 6 people",
        "*Who made a difference?*",
        "2 shout-outs this week",
    )


def test_a_digest_posted_without_marked_figures_has_none() -> None:
    assert key_figures({"text": "Weekly digest", "blocks": [{"type": "section", "text": {"text": "x"}}]}) == ()
    assert key_figures({"text": "Weekly digest"}) == ()
