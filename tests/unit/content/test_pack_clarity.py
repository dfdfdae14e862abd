"""The clarity check's wording comes from the question bank's `[clarity]` table, or the standard wording."""

from __future__ import annotations

from typing import Any

import pytest

from content.pack import CLARITY_ID, ContentPackError, load_pack, validate_pack_data

Raw = dict[str, dict[str, Any]]


def test_the_default_pack_words_the_check_with_five_labels() -> None:
    clarity = load_pack().clarity

    assert (clarity.id, clarity.text) == (CLARITY_ID, "How clear is this for your work?")
    assert [score for score, _ in clarity.choices] == [1, 2, 3, 4, 5]
    assert clarity.choices[-1] == (5, "5 — Very clear")
    assert clarity not in load_pack().questions  # never offered as a pulse question


def test_a_pack_may_reword_the_check(raw: Raw) -> None:
    raw["questions"]["clarity"] = {"text": "Is this clear?", "labels": ["No", "Hardly", "Partly", "Mostly", "Yes"]}

    clarity = validate_pack_data(raw).clarity

    assert clarity.text == "Is this clear?" and clarity.choices[0] == (1, "No")


def test_a_pack_without_the_table_keeps_the_standard_wording(raw: Raw) -> None:
    raw["questions"].pop("clarity")

    assert validate_pack_data(raw).clarity.text == "How clear is this for your work?"


def test_a_check_without_five_labels_is_refused_naming_the_table(raw: Raw) -> None:
    raw["questions"]["clarity"]["labels"] = ["Unclear", "Clear"]

    with pytest.raises(ContentPackError, match=r"questions.toml: \[clarity\].*5 labels"):
        validate_pack_data(raw)
