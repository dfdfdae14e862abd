"""Teams builders: the summary an admin reads with what to do next, and the answers to a change — pure functions of
the teams views."""

from __future__ import annotations

import json

from bot.teams.views import TeamSize, TeamsSummary
from content.blocks.teams import team_removed_text, team_set_text, teams_summary_blocks, teams_summary_text
from tests.support.blockkit import assert_valid_blocks

KNOWN = TeamsSummary(managers=2, members=3, unmanaged=4, largest=(TeamSize("U0MAYA", 2), TeamSize("U0NOAH", 1)))


def text_of(blocks: list[dict]) -> str:
    return "\n".join(json.dumps(b, ensure_ascii=False) for b in blocks)


def test_the_summary_counts_names_the_largest_teams_and_who_in_an_audience_is_in_none() -> None:
    blocks = teams_summary_blocks(KNOWN)

    assert_valid_blocks(blocks)
    text = text_of(blocks)
    assert teams_summary_text(KNOWN) == "Cadence knows 2 managers and 3 members."
    assert "*Largest teams*\\n<@U0MAYA>: 2 members\\n<@U0NOAH>: 1 member" in text
    assert "*4 people are* in an active key message's audience" in text
    assert "/cadence teams set @manager @person" in text and "/cadence teams export" in text


def test_with_no_teams_the_summary_says_why_they_matter_and_how_to_give_them() -> None:
    blocks = teams_summary_blocks(TeamsSummary(managers=0, members=0, unmanaged=0, largest=()))

    assert_valid_blocks(blocks)
    text = text_of(blocks)
    assert "Cadence knows no teams yet." in text and "Largest teams" not in text
    assert "Slack has no org chart" in text and "manager,member" in text
    assert "Everyone in your active key messages' audiences" in text


def test_when_slack_cannot_say_who_is_in_the_audiences_the_summary_says_so_rather_than_a_number() -> None:
    text = text_of(teams_summary_blocks(TeamsSummary(managers=1, members=1, unmanaged=None, largest=())))

    assert "Slack could not say just now who is in your key messages' audiences" in text


def test_a_change_answers_with_the_team_as_it_now_stands() -> None:
    assert team_set_text("U0MAYA", ["U0ALICE"]) == (
        "<@U0MAYA>'s team is now 1: <@U0ALICE>. `/cadence teams` shows every team."
    )
    assert team_removed_text("U0MAYA", 2).startswith("<@U0MAYA>'s team (2 members) is removed.")
