"""The content pack: the default pack, loading from a folder, the lookups and the answer choices."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, TypeVar

import pytest

from content.pack import (
    DEFAULT_PACK_DIR,
    ContentPack,
    ContentPackError,
    Question,
    load_pack,
    validate_pack_data,
)

Raw = dict[str, dict[str, Any]]
T = TypeVar("T")


def _must(value: T | None) -> T:
    assert value is not None
    return value


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_pack()


# The default pack


def test_default_pack_has_the_promised_amount_of_content(pack: ContentPack) -> None:
    assert len(pack.behaviours) == 7
    assert len(pack.questions_in("alignment")) >= 10
    assert len(pack.questions_in("empowerment")) >= 10
    assert len(pack.questions_in("outcome")) >= 2
    assert len(pack.messages) >= 14
    assert len(pack.prompts) >= 14
    assert pack.promise_statement
    assert 3 <= len(pack.promise_values) <= 4
    assert len(pack.tracks) >= 2


def test_each_default_track_is_an_ordered_list_of_library_messages(pack: ContentPack) -> None:
    track = _must(pack.track("moments-of-truth-six-weeks"))
    assert track.title == "Moments of truth, six weeks"
    assert len(track.messages) == 6 and track.messages[0] == "moments-of-truth"
    for each in pack.tracks:
        assert all(pack.message(key) is not None for key in each.messages)


def test_default_scales_follow_the_dimension(pack: ContentPack) -> None:
    assert {q.scale for q in pack.questions_in("alignment") + pack.questions_in("empowerment")} == {"likert5"}
    assert {q.scale for q in pack.questions_in("outcome")} == {"nps11"}


def test_every_alignment_and_empowerment_question_has_a_discussion(pack: ContentPack) -> None:
    untargeted = [
        question.id
        for question in pack.questions
        if question.dimension != "outcome" and not pack.prompts_for_question(question.id)
    ]
    assert untargeted == []


def test_every_key_message_names_a_prompt_and_no_placeholder(pack: ContentPack) -> None:
    for message in pack.messages:
        assert pack.prompt(message.prompt_key) is not None
        assert 300 <= len(message.body) <= 900
        assert "[" not in message.body and "{" not in message.body, message.key


def test_default_behaviours_have_distinct_standard_emojis(pack: ContentPack) -> None:
    emojis = [behaviour.emoji for behaviour in pack.behaviours]
    assert len(set(emojis)) == len(emojis)
    assert all(":" not in emoji for emoji in emojis)


# Loading from a folder


def test_an_organisation_pack_folder_replaces_the_default(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_PACK_DIR, tmp_path, dirs_exist_ok=True)
    (tmp_path / "promise.toml").write_text('statement = "We answer every customer within a day."\nvalues = ["Fast"]\n')
    pack = load_pack(tmp_path)
    assert pack.promise_statement == "We answer every customer within a day."
    assert pack.promise_values == ("Fast",)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_PACK_DIR, tmp_path, dirs_exist_ok=True)
    (tmp_path / "messages.toml").unlink()
    with pytest.raises(ContentPackError, match=r"^messages\.toml: not found in "):
        load_pack(tmp_path)


def test_invalid_toml_is_named(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_PACK_DIR, tmp_path, dirs_exist_ok=True)
    (tmp_path / "behaviours.toml").write_text("[[behaviours]\nkey = 'x'\n")
    with pytest.raises(ContentPackError, match=r"^behaviours\.toml: not valid TOML \("):
        load_pack(tmp_path)


# Lookups


@pytest.mark.parametrize(
    "text",
    ["own-it", "Owned it end to end", "OWNED IT END TO END", "handshake", ":handshake:", " :handshake: "],
)
def test_find_behaviour_by_key_label_or_emoji(pack: ContentPack, text: str) -> None:
    found = pack.find_behaviour(text)
    assert found is not None and found.key == "own-it"


def test_find_behaviour_ignores_a_skin_tone(pack: ContentPack) -> None:
    found = pack.find_behaviour("handshake::skin-tone-3")
    assert found is not None and found.key == "own-it"


@pytest.mark.parametrize("text", ["", "::", "thumbsup", "own", "Owned it"])
def test_find_behaviour_finds_nothing_for_other_text(pack: ContentPack, text: str) -> None:
    assert pack.find_behaviour(text) is None


def test_lookups_by_key(pack: ContentPack) -> None:
    assert _must(pack.behaviour("extra-mile")).emoji == "star"
    assert _must(pack.question("align-role-meaning")).dimension == "alignment"
    assert _must(pack.message("closing-the-loop")).prompt_key == "escalation-loop"
    assert _must(pack.prompt("escalation-loop")).targets[0] == "empower-escalate-fixed"
    assert [p.key for p in pack.prompts_for_question("align-recognition-right")] == ["recognise-the-right-things"]
    assert pack.behaviour("nope") is None
    assert pack.question("nope") is None
    assert pack.message("nope") is None
    assert pack.prompt("nope") is None
    assert pack.prompts_for_question("nope") == ()


# Choices


def test_likert5_choices(pack: ContentPack) -> None:
    assert _must(pack.question("align-role-meaning")).choices == (
        (1, "Strongly disagree"),
        (2, "Disagree"),
        (3, "Neutral"),
        (4, "Agree"),
        (5, "Strongly agree"),
    )


def test_nps11_choices_carry_anchors_at_the_ends_only(pack: ContentPack) -> None:
    choices = _must(pack.question("outcome-recommend")).choices
    assert [value for value, _ in choices] == list(range(11))
    assert choices[0] == (0, "0 — Not at all likely")
    assert choices[10] == (10, "10 — Extremely likely")
    assert choices[1:10] == tuple((n, str(n)) for n in range(1, 10))


def test_scale_wording_comes_from_the_pack(raw: Raw) -> None:
    raw["questions"]["scales"] = {
        "likert5": {"labels": ["Never", "Rarely", "Sometimes", "Often", "Always"]},
        "nps11": {"low": "Not at all", "high": "Completely"},
    }
    pack = validate_pack_data(raw)
    assert _must(pack.question("align-role-meaning")).choices[4] == (5, "Always")
    assert _must(pack.question("outcome-recommend")).choices[10] == (10, "10 — Completely")


def test_without_scales_tables_the_standard_wording_is_used(raw: Raw) -> None:
    del raw["questions"]["scales"]
    pack = validate_pack_data(raw)
    assert _must(pack.question("align-role-meaning")).choices[0] == (1, "Strongly disagree")
    assert _must(pack.question("outcome-recommend")).choices[0] == (0, "0 — Not at all likely")


def test_a_question_built_by_hand_uses_the_standard_wording() -> None:
    assert Question("q", "alignment", "I know.", "likert5").choices[2] == (3, "Neutral")
    assert Question("q", "outcome", "How likely?", "nps11").choices[10] == (10, "10 — Extremely likely")


def test_the_general_reactions_label_comes_from_behaviours_toml_or_the_default(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_PACK_DIR, tmp_path, dirs_exist_ok=True)
    behaviours = tmp_path / "behaviours.toml"
    text = behaviours.read_text()
    assert load_pack(tmp_path).reaction_label == "Customer focus"

    behaviours.write_text(text.replace('reaction_label = "Customer focus"', 'reaction_label = "Kundenfokus"'))
    assert load_pack(tmp_path).reaction_label == "Kundenfokus"

    behaviours.write_text(text.replace('reaction_label = "Customer focus"', ""))
    assert load_pack(tmp_path).reaction_label == "Customer focus"

    behaviours.write_text(text.replace('reaction_label = "Customer focus"', f'reaction_label = "{"x" * 41}"'))
    with pytest.raises(ContentPackError, match=r'^behaviours\.toml: "reaction_label" is 41 characters long'):
        load_pack(tmp_path)
