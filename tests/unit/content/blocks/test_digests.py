"""The digest's Block Kit: plain about a quiet week, escapes what people typed, stays within Slack's limits."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.digests.views import (
    Digest,
    DimensionResult,
    Driver,
    Enps,
    Highlight,
    MessageReach,
    Participation,
    Period,
    PulseSection,
    RecognitionSection,
)
from content.blocks.digests import MAX_BLOCKS, digest_blocks, digest_text, key_figures, payload, sparkline

PERIOD = Period.week_ending(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


def text_of(digest: Digest) -> str:
    return json.dumps(digest_blocks(digest), ensure_ascii=False)


def test_a_quiet_week_says_so_and_shows_no_scores() -> None:
    digest = Digest("C1", "the whole organisation", PERIOD)

    shown = text_of(digest)

    assert "A quiet week" in shown
    assert "/ 100" not in shown and "0%" not in shown
    assert "quiet week" in digest_text(digest)


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


def test_scores_show_a_clear_change_trend_and_participation() -> None:
    trend = (None, 40.0, 50.0, 62.5)
    pulses = PulseSection(
        dimensions=(DimensionResult("alignment", 62.5, 50.0, 7, trend, change_is_clear=True),),
        participation=Participation(invited=100, answered=50, previous_rate=0.9, change_is_clear=True),
    )

    shown = text_of(Digest("C1", "org", PERIOD, pulses=pulses))

    assert "*Alignment*: 62 / 100 (up 12)" in shown or "*Alignment*: 63 / 100 (up 12)" in shown
    assert sparkline(trend, 0, 100) in shown
    assert "*50%* (50 of 100 answered), down from 90%" in shown


def test_a_change_within_its_uncertainty_is_about_the_same_never_plus_or_minus_zero() -> None:
    unclear = DimensionResult("alignment", 62.0, 50.0, 7)
    tiny = DimensionResult("empowerment", 50.2, 50.0, 9, change_is_clear=True)
    small = DimensionResult("outcome", 49.7, 50.0, 9)
    pulses = PulseSection(
        dimensions=(unclear, tiny, small),
        participation=Participation(invited=10, answered=7, previous_rate=0.9),
    )

    shown = text_of(Digest("C1", "org", PERIOD, pulses=pulses))

    assert "*Alignment*: 62 / 100 (about the same) · 7 people" in shown
    assert "*Empowerment*: 50 / 100 (up 0.2) · 9 people" in shown
    assert "*Outcome*: 50 / 100 (about the same) · 9 people" in shown
    assert "*70%* (7 of 10 answered), about the same as last week (90%)" in shown
    assert "+0" not in shown and "-0" not in shown


def test_the_outcome_is_shown_as_enps_with_its_people_when_there_is_one() -> None:
    outcome = DimensionResult("outcome", 70.0, 60.0, 12, (60.0, 70.0), change_is_clear=True)
    alignment = DimensionResult("alignment", 75.0, None, 12)
    pulses = PulseSection(dimensions=(outcome, alignment), enps=Enps(-12.5, 40))

    shown = text_of(Digest("C1", "org", PERIOD, pulses=pulses))

    assert "*Outcome*: eNPS -12 (up)" in shown and "70 / 100" not in shown
    assert "· 40 people" in shown
    assert "*Alignment*: 75 / 100" in shown


def test_an_enps_of_zero_has_no_sign() -> None:
    pulses = PulseSection(dimensions=(DimensionResult("outcome", 50.0, None, 30),), enps=Enps(0.4, 30))

    assert "*Outcome*: eNPS 0 (first week with results)" in text_of(Digest("C1", "org", PERIOD, pulses=pulses))


def test_drivers_show_r_interval_weight_and_people_and_a_negative_one_as_such() -> None:
    drivers = (
        Driver("q1", "I know our promise", 0.62, 41, (0.39, 0.78), 0.55),
        Driver("q2", "I wait for approval", -0.41, 38, (-0.65, -0.10), 0.30),
    )
    pulses = PulseSection(dimensions=(DimensionResult("outcome", 60.0, None, 41),), drivers=drivers)

    shown = text_of(Digest("C1", "org", PERIOD, pulses=pulses))

    assert "I know our promise (r = 0.62, 95% interval 0.39 to 0.78, 55% of what the items explain · 41 people)" in (
        shown
    )
    assert "I wait for approval — moves against the outcome (r = -0.41, 95% interval -0.65 to -0.10" in shown
    assert "These are associations, not causes." in shown


def test_without_a_clear_driver_the_digest_says_so_and_why() -> None:
    pulses = PulseSection(dimensions=(DimensionResult("outcome", 60.0, None, 12),), drivers_needed=30)

    shown = text_of(Digest("C1", "org", PERIOD, pulses=pulses))

    assert "No clear driver yet" in shown and "at least 30 people" in shown
    assert "associations, not causes" not in shown


def test_a_busy_week_stays_within_slack_limits() -> None:
    long = "x" * 5000
    digest = Digest(
        "C1",
        "org",
        PERIOD,
        recognition=RecognitionSection(
            count=99, highlights=tuple(Highlight("U1", ("U2",), "b", long) for _ in range(3))
        ),
        messages=tuple(MessageReach(long[:150], 5) for _ in range(30)),
        warnings=tuple(long for _ in range(20)),
    )

    blocks = digest_blocks(digest)

    assert len(blocks) <= MAX_BLOCKS
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)


def test_sparkline_marks_weeks_without_a_score() -> None:
    assert sparkline((0.0, None, 100.0), 0, 100) == "▁·█"


def test_key_figures_are_the_pulse_and_recognition_lines_as_posted_and_nothing_else() -> None:
    pulses = PulseSection(
        dimensions=(DimensionResult("alignment", 75.0, None, 6),),
        participation=Participation(invited=10, answered=6),
        comments=("A comment only the digest shows",),
    )
    digest = Digest("C1", "org", PERIOD, pulses=pulses, recognition=RecognitionSection(count=2))

    figures = key_figures(payload(digest))

    assert figures == (
        "*:bar_chart: Pulses*",
        "Participation: *60%* (6 of 10 answered)",
        "*Alignment*: 75 / 100 (first week with results) · 6 people",
        "*:clap: Recognition*: 2 shout-outs",
    )


def test_a_digest_posted_without_marked_figures_has_none() -> None:
    assert key_figures({"text": "Weekly digest", "blocks": [{"type": "section", "text": {"text": "x"}}]}) == ()
    assert key_figures({"text": "Weekly digest"}) == ()
