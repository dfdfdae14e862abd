"""What the bot has shown so far, and clicks and submissions on it that are nearly right, as hypothesis strategies.

A button reaches deep into its listener only when most of the click is real: the person it was sent to, the value
on it, the message it sits in. `real_clicks` clicks every button and option the bot posted, published or opened,
each time altering one or two things (who clicks, the value, where, the message's blocks as the client sends them).
`real_submissions` submits every modal the bot opened, as the person it was opened for, each input filled with a
choice it offered or one a little off, left out, or junk.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from emulator import SlackEmulator
from emulator.forms import iter_elements


@dataclass(frozen=True)
class Click:
    """One element the bot showed, where, and to whom (`user` None: a channel post anyone may click)."""

    user: str | None
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    block_id: str
    element: dict[str, Any]
    view: dict[str, Any] | None = None
    """The App Home or modal the element is in, for a click in a view rather than in a message."""
    clickable: bool = True
    """False for an input of a modal, which Slack sends only on submission (they never set `dispatch_action`)."""


@dataclass(frozen=True)
class Seen:
    """What the bot has posted, shown and opened so far, for requests to carry near-real values."""

    clicks: tuple[Click, ...]
    metadata: tuple[str, ...]
    """The `private_metadata` of every modal opened."""

    @property
    def values(self) -> tuple[str, ...]:
        """The value of every button and option."""
        return _strings({c.element.get("value") for c in self.clicks})

    @property
    def block_ids(self) -> tuple[str, ...]:
        """The block and action ids of every element, inputs of modals included."""
        return _strings({i for c in self.clicks for i in (c.block_id, c.element.get("action_id"))})

    @classmethod
    def of(cls, slack: SlackEmulator, people: Sequence[str], channels: Sequence[str]) -> Seen:
        people = [p for p in people if p in slack.workspace.users]
        posts = [(None, m) for c in channels for m in slack.messages(c)]
        posts += [(p, m) for p in people for m in slack.dms_to(p)]
        posts += [(e.user, e) for e in slack.ephemerals()]
        clicks = [
            Click(user, m.channel, m.ts, m.text, m.blocks or [], block_id, element)
            for user, m in posts
            for block_id, element in iter_elements(m.blocks or [])
        ]
        homes = [(p, slack.home_view(p)) for p in people]
        views = [(p, v) for p, v in homes if v] + [(p, v) for p in people for v in slack.opened_views(p)]
        clicks += [
            Click(user, "", "", "", view["blocks"], block_id, element, view=view, clickable=block_id not in inputs)
            for user, view in views
            for inputs in [{b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"}]
            for block_id, element in iter_elements(view.get("blocks", []))
        ]
        return cls(tuple(clicks), _strings({v.get("private_metadata") for _, v in views}))


def _strings(found: set[Any]) -> tuple[str, ...]:
    return tuple(sorted(v for v in found if isinstance(v, str) and v))


def near(real_values: Sequence[str]) -> st.SearchStrategy[str]:
    """One of `real_values` as it is, or with a few characters added before or after."""
    real = st.sampled_from(real_values or ("",))
    altered = st.tuples(real, st.text(max_size=3), st.booleans()).map(lambda r: r[1] + r[0] if r[2] else r[0] + r[1])
    return st.one_of(real, altered)


def real_clicks(
    slack: SlackEmulator, seen: Seen, people: Sequence[str], junk: st.SearchStrategy[Any]
) -> st.SearchStrategy[dict[str, Any]]:
    """`block_actions` payloads clicking what the bot showed, most often as it was shown, else a little altered."""
    clickable = [c for c in seen.clicks if c.clickable]
    if not clickable:
        return st.nothing()
    anyone, values = st.sampled_from(people), st.one_of(near(seen.values), junk)
    places = st.sampled_from(sorted({c.channel for c in seen.clicks}))

    def payload(click: Click) -> st.SearchStrategy[dict[str, Any]]:
        return st.fixed_dictionaries(
            {
                "user": _mostly(click.user, anyone) if click.user else anyone,
                "value": _mostly(click.element.get("value", ""), values),
                "channel": _mostly(click.channel, places),
                "blocks": st.one_of(st.just(click.blocks), _mutated(click.blocks, junk)),
            }
        ).map(lambda drawn: _click_payload(slack, click, **drawn))

    return st.sampled_from(clickable).flatmap(payload)


def _mostly(real: Any, other: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.just(real), st.just(real), st.just(real), other)


def _mutated(blocks: list[dict[str, Any]], junk: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    """`blocks` with one block, one of its fields, or one of its elements replaced by junk."""
    if not blocks:
        return st.lists(junk, max_size=2)
    where = st.tuples(st.integers(0, len(blocks) - 1), st.sampled_from(("", "block_id", "elements", "0")), junk)
    return where.map(lambda w: _replaced(blocks, *w))


def _replaced(blocks: list[dict[str, Any]], index: int, field: str, junk: Any) -> list[Any]:
    changed: list[Any] = copy.deepcopy(blocks)
    block = changed[index]
    if not field:
        changed[index] = junk
    elif field == "0" and isinstance(block.get("elements"), list) and block["elements"]:
        block["elements"][0] = junk
    else:
        block[field] = junk
    return changed


def _click_payload(
    slack: SlackEmulator, click: Click, *, user: str, value: Any, channel: str, blocks: list[Any]
) -> dict[str, Any]:
    action = {**click.element, "block_id": click.block_id, "value": value, "action_ts": "1700000000.000001"}
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "team_id": "T0CADENCE"},
        "trigger_id": slack.new_trigger_id(user),
        "actions": [action],
    }
    if click.view is not None:
        return payload | {"container": {"type": "view", "view_id": click.view.get("id")}, "view": click.view}
    return payload | {
        "container": {"type": "message", "message_ts": click.ts, "channel_id": channel},
        "channel": {"id": channel},
        "response_url": slack.response_url(channel, user, click.ts),
        "message": {"ts": click.ts, "text": click.text, "blocks": blocks},
    }


DATES = ("2026-11-23", "2026-12-04", "2026-11-01", "2027-11-23", "9999-12-31", "0001-01-01", "2026-02-30", "")
TIMES = ("09:00", "00:00", "23:59", "24:00", "9:5", "")


def real_submissions(
    slack: SlackEmulator, seen: Seen, people: Sequence[str], channels: Sequence[str], junk: st.SearchStrategy[Any]
) -> st.SearchStrategy[dict[str, Any]]:
    """`view_submission` payloads for the modals the bot opened, their inputs filled nearly as offered."""
    opened = {id(c.view): c for c in seen.clicks if c.view is not None and c.view.get("type") == "modal"}
    if not opened:
        return st.nothing()
    choices = _Choices(st.sampled_from(people), st.sampled_from(channels), st.one_of(near(seen.values), junk), junk)

    def payload(click: Click) -> st.SearchStrategy[dict[str, Any]]:
        view = click.view or {}
        inputs = [b for b in view.get("blocks", []) if b.get("type") == "input"]
        state = st.fixed_dictionaries({b["block_id"]: choices.maybe(b["element"]) for b in inputs})
        metadata = _mostly(view.get("private_metadata", ""), st.one_of(near(seen.metadata), junk))
        return st.tuples(state, metadata).map(
            lambda drawn: {
                "type": "view_submission",
                "user": {"id": click.user, "team_id": "T0CADENCE"},
                "trigger_id": slack.new_trigger_id(click.user or people[0]),
                "view": {**view, "private_metadata": drawn[1], "state": {"values": _present(drawn[0])}},
            }
        )

    return st.sampled_from(list(opened.values())).flatmap(payload)


def _present(state: dict[str, Any]) -> dict[str, Any]:
    return {block_id: value for block_id, value in state.items() if value is not None}


@dataclass(frozen=True)
class _Choices:
    """What a person may choose in each kind of input, or something a little off."""

    people: st.SearchStrategy[str]
    channels: st.SearchStrategy[str]
    texts: st.SearchStrategy[Any]
    junk: st.SearchStrategy[Any]

    def maybe(self, element: dict[str, Any]) -> st.SearchStrategy[Any]:
        """The input's state by its action id, most often chosen as offered; else absent (None) or junk."""
        chosen = self.of(element).map(lambda state: {element.get("action_id", ""): state})
        return st.one_of(chosen, chosen, chosen, st.none(), self.junk)

    def of(self, element: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
        kind = element.get("type", "")
        options = [*element.get("options", []), *(o for g in element.get("option_groups", []) for o in g["options"])]
        option = st.one_of(st.sampled_from(options or [{}]), self.texts.map(lambda v: {"value": v}))
        one_or_many = {
            "users_select": ("selected_user", self.people),
            "multi_users_select": ("selected_users", st.lists(self.people, max_size=4)),
            "conversations_select": ("selected_conversation", self.channels),
            "channels_select": ("selected_channel", self.channels),
            "multi_conversations_select": ("selected_conversations", st.lists(self.channels, max_size=4)),
            "multi_channels_select": ("selected_channels", st.lists(self.channels, max_size=4)),
            "static_select": ("selected_option", option),
            "radio_buttons": ("selected_option", option),
            "multi_static_select": ("selected_options", st.lists(option, max_size=4)),
            "checkboxes": ("selected_options", st.lists(option, max_size=4)),
            "datepicker": ("selected_date", st.one_of(st.sampled_from(DATES), self.texts)),
            "timepicker": ("selected_time", st.one_of(st.sampled_from(TIMES), self.texts)),
        }
        key, value = one_or_many.get(kind, ("value", st.one_of(self.texts, st.text(max_size=400))))
        return value.map(lambda v: {"type": kind, key: v})
