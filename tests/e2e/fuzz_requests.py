"""Random request shapes for every listener Cadence registers, as hypothesis strategies.

Every listener `tests.support.registrations` finds is fuzzed. Each strategy builds a signed-ready body: the fields
Slack sends are each either well-formed, missing, or replaced by junk of any JSON shape.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from emulator import SlackEmulator
from emulator.signing import form_body, interactive_body, json_body
from tests.e2e.conftest import (
    ADMIN,
    ALICE,
    BOB,
    CHAMPION,
    CHAMPIONS,
    DAN,
    GENERAL,
    GONE,
    LEADER,
    OTHER_BOT,
    RECOGNITION,
    TEAM_A,
)
from tests.e2e.fuzz_clicks import Seen, near, real_clicks, real_submissions
from tests.e2e.fuzz_words import COMMAND_TEXTS, STATE_KEYS, TOP_LEVEL_FIELDS, VALUES
from tests.e2e.team_support import FAY
from tests.support.registrations import Registered, registered

OMIT = object()
PEOPLE = (ADMIN, LEADER, CHAMPION, ALICE, BOB, DAN, FAY, OTHER_BOT, GONE, "U0NOBODY")
CHANNELS = (GENERAL, CHAMPIONS, TEAM_A, "D0DIRECT", "C0UNKNOWN")
leaf = st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False) | st.text(max_size=12)
junk = st.recursive(
    leaf,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def any_request(slack: SlackEmulator) -> st.SearchStrategy[Body]:
    """Well-formed requests with junk values inside, requests with junk anywhere, and bodies of no shape."""
    found, seen = registered(), Seen.of(slack, PEOPLE, (*CHANNELS, RECOGNITION))
    loose, strict = Shapes(slack, found, seen, structural=True), Shapes(slack, found, seen, structural=False)
    clicks = real_clicks(slack, seen, PEOPLE, junk).map(
        lambda p: Body("click", interactive_body(p), "application/x-www-form-urlencoded")
    )
    submissions = real_submissions(slack, seen, PEOPLE, CHANNELS, junk).map(
        lambda p: Body("submission", interactive_body(p), "application/x-www-form-urlencoded")
    )
    shaped = (strict.any_request(), strict.any_request(), loose.any_request())
    return st.one_of(*shaped, clicks, clicks, submissions, Shapes.junk())


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The well-formed value (most often, so that requests reach deep into the listeners), none at all, or junk."""
    return st.one_of(strategy, strategy, strategy, strategy, st.just(OMIT), junk)


