"""Reading a pack's TOML tables into its values, field by field, so that every problem names its file and entry."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NoReturn

from content.pack_model import (
    CLARITY_ID,
    DEFAULT_CLARITY,
    DEFAULT_LIKERT5_LABELS,
    DEFAULT_NPS11_ANCHORS,
    DEFAULT_REACTION_LABEL,
    DIMENSIONS,
    FOLLOWUP_PREFIX,
    PACK_FILES,
    SCALES,
    Behaviour,
    ContentPack,
    ContentPackError,
    FollowUp,
    KeyMessage,
    Prompt,
    Question,
    Track,
)

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_EMOJI_NAME = re.compile(r"[a-z0-9_+'-]+")


def validate_pack_data(data: Mapping[str, Mapping[str, Any]]) -> ContentPack:
    """Build a pack from raw TOML tables keyed by file stem ("behaviours", "questions", ...)."""
    for stem in PACK_FILES:
        if not isinstance(data.get(stem), Mapping):
            raise ContentPackError(f"{stem}.toml: missing from the pack")
    statement, values = _promise(data["promise"])
    questions = _questions(data["questions"])
    labels = _scale_labels(data["questions"].get("scales", {}))
    prompts = _prompts(data["prompts"], {question.id for question in questions})
    messages = _messages(data["messages"], {prompt.key for prompt in prompts})
    return ContentPack(
        behaviours=_behaviours(data["behaviours"]),
        questions=questions,
        messages=messages,
        tracks=_tracks(data["messages"], {message.key for message in messages}),
        prompts=prompts,
        promise_statement=statement,
        promise_values=values,
        reaction_label=_reaction_label(data["behaviours"]),
        followup=_followup(data["questions"], labels),
        clarity=_clarity(data["questions"]),
    )


class _Entry:
    """One table of a pack file, read field by field so that every error says where it is."""

    def __init__(self, raw: object, where: str) -> None:
        if not isinstance(raw, Mapping):
            raise ContentPackError(f"{where}: must be a table")
        self.raw = raw
        self.where = where

    def fail(self, problem: str) -> NoReturn:
        raise ContentPackError(f"{self.where}: {problem}")

    def text(self, name: str, max_len: int, min_len: int = 1) -> str:
        value = self.raw.get(name)
        if value is None:
            self.fail(f'missing field "{name}"')
        return self._checked_text(value, f'"{name}"', max_len, min_len)

    def texts(self, name: str, max_len: int) -> tuple[str, ...]:
        values = self.raw.get(name)
        if values is None:
            self.fail(f'missing field "{name}"')
        if not isinstance(values, list):
            self.fail(f'"{name}" must be a list of text')
        return tuple(
            self._checked_text(value, f'"{name}" item {number}', max_len)
            for number, value in enumerate(values, start=1)
        )

    def slug(self, name: str) -> str:
        value = self.text(name, 64)
        if not _SLUG.fullmatch(value):
            self.fail(f'{name} "{value}" must be a slug: lowercase letters and digits joined by hyphens')
        return value

    def one_of(self, name: str, allowed: Sequence[str]) -> str:
        value = self.text(name, 64)
        if value not in allowed:
            options = f"{', '.join(allowed[:-1])} or {allowed[-1]}"
            self.fail(f'unknown {name} "{value}" (use {options})')
        return value

    def _checked_text(self, value: object, what: str, max_len: int, min_len: int = 1) -> str:
        if not isinstance(value, str):
            self.fail(f"{what} must be text")
        value = value.strip()
        if not value:
            self.fail(f"{what} is empty")
        if len(value) > max_len:
            self.fail(f"{what} is {len(value)} characters long (at most {max_len})")
        if len(value) < min_len:
            self.fail(f"{what} is {len(value)} characters long (at least {min_len})")
        return value


def _entries(
    data: Mapping[str, Any], stem: str, kind: str, key_field: str = "key", file: str = ""
) -> list[tuple[str, _Entry]]:
    """The ``[[stem]]`` tables of a file (named `stem`.toml unless `file` says), each named by its unique key for
    later error messages."""
    file = file or f"{stem}.toml"
    raw = data.get(stem)
    if not raw:
        raise ContentPackError(f"{file}: no {kind}s (add at least one [[{stem}]] table)")
    if not isinstance(raw, list):
        raise ContentPackError(f'{file}: "{stem}" must be a list of [[{stem}]] tables')
    seen: set[str] = set()
    entries = []
    for number, item in enumerate(raw, start=1):
        entry = _Entry(item, f"{file}: {kind} #{number}")
        key = entry.slug(key_field)
        if key in seen:
            raise ContentPackError(f'{file}: {kind} {key_field} "{key}" is used more than once')
        seen.add(key)
        entry.where = f'{file}: {kind} "{key}"'
        entries.append((key, entry))
    return entries


def _promise(data: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    entry = _Entry(data, "promise.toml")
    statement = entry.text("statement", 300)
    values = entry.texts("values", 120)
    if not values:
        entry.fail('"values" is empty (list at least one value)')
    return statement, values


def _behaviours(data: Mapping[str, Any]) -> tuple[Behaviour, ...]:
    behaviours = tuple(
        Behaviour(key, entry.text("label", 40), _emoji(entry), entry.text("description", 150))
        for key, entry in _entries(data, "behaviours", "behaviour")
    )
    _refuse_shared(behaviours, "emoji", "a reaction must name a single behaviour")
    _refuse_shared(behaviours, "label", "people pick behaviours by label")
    return behaviours


def _reaction_label(data: Mapping[str, Any]) -> str:
    """behaviours.toml's optional `reaction_label`: packs written before it existed get the default."""
    entry = _Entry(data, "behaviours.toml")
    return entry.text("reaction_label", 40) if "reaction_label" in data else DEFAULT_REACTION_LABEL


