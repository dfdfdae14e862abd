"""A teams file checked whole: the CSV columns `manager,member` (Slack user ids, one row per member).

The rules, each refused with the row at fault (rows are numbered as a spreadsheet shows them, the header being 1):
- the first row is the header `manager,member`; blank rows are skipped;
- every cell is a Slack user id (U… or W…) of a person the directory knows and can reach;
- a member has one manager: the same member on two rows is refused, whether the manager differs or not;
- nobody is their own member;
- no cycle: a manager may be another manager's member (a line runs director → managers → people), but a line
  that comes back to where it started has no top for a message to travel down from, so it is refused with the
  row that closes it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection
from dataclasses import dataclass

HEADER = ("manager", "member")
MAX_BYTES = 1024 * 1024
MAX_ROWS = 20_000
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


class TeamsImportError(ValueError):
    """A teams file that cannot be imported; the message names the row at fault and what to change."""


@dataclass(frozen=True)
class Row:
    number: int
    manager: str
    member: str


def parse(blob: bytes) -> list[Row]:
    """The rows of a teams file, its format and the one-manager, no-self and no-cycle rules checked."""
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
    _one_manager_each(rows)
    _no_cycle(rows)
    return rows


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
            if user_id not in reachable:
                raise TeamsImportError(
                    f"Row {row.number}: the {role} {user_id} is not a person in this workspace (unknown, a bot or "
                    "deactivated): correct the id or remove the row."
                )


def _row(number: int, cells: list[str]) -> Row:
    values = [cell.strip() for cell in cells]
    if len(values) != 2:
        raise TeamsImportError(f"Row {number}: give two cells, `manager,member`; this row has {len(values)}.")
    manager, member = (value.removeprefix("<@").removesuffix(">") for value in values)
    for role, value in (("manager", manager), ("member", member)):
        if not _USER_ID.match(value):
            raise TeamsImportError(
                f"Row {number}: `{value[:40]}` is not a Slack user id for the {role} (U… — profile → ⋯ → "
                "Copy member ID)."
            )
    if manager == member:
        raise TeamsImportError(f"Row {number}: {manager} is their own member; a manager's row names someone else.")
    return Row(number, manager, member)


def _one_manager_each(rows: list[Row]) -> None:
    first: dict[str, Row] = {}
    for row in rows:
        earlier = first.setdefault(row.member, row)
        if earlier is row:
            continue
        if earlier.manager == row.manager:
            raise TeamsImportError(f"Row {row.number}: repeats row {earlier.number}; remove one of them.")
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
                raise TeamsImportError(
                    f"Row {row.number}: {row.manager} manages {row.member}, who is above {row.manager} in the same "
                    "line (a cycle). Correct whoever's manager is wrong."
                )
            seen.add(current)
            current = manager_of.get(current)
