"""Teams checked whole, whether they come as a file or as one team set in Slack: the rows `manager,member`
(Slack user ids, one row per member).

A file is read by `read`: the first row is the header `manager,member`, blank rows are skipped, and every cell is a
Slack user id (U… or W…). Every set of teams, from a file or from `/cadence teams set`, then passes `check_rules` and
`check_known`, each refusal naming the person and, for a file, the row at fault (rows are numbered as a spreadsheet
shows them, the header being 1):
- every person is one the directory knows and can reach (not a bot, not deactivated);
- a member has one manager: the same member on two rows is refused, whether the manager differs or not;
- nobody is their own member;
- no cycle: a manager may be another manager's member (a line runs director → managers → people), but a line
  that comes back to where it started has no top for a message to travel down from, so it is refused with the
  row that closes it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass

from bot.platform.mentions import is_user_id, user_id_of

HEADER = ("manager", "member")
MAX_BYTES = 1024 * 1024
MAX_ROWS = 20_000


class TeamsImportError(ValueError):
    """A teams file that cannot be imported; the message names the row at fault and what to change."""


@dataclass(frozen=True)
class Row:
    number: int
    """The file's row; 0 for a row of the teams in force or of a team set in Slack, which has no number."""
    manager: str
    member: str

    @property
    def at(self) -> str:
        """How a refusal starts: the row at fault in a file, nothing in Slack."""
        return f"Row {self.number}: " if self.number else ""

    def who(self, user_id: str) -> str:
        """A person as a refusal names them: the id a file holds, a mention in Slack."""
        return user_id if self.number else f"<@{user_id}>"


def read(blob: bytes) -> list[Row]:
    """The rows of a teams file, its format checked; the rules are `check_rules` and `check_known`."""
    if len(blob) > MAX_BYTES:
        raise TeamsImportError(f"The file is larger than {MAX_BYTES // 1024} KB; a teams file is far smaller.")
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TeamsImportError("The file is not UTF-8 text: save it as CSV (UTF-8).") from None
    lines = _lines(text)
    if not lines or tuple(cell.strip().lower() for cell in lines[0][1]) != HEADER:
        raise TeamsImportError("Row 1: the first row must be the header `manager,member`.")
    rows = [_row(number, cells) for number, cells in lines[1:] if any(cell.strip() for cell in cells)]
    if not rows:
        raise TeamsImportError("The file has no rows after its header: add one row `manager,member` per member.")
    if len(rows) > MAX_ROWS:
        raise TeamsImportError(f"The file has {len(rows)} rows; Cadence takes up to {MAX_ROWS}.")
    return rows


def check_rules(rows: list[Row]) -> None:
    """Refuse the first row that makes someone their own member, gives a member a second manager or closes a
    loop."""
    _no_self(rows)
    _one_manager_each(rows)
    _no_cycle(rows)


def _lines(text: str) -> list[tuple[int, list[str]]]:
    """The file's rows, numbered; any line ending (a spreadsheet on an old Mac ends lines with a bare CR)."""
    reader = csv.reader(io.StringIO(text, newline=None))
    try:
        return list(enumerate(reader, start=1))
    except csv.Error:
        raise TeamsImportError(
            f"Row {reader.line_num}: Cadence cannot read this row as CSV (a cell far too long, or a stray quote): "
            "save the file as CSV (UTF-8) with one `manager,member` pair per row."
        ) from None


def check_known(rows: list[Row], reachable: Collection[str]) -> None:
    """Refuse the first row naming someone the directory does not know as a person (deactivated, a bot, a typo)."""
    for row in rows:
        for role, user_id in (("manager", row.manager), ("member", row.member)):
            if user_id in reachable:
                continue
            where = f"the {role} {row.who(user_id)}"
            if not row.number and role == "member":
                where = f"{row.who(user_id)}, in {row.who(row.manager)}'s team,"
            fix = "correct the id or remove the row" if row.number else "leave them out"
            raise TeamsImportError(
                f"{row.at}{where} is not a person in this workspace (unknown, a bot or deactivated): {fix}."
            )


def _row(number: int, cells: list[str]) -> Row:
    values = [cell.strip() for cell in cells]
    if len(values) != 2:
        raise TeamsImportError(f"Row {number}: give two cells, `manager,member`; this row has {len(values)}.")
    manager, member = (user_id_of(value) or value for value in values)
    for role, value in (("manager", manager), ("member", member)):
        if not is_user_id(value):
            raise TeamsImportError(
                f"Row {number}: `{value[:40]}` is not a Slack user id for the {role} (U… — profile → ⋯ → "
                "Copy member ID)."
            )
    return Row(number, manager, member)


def _no_self(rows: list[Row]) -> None:
    for row in rows:
        if row.manager == row.member:
            fix = "a manager's row names someone else" if row.number else "leave them out of their team"
            raise TeamsImportError(f"{row.at}{row.who(row.manager)} is their own member; {fix}.")


def _one_manager_each(rows: list[Row]) -> None:
    first: dict[str, Row] = {}
    for row in rows:
        earlier = first.setdefault(row.member, row)
        if earlier is row:
            continue
        if earlier.manager == row.manager:
            raise TeamsImportError(f"Row {row.number}: repeats row {earlier.number}; remove one of them.")
        if not row.number:
            raise TeamsImportError(
                f"{row.who(row.member)} is already in {row.who(earlier.manager)}'s team, and a member has one "
                f"manager: leave them out, or first set {row.who(earlier.manager)}'s team without them."
            )
        raise TeamsImportError(
            f"Row {row.number}: {row.member} has a second manager ({row.manager}; row {earlier.number} gives "
            f"{earlier.manager}). A member has one manager: keep one row."
        )


def _no_cycle(rows: list[Row]) -> None:
    """Walk up from each row's manager; reaching its member again means the row is in a loop. Rows are walked from
    the last, so a loop is reported at the row that closes it, reading down; a walk that meets a loop elsewhere
    stops, and that loop is reported at its own row."""
    manager_of = {row.member: row.manager for row in rows}
    for row in reversed(rows):
        seen: set[str] = set()
        current: str | None = row.manager
        while current is not None and current not in seen:
            if current == row.member:
                manager, member = row.who(row.manager), row.who(row.member)
                raise TeamsImportError(
                    f"{row.at}{manager} manages {member}, who is above {manager} in the same line (a cycle). "
                    "Correct whoever's manager is wrong."
                )
            seen.add(current)
            current = manager_of.get(current)
