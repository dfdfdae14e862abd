"""Validation of a content pack: each problem is refused with one message naming the file, entry and fault."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from content.pack import ContentPackError, load_pack, validate_pack_data

Raw = dict[str, dict[str, Any]]


def test_emoji_written_with_colons_is_accepted(raw: Raw) -> None:
    raw["behaviours"]["behaviours"][0]["emoji"] = ":Handshake:"
    assert validate_pack_data(raw).behaviours[0].emoji == "handshake"


def _set(stem: str, table: str, index: int, field: str, value: object) -> Callable[[Raw], None]:
    def change(raw: Raw) -> None:
        raw[stem][table][index][field] = value

    return change


def _drop(stem: str, table: str, index: int, field: str) -> Callable[[Raw], None]:
    return lambda raw: raw[stem][table][index].pop(field)


def _drop_questions(dimension: str) -> Callable[[Raw], None]:
    def change(raw: Raw) -> None:
        questions = raw["questions"]["questions"]
        raw["questions"]["questions"] = [q for q in questions if q["dimension"] != dimension]

    return change


BROKEN = {
    "missing file": (lambda raw: raw.pop("prompts"), "prompts.toml: missing from the pack"),
    "missing field": (
        _drop("behaviours", "behaviours", 0, "label"),
        'behaviours.toml: behaviour "own-it": missing field "label"',
    ),
    "missing key": (
        _drop("behaviours", "behaviours", 1, "key"),
        'behaviours.toml: behaviour #2: missing field "key"',
    ),
    "key not a slug": (
        _set("behaviours", "behaviours", 0, "key", "Own It"),
        'behaviours.toml: behaviour #1: key "Own It" must be a slug: lowercase letters and digits joined by hyphens',
    ),
    "field not text": (
        _set("questions", "questions", 0, "text", 5),
        'questions.toml: question "align-role-meaning": "text" must be text',
    ),
    "empty field": (
        _set("prompts", "prompts", 0, "title", "   "),
        'prompts.toml: prompt "promise-in-my-role": "title" is empty',
    ),
    "duplicate behaviour key": (
        _set("behaviours", "behaviours", 1, "key", "own-it"),
        'behaviours.toml: behaviour key "own-it" is used more than once',
    ),
    "duplicate question id": (
        _set("questions", "questions", 1, "id", "align-role-meaning"),
        'questions.toml: question id "align-role-meaning" is used more than once',
    ),
    "duplicate prompt key": (
        _set("prompts", "prompts", 1, "key", "promise-in-my-role"),
        'prompts.toml: prompt key "promise-in-my-role" is used more than once',
    ),
    "duplicate message key": (
        _set("messages", "messages", 1, "key", "promise-front-line"),
        'messages.toml: message key "promise-front-line" is used more than once',
    ),
    "unknown dimension": (
        _set("questions", "questions", 0, "dimension", "alignmnet"),
        'questions.toml: question "align-role-meaning": unknown dimension "alignmnet" '
        "(use alignment, empowerment or outcome)",
    ),
    "unknown scale": (
        _set("questions", "questions", 0, "scale", "likert7"),
        'questions.toml: question "align-role-meaning": unknown scale "likert7" (use likert5 or nps11)',
    ),
    "long label": (
        _set("behaviours", "behaviours", 0, "label", "x" * 41),
        'behaviours.toml: behaviour "own-it": "label" is 41 characters long (at most 40)',
    ),
    "long question": (
        _set("questions", "questions", 0, "text", "x" * 151),
        'questions.toml: question "align-role-meaning": "text" is 151 characters long (at most 150)',
    ),
    "long message title": (
        _set("messages", "messages", 0, "title", "x" * 61),
        'messages.toml: message "promise-front-line": "title" is 61 characters long (at most 60)',
    ),
    "long message body": (
        _set("messages", "messages", 0, "body", "x" * 901),
        'messages.toml: message "promise-front-line": "body" is 901 characters long (at most 900)',
    ),
    "short message body": (
        _set("messages", "messages", 0, "body", "Be kind."),
        'messages.toml: message "promise-front-line": "body" is 8 characters long (at least 300)',
    ),
    "duplicate emoji": (
        _set("behaviours", "behaviours", 1, "emoji", ":handshake:"),
        'behaviours.toml: behaviours "own-it" and "put-it-right" share the emoji "handshake" '
        "(a reaction must name a single behaviour)",
    ),
    "duplicate label": (
        _set("behaviours", "behaviours", 1, "label", "OWNED IT END TO END"),
        'behaviours.toml: behaviours "own-it" and "put-it-right" share the label "owned it end to end" '
        "(people pick behaviours by label)",
    ),
    "bad emoji": (
        _set("behaviours", "behaviours", 0, "emoji", "hand shake"),
        'behaviours.toml: behaviour "own-it": emoji "hand shake" is not a Slack emoji name '
        '(write it like "handshake", without colons)',
    ),
    "unknown prompt target": (
        _set("prompts", "prompts", 0, "targets", ["align-role-meaning", "align-nope"]),
        'prompts.toml: prompt "promise-in-my-role": targets unknown question id "align-nope" (not in questions.toml)',
    ),
    "targets not a list": (
        _set("prompts", "prompts", 0, "targets", "align-role-meaning"),
        'prompts.toml: prompt "promise-in-my-role": "targets" must be a list of text',
    ),
    "unknown prompt_key": (
        _set("messages", "messages", 0, "prompt_key", "no-such-prompt"),
        'messages.toml: message "promise-front-line": prompt_key "no-such-prompt" names no prompt in prompts.toml',
    ),
    "no behaviours": (
        lambda raw: raw["behaviours"].update(behaviours=[]),
        "behaviours.toml: no behaviours (add at least one [[behaviours]] table)",
    ),
    "behaviour not a table": (
        lambda raw: raw["behaviours"].update(behaviours=["own-it"]),
        "behaviours.toml: behaviour #1: must be a table",
    ),
    "no alignment questions": (
        _drop_questions("alignment"),
        "questions.toml: no alignment questions (add at least one)",
    ),
    "no empowerment questions": (
        _drop_questions("empowerment"),
        "questions.toml: no empowerment questions (add at least one)",
    ),
    "no outcome questions": (
        _drop_questions("outcome"),
        "questions.toml: no outcome questions (add at least one)",
    ),
    "likert5 with four labels": (
        lambda raw: raw["questions"]["scales"]["likert5"].update(labels=["a", "b", "c", "d"]),
        'questions.toml: [scales.likert5]: "labels" must list 5 labels, for 1 to 5 (found 4)',
    ),
    "nps11 without anchor": (
        lambda raw: raw["questions"]["scales"]["nps11"].pop("high"),
        'questions.toml: [scales.nps11]: missing field "high"',
    ),
    "unknown scale table": (
        lambda raw: raw["questions"]["scales"].update(likert7={}),
        'questions.toml: unknown scale "[scales.likert7]" (use likert5 or nps11)',
    ),
    "no promise statement": (
        lambda raw: raw["promise"].pop("statement"),
        'promise.toml: missing field "statement"',
    ),
    "no promise values": (
        lambda raw: raw["promise"].update(values=[]),
        'promise.toml: "values" is empty (list at least one value)',
    ),
    "track names an unknown message": (
        lambda raw: raw["messages"]["tracks"][0]["messages"].append("no-such-message"),
        'messages.toml: track "moments-of-truth-six-weeks": messages names "no-such-message", '
        "which is no message in messages.toml",
    ),
    "track key used twice": (
        lambda raw: raw["messages"]["tracks"].append(dict(raw["messages"]["tracks"][0])),
        'messages.toml: track key "moments-of-truth-six-weeks" is used more than once',
    ),
    "track without messages": (
        _drop("messages", "tracks", 1, "messages"),
        'messages.toml: track "promise-foundations-four-weeks": missing field "messages"',
    ),
}


@pytest.mark.parametrize(("breakage", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_pack_is_refused_with_a_message_naming_the_problem(
    raw: Raw, breakage: Callable[[Raw], object], expected: str
) -> None:
    breakage(raw)
    with pytest.raises(ContentPackError) as error:
        validate_pack_data(raw)
    assert str(error.value) == expected


def test_the_unbroken_raw_data_is_valid(raw: Raw) -> None:
    """Guards the cases above: each fails only because of its own breakage."""
    assert validate_pack_data(raw) == load_pack()


def test_content_pack_error_is_a_value_error() -> None:
    assert issubclass(ContentPackError, ValueError)