def _emoji(entry: _Entry) -> str:
    name = entry.text("emoji", 64).strip(":").lower()
    if not _EMOJI_NAME.fullmatch(name):
        entry.fail(f'emoji "{name}" is not a Slack emoji name (write it like "handshake", without colons)')
    return name


def _refuse_shared(behaviours: tuple[Behaviour, ...], field: str, why: str) -> None:
    owners: dict[str, str] = {}
    for behaviour in behaviours:
        value = getattr(behaviour, field).lower()
        if value in owners:
            raise ContentPackError(
                f'behaviours.toml: behaviours "{owners[value]}" and "{behaviour.key}" '
                f'share the {field} "{value}" ({why})'
            )
        owners[value] = behaviour.key


def _questions(data: Mapping[str, Any]) -> tuple[Question, ...]:
    labels = _scale_labels(data.get("scales", {}))
    questions = []
    for question_id, entry in _entries(data, "questions", "question", key_field="id"):
        if question_id.startswith(FOLLOWUP_PREFIX):
            entry.fail(f'question ids may not start with "{FOLLOWUP_PREFIX}" (follow-up questions use it)')
        dimension = entry.one_of("dimension", DIMENSIONS)
        text = entry.text("text", 150)
        scale = entry.one_of("scale", SCALES)
        questions.append(Question(question_id, dimension, text, scale, labels[scale]))
    for dimension in DIMENSIONS:
        if not any(question.dimension == dimension for question in questions):
            raise ContentPackError(f"questions.toml: no {dimension} questions (add at least one)")
    return tuple(questions)


