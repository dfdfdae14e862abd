"""Programme-health warnings: each rule fires on its threshold and stays quiet below it."""

from __future__ import annotations

from bot.digests.health import HealthFacts, warnings


def quiet(**changes: object) -> HealthFacts:
    base = {"days_since_key_message": 3, "shoutouts_last_two_weeks": 1, "participation_change_is_clear": True}
    return HealthFacts(**{**base, **changes})  # type: ignore[arg-type]


def test_a_healthy_programme_has_no_warnings() -> None:
    assert warnings(quiet(participation_rate=0.7, previous_participation_rate=0.8, team_scope=True)) == []


def test_participation_falling_fifteen_points_is_a_sharp_fall() -> None:
    [warning] = warnings(quiet(participation_rate=0.60, previous_participation_rate=0.75))

    assert "fell from 75% to 60%" in warning


def test_participation_falling_less_than_fifteen_points_is_not_flagged() -> None:
    assert warnings(quiet(participation_rate=0.61, previous_participation_rate=0.75)) == []


def test_a_fall_within_its_uncertainty_is_not_called_a_fall() -> None:
    assert (
        warnings(quiet(participation_rate=0.5, previous_participation_rate=0.9, participation_change_is_clear=False))
        == []
    )


def test_a_team_without_recognition_for_two_weeks_is_flagged_but_not_the_whole_organisation() -> None:
    assert "recognised for two weeks" in warnings(quiet(team_scope=True, shoutouts_last_two_weeks=0))[0]
    assert warnings(quiet(team_scope=False, shoutouts_last_two_weeks=0)) == []


def test_failed_and_missed_key_messages_come_first_with_their_titles_escaped() -> None:
    found = warnings(
        quiet(failed_messages=("Q4 <promise>",), missed_messages=("Monday note",), days_since_key_message=40)
    )

    assert found[0] == "Key message *Q4 &lt;promise&gt;* could not be delivered to everyone."
    assert "Monday note" in found[1] and "missed" in found[1]
    assert "no key message for 40 days" in found[2]


def test_leaders_silent_for_thirty_days_or_never_are_flagged() -> None:
    assert warnings(quiet(days_since_key_message=29)) == []
    assert "for 30 days" in warnings(quiet(days_since_key_message=30))[0]
    assert "not sent a key message yet" in warnings(quiet(days_since_key_message=None))[0]