def _as_is(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return strategy


def _object(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(fields).map(lambda d: {k: v for k, v in d.items() if v is not OMIT})


@dataclass(frozen=True)
class Body:
    """A request body and its content type, ready to be signed."""

    kind: str
    text: str
    content_type: str


class Shapes:
    """The strategies, bound to the emulator that issues real trigger ids and response URLs."""

    def __init__(self, slack: SlackEmulator, found: Registered, seen: Seen, *, structural: bool) -> None:
        """Button values and modal metadata `seen` in what the bot sent are used as they are and altered.
        `structural`: the fields Slack always sends (who, where, which action or view) may be missing or junk too;
        otherwise only the values inside (button values, form state, metadata, texts) are."""
        self.slack = slack
        self.found = found
        self.seen = seen
        self.texts = st.one_of(near(seen.values), st.sampled_from(VALUES), st.text(max_size=20))
        self.metadata = near(seen.metadata)
        self.m: Callable[[st.SearchStrategy[Any]], st.SearchStrategy[Any]] = maybe if structural else _as_is

    def any_request(self) -> st.SearchStrategy[Body]:
        return st.one_of(self.command(), self.block_action(), self.view_submission(), self.shortcut(), self.event())

    def _trigger(self) -> st.SearchStrategy[Any]:
        return self.m(st.sampled_from(PEOPLE).map(self.slack.new_trigger_id))

    def _urls(self) -> st.SearchStrategy[str]:
        return st.tuples(st.sampled_from(CHANNELS), st.sampled_from(PEOPLE)).map(
            lambda cu: self.slack.response_url(*cu)
        )

    def _response_url(self) -> st.SearchStrategy[Any]:
        return self.m(self._urls())

    def command(self) -> st.SearchStrategy[Body]:
        fields = _object(
            command=st.sampled_from(self.found.commands),
            text=st.one_of(st.sampled_from(COMMAND_TEXTS), st.text(max_size=40)),
            user_id=self._form_field(st.sampled_from(PEOPLE)),
            channel_id=self._form_field(st.sampled_from(CHANNELS)),
            trigger_id=st.one_of(st.sampled_from(PEOPLE).map(self.slack.new_trigger_id), st.just(OMIT)),
            response_url=st.one_of(self._urls(), st.just(OMIT)),
        )
        return fields.map(lambda f: Body("command", form_body(f), "application/x-www-form-urlencoded"))

    def _form_field(self, good: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
        """A form field is always a string when present."""
        return good if self.m is _as_is else st.one_of(good, good, st.just(OMIT), st.text(max_size=12))

    def _action_id(self) -> st.SearchStrategy[str]:
        def concrete(constraint: str | re.Pattern[str]) -> st.SearchStrategy[str]:
            if isinstance(constraint, str):
                return st.just(constraint)
            prefix = constraint.pattern.lstrip("^")
            return st.text(max_size=10).map(lambda tail: prefix + tail)

        return st.sampled_from(self.found.actions).flatmap(concrete)

    def _user(self) -> st.SearchStrategy[Any]:
        return self.m(st.sampled_from(PEOPLE).map(lambda u: {"id": u, "team_id": "T0CADENCE"}))

    def block_action(self) -> st.SearchStrategy[Body]:
        action = _object(action_id=self._action_id(), value=maybe(self.texts), block_id=maybe(st.text(max_size=8)))
        payload = _object(
            type=st.just("block_actions"),
            user=self._user(),
            actions=self.m(st.lists(action, min_size=1, max_size=2)),
            trigger_id=self._trigger(),
            response_url=self._response_url(),
            channel=self.m(st.sampled_from(CHANNELS).map(lambda c: {"id": c})),
            container=self.m(_object(channel_id=st.sampled_from(CHANNELS), message_ts=maybe(self.texts))),
            message=self.m(
                _object(ts=maybe(self.texts), text=maybe(self.texts), blocks=maybe(st.lists(junk, max_size=2)))
            ),
        )
        return payload.map(lambda p: Body("block_actions", interactive_body(p), "application/x-www-form-urlencoded"))

    def _state(self) -> st.SearchStrategy[Any]:
        element = st.dictionaries(
            st.sampled_from(STATE_KEYS),
            st.one_of(
                self.texts,
                st.sampled_from(PEOPLE),
                st.fixed_dictionaries({"value": self.texts}),
                st.lists(self.texts, max_size=3),
                junk,
            ),
            max_size=3,
        )
        ids = st.one_of(st.sampled_from([*self._block_ids(), *self.seen.block_ids]), st.text(max_size=6))
        values = st.dictionaries(ids, st.dictionaries(ids, element, max_size=2), max_size=6)
        return self.m(_object(values=maybe(values)))

    @staticmethod
    def _block_ids() -> list[str]:
        from bot.keymessages.draft import F
        from content.blocks import digest_setup, recognition
        from content.blocks.pulses import COMMENT_BLOCK

        draft_fields = [v for k, v in vars(F).items() if not k.startswith("_") and isinstance(v, str)]
        return [
            *draft_fields,
            *("questions", "channels", "groups", "cadence", "weekday", "time", "window", "reminder"),
            *(digest_setup.CHANNEL, digest_setup.SCOPE, digest_setup.WEEKDAY, digest_setup.TIMEZONE),
            *(recognition.RECIPIENTS_BLOCK, recognition.BEHAVIOUR_BLOCK, recognition.MESSAGE_BLOCK),
            *(recognition.RECIPIENTS_ACTION, recognition.BEHAVIOUR_ACTION, recognition.MESSAGE_ACTION),
            COMMENT_BLOCK,
        ]

    def view_submission(self) -> st.SearchStrategy[Body]:
        metadata = st.one_of(
            self.metadata, st.text(max_size=20), junk.map(json.dumps), st.just('{"schedule_id": 99999999999}')
        )
        view = _object(
            type=self.m(st.just("modal")),
            callback_id=st.sampled_from(self.found.views),
            id=maybe(st.text(max_size=10)),
            private_metadata=maybe(metadata),
            state=self._state(),
        )
        payload = _object(type=st.just("view_submission"), user=self._user(), view=self.m(view))
        return payload.map(lambda p: Body("view_submission", interactive_body(p), "application/x-www-form-urlencoded"))

    def shortcut(self) -> st.SearchStrategy[Body]:
        payload = _object(
            type=st.just("message_action"),
            callback_id=st.sampled_from(self.found.shortcuts),
            user=self._user(),
            channel=self.m(st.sampled_from(CHANNELS).map(lambda c: {"id": c})),
            message=self.m(_object(ts=maybe(self.texts), user=maybe(st.sampled_from(PEOPLE)))),
            message_ts=maybe(self.texts),
            trigger_id=self._trigger(),
            response_url=self._response_url(),
        )
        return payload.map(lambda p: Body("shortcut", interactive_body(p), "application/x-www-form-urlencoded"))

    def event(self) -> st.SearchStrategy[Body]:
        item = _object(type=maybe(st.just("message")), channel=maybe(st.sampled_from(CHANNELS)), ts=maybe(self.texts))
        files = st.lists(
            _object(name=maybe(st.just("pack.zip")), url_private=maybe(self.texts), id=maybe(self.texts)), max_size=2
        )
        inner = st.sampled_from(self.found.events).flatmap(
            lambda kind: _object(
                user=st.one_of(
                    self.m(st.sampled_from(PEOPLE)), _object(id=maybe(st.sampled_from(PEOPLE)), deleted=junk)
                ),
                item=self.m(item),
                item_user=maybe(st.sampled_from(PEOPLE)),
                reaction=maybe(st.sampled_from(("tada", "clap", "raised_hands", "star"))),
                tab=maybe(st.sampled_from(("home", "messages"))),
                channel=maybe(st.sampled_from(CHANNELS)),
                channel_type=maybe(st.just("im")),
                files=maybe(files),
            ).map(lambda e: {**e, **kind})
        )
        envelope = _object(
            type=st.just("event_callback"),
            team_id=st.just("T0CADENCE"),
            event_id=st.text(min_size=1, max_size=10),
            event=self.m(inner),
        )
        return envelope.map(lambda p: Body("event", json_body(p), "application/json"))

    @staticmethod
    def junk() -> st.SearchStrategy[Body]:
        """Bodies that are not Slack requests at all: JSON of any shape, a `payload=` of any shape (often an object
        with Slack's top-level fields holding anything, null included), plain text."""
        fields = st.dictionaries(st.sampled_from(TOP_LEVEL_FIELDS), st.none() | junk, min_size=1, max_size=4)
        bodies = st.one_of(junk, fields)
        as_json = bodies.map(lambda j: Body("junk json", json.dumps(j), "application/json"))
        as_payload = bodies.map(
            lambda j: Body("junk payload", interactive_body(j), "application/x-www-form-urlencoded")
        )  # type: ignore[arg-type]
        as_text = st.text(max_size=40).map(lambda t: Body("junk text", t, "application/x-www-form-urlencoded"))
        not_json = st.text(max_size=20).map(lambda t: Body("not json", "{" + t, "application/json"))
        return st.one_of(as_json, as_payload, as_text, not_json)
