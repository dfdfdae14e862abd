"""The question bank's follow-up: worded with the action's date and words, refused when it cannot say them."""

from __future__ import annotations

from typing import Any

import pytest

from content.pack import ContentPackError, validate_pack_data

Raw = dict[str, dict[str, Any]]


def test_an_older_pack_without_a_follow_up_gets_the_standard_one(raw: Raw) -> None:
    del raw["questions"]["followup"]

    followup = validate_pack_data(raw).followup

    assert "{date}" in followup.text and "{action}" in followup.text and followup.scale == "likert5"


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("text", "Has it made a difference?", "must say {date}"),
        ("text", "Since {date}, has it?", "must say {action}"),
        ("scale", "stars", 'unknown scale "stars"'),
        ("labels", ["No", "Yes"], '"labels" must list 5 labels'),
    ],
)
def test_a_follow_up_that_cannot_be_worded_is_refused(raw: Raw, field: str, value: object, problem: str) -> None:
    raw["questions"]["followup"][field] = value

    with pytest.raises(ContentPackError, match=r"questions.toml: \[followup\]") as refused:
        validate_pack_data(raw)

    assert problem in str(refused.value)


def test_no_question_of_the_bank_may_take_a_follow_ups_id(raw: Raw) -> None:
    raw["questions"]["questions"][0]["id"] = "followup-1"

    with pytest.raises(ContentPackError, match="may not start with"):
        validate_pack_data(raw)
