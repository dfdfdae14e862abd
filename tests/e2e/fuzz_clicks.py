"""What the bot has shown so far, and clicks on it that are nearly right, as hypothesis strategies.

A button reaches deep into its listener only when most of the click is real: the person it was sent to, the value
on it, the message it sits in. `real_clicks` clicks every button and option the bot posted, published or opened,
each time altering one or two things (who clicks, the value, where, the message's blocks as the client sends them).
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
        views = [(p, v) for p, v in homes if v] + [(None, v) for v in slack.opened_views()]
        clicks += [
            Click(user, "", "", "", view.get("blocks", []), block_id, element, view=view)
            for user, view in views
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
    if not seen.clicks:
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

    return st.sampled_from(seen.clicks).flatmap(payload)


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
