"""CSV cells a spreadsheet shows as text."""

from __future__ import annotations

import pytest

from bot.platform.spreadsheet import cell, row


@pytest.mark.parametrize("words", ['=HYPERLINK("https://x")', "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "＝1+1"])
def test_words_that_start_like_a_formula_get_a_leading_quote(words: str) -> None:
    assert cell(words) == f"'{words}"


def test_other_words_numbers_and_ids_are_written_as_they_are() -> None:
    assert row(["Called them back", "U0BOB", 3, -2, None, "a=b", " =1"]) == [
        "Called them back",
        "U0BOB",
        3,
        -2,
        None,
        "a=b",
        " =1",
    ]
