"""CSV cells that a spreadsheet opens as the words they are.

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
before one) as a formula, so a shout-out reading `=HYPERLINK("https://…")` would become a link, or worse, in the
file an admin exports. As OWASP's CSV-injection advice has it, such a text cell is written with a leading `'`, which
every spreadsheet shows as text and hides; numbers, dates and ids are written as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
"""What a spreadsheet reads as the start of a formula (the full-width forms too, which Excel accepts)."""


def cell(value: object) -> object:
    """`value` as a CSV cell a spreadsheet shows as text."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def row(values: Iterable[object]) -> list[object]:
    return [cell(value) for value in values]
