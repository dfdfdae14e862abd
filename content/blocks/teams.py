"""What `/cadence teams` shows an admin: the teams Cadence knows and what to do next, and the answer to a change."""

from __future__ import annotations

from collections.abc import Sequence

from bot.teams.views import TeamsSummary
from content.blocks.common import Block, context, header, mention, section

HOW_TO_CHANGE = (
    "*Change a team:* `/cadence teams set @manager @person …` (or `@manager @user-group`) makes them that "
    "manager's members; `/cadence teams remove @manager` removes the team. *All at once:* "
    "`/cadence teams export` sends the teams as a `manager,member` CSV file to your messages with Cadence; edit it "
    "and drop it back there to replace every team. Every change is checked whole: if a person is wrong I name "
    "them, and nothing changes."
)
NO_TEAMS = (
    "Slack has no org chart, so Cadence needs your teams to send key messages *through managers*. Start with "
    "`/cadence teams set @manager @person …`, or drop a CSV file with the header `manager,member` and one row per "
    "member (Slack user ids: profile → ⋯ → *Copy member ID*) in your messages with Cadence."
)


def teams_summary_text(summary: TeamsSummary) -> str:
    if not summary.managers:
        return "Cadence knows no teams yet."
    return f"Cadence knows {summary.managers} managers and {summary.members} members."


def teams_summary_blocks(summary: TeamsSummary) -> list[Block]:
    blocks: list[Block] = [header("Teams"), section(teams_summary_text(summary))]
    if summary.largest:
        sizes = [f"{mention(t.manager)}: {t.members} member{'s' if t.members != 1 else ''}" for t in summary.largest]
        blocks.append(section("*Largest teams*\n" + "\n".join(sizes)))
    blocks.append(section(_unmanaged_text(summary.unmanaged)))
    blocks.append(section(HOW_TO_CHANGE if summary.managers else NO_TEAMS))
    blocks.append(context("`python -m bot teams import|export` does the same on the server."))
    return blocks


def team_set_text(manager: str, members: Sequence[str]) -> str:
    people = ", ".join(mention(member) for member in members)
    return f"{mention(manager)}'s team is now {len(members)}: {people}. `/cadence teams` shows every team."


def team_removed_text(manager: str, had: int) -> str:
    members = f"{had} member{'s' if had != 1 else ''}"
    return f"{mention(manager)}'s team ({members}) is removed. `/cadence teams` shows every team."


def _unmanaged_text(unmanaged: int | None) -> str:
    if unmanaged is None:
        return "Slack could not say just now who is in your key messages' audiences; try again in a minute."
    if not unmanaged:
        return "Everyone in your active key messages' audiences (by DM or through managers) is in a team."
    people = "person is" if unmanaged == 1 else "people are"
    return (
        f"*{unmanaged} {people}* in an active key message's audience (by DM or through managers) but in no team: "
        "a message sent through managers reaches them the next working day, with no manager to discuss it. "
        "Add them to a team with `/cadence teams set`."
    )
