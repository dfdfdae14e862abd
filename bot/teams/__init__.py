"""Teams: which manager each person has, given by an admin (Slack has no org chart), so key messages can travel
through managers. Other features read teams only through these names."""

from bot.teams.policy import may_manage_teams
from bot.teams.roster import TeamsImportError
from bot.teams.service import (
    CSV_NAME,
    Imported,
    describe,
    export_csv,
    import_teams,
    lines,
    remove_team,
    set_team,
)
from bot.teams.summary import summary

__all__ = [
    "CSV_NAME",
    "Imported",
    "TeamsImportError",
    "describe",
    "export_csv",
    "import_teams",
    "lines",
    "may_manage_teams",
    "remove_team",
    "set_team",
    "summary",
]