def _followup(data: Mapping[str, Any], labels: dict[str, tuple[str, ...]]) -> FollowUp:
    """The `[followup]` question's wording, or the standard one when the file has none (an older pack)."""
    if "followup" not in data:
        return FollowUp(labels=labels["likert5"])
    entry = _Entry(data["followup"], "questions.toml: [followup]")
    text, scale = entry.text("text", 150), entry.one_of("scale", SCALES)
    for field in ("{date}", "{action}"):
        if field not in text:
            entry.fail(f'"text" must say {field}, where the action\'s date and words go')
    own = entry.texts("labels", 40) if "labels" in entry.raw else labels[scale]
    if scale == "likert5" and len(own) != 5:
        entry.fail(f'"labels" must list 5 labels, for 1 to 5 (found {len(own)})')
    return FollowUp(text, scale, own)


def _clarity(data: Mapping[str, Any]) -> Question:
    """The optional ``[clarity]`` table of questions.toml: the key messages' check, its text and five labels."""
    if "clarity" not in data:
        return DEFAULT_CLARITY
    entry = _Entry(data["clarity"], "questions.toml: [clarity]")
    labels = entry.texts("labels", 40)
    if len(labels) != 5:
        entry.fail(f'"labels" must list 5 labels, for 1 to 5 (found {len(labels)})')
    return Question(CLARITY_ID, CLARITY_ID, entry.text("text", 150), "likert5", labels)


def _scale_labels(raw: object) -> dict[str, tuple[str, ...]]:
    """The wording of each scale: the file's ``[scales.*]`` tables, or the standard wording where absent."""
    scales = _Entry(raw, 'questions.toml: "scales"').raw
    for name in scales:
        if name not in SCALES:
            raise ContentPackError(f'questions.toml: unknown scale "[scales.{name}]" (use likert5 or nps11)')
    labels = {"likert5": DEFAULT_LIKERT5_LABELS, "nps11": DEFAULT_NPS11_ANCHORS}
    if "likert5" in scales:
        likert = _Entry(scales["likert5"], "questions.toml: [scales.likert5]")
        labels["likert5"] = likert.texts("labels", 40)
        if len(labels["likert5"]) != 5:
            likert.fail(f'"labels" must list 5 labels, for 1 to 5 (found {len(labels["likert5"])})')
    if "nps11" in scales:
        nps = _Entry(scales["nps11"], "questions.toml: [scales.nps11]")
        labels["nps11"] = (nps.text("low", 40), nps.text("high", 40))
    return labels


def _prompts(data: Mapping[str, Any], question_ids: set[str]) -> tuple[Prompt, ...]:
    prompts = []
    for key, entry in _entries(data, "prompts", "prompt"):
        title = entry.text("title", 60)
        question = entry.text("question", 250)
        activity = entry.text("activity", 500)
        targets = entry.texts("targets", 64)
        for target in targets:
            if target not in question_ids:
                entry.fail(f'targets unknown question id "{target}" (not in questions.toml)')
        prompts.append(Prompt(key, title, question, activity, targets))
    return tuple(prompts)


def _messages(data: Mapping[str, Any], prompt_keys: set[str]) -> tuple[KeyMessage, ...]:
    messages = []
    for key, entry in _entries(data, "messages", "message"):
        title = entry.text("title", 60)
        body = entry.text("body", 900, min_len=300)
        prompt_key = entry.slug("prompt_key")
        if prompt_key not in prompt_keys:
            entry.fail(f'prompt_key "{prompt_key}" names no prompt in prompts.toml')
        messages.append(KeyMessage(key, title, body, prompt_key))
    return tuple(messages)


def _tracks(data: Mapping[str, Any], message_keys: set[str]) -> tuple[Track, ...]:
    """The optional ``[[tracks]]`` of messages.toml: ordered lists of the file's own message keys."""
    if "tracks" not in data:
        return ()
    tracks = []
    for key, entry in _entries(data, "tracks", "track", file="messages.toml"):
        title = entry.text("title", 60)
        keys = entry.texts("messages", 64)
        for message_key in keys:
            if message_key not in message_keys:
                entry.fail(f'messages names "{message_key}", which is no message in messages.toml')
        tracks.append(Track(key, title, keys))
    return tuple(tracks)
