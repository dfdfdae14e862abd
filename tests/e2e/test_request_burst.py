"""A burst of malformed and random requests alongside normal traffic (shout-outs, pulse clicks, ticks) on SQLite.

Time moves a little every time Cadence reads the clock, as it does in production, so the programme settings (read
again every 30 s) go stale in the middle of requests. Nobody's request may then wait for a lock its own thread
holds: that stalls every writer for the 30 s busy timeout and ends in "database is locked". The watch of every
end-to-end test (tests/support/transactions.py) also fails this test if a Web API call or a second write
transaction starts inside a write transaction.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis.errors import HypothesisWarning
from sqlmodel import select

from bot.platform.timesource import ManualTime
from bot.pulses import answer_token
from emulator import SlackEmulator
from emulator.signing import signed_headers
from storage.db import session_scope
from storage.models import PulseAnswer, Shoutout
from tests.conftest import START
from tests.e2e.conftest import ALICE, BOB, CAROL, DAN, ERIN
from tests.e2e.fuzz_requests import Body, any_request
from tests.e2e.pulse_steps import answer, submit_new_pulse
from tests.support.bot import BotUnderTest, Reply

STEP = timedelta(seconds=2)
BURST_SECONDS = 20  # the burst takes a few seconds; one lock held for the busy timeout takes 30
PEOPLE = (ALICE, BOB, CAROL, DAN, ERIN)
MALFORMED = (
    Body("not JSON", "{not json", "application/json"),
    Body("a JSON list", "[1, 2, 3]", "application/json"),
    Body("a payload that is a list", "payload=%5B1%5D", "application/x-www-form-urlencoded"),
    Body("a payload that is not JSON", "payload=%7Bnope", "application/x-www-form-urlencoded"),
    Body("block_actions without actions", 'payload={"type":"block_actions","user":{"id":"U0ALICE"},"actions":[]}', ""),
    Body(
        "a button value that is not a number",
        'payload={"type":"block_actions","user":{"id":"U0ALICE"},"actions":[{"action_id":"keymsg_pause","value":"x"}]}',
        "",
    ),
    Body("app_home_opened without user", '{"type":"event_callback","event":{"type":"app_home_opened"}}', ""),
    Body(
        "a view submission with junk state",
        'payload={"type":"view_submission","user":{"id":"U0ALICE"},"view":{"type":"modal",'
        '"callback_id":"shoutout_modal","state":{"values":[1]}}}',
        "",
    ),
    Body(
        "a view submission with bad private_metadata",
        'payload={"type":"view_submission","user":{"id":"U0LEADER"},"view":{"type":"modal",'
        '"callback_id":"keymsg_compose","private_metadata":"{oops","state":{"values":{}}}}',
        "",
    ),
    Body("an event that is a string", '{"type":"event_callback","event":"app_home_opened"}', ""),
    Body("a command with no user", "command=%2Fshoutout&text=hi", "application/x-www-form-urlencoded"),
    Body("a reaction on nothing", '{"type":"event_callback","event":{"type":"reaction_added","item":7}}', ""),
)


class CrawlingTime(ManualTime):
    """A clock that moves on by `STEP` each time it is read, the way real time passes while requests run."""

    def now(self) -> datetime:
        return self.advance(STEP)


@pytest.fixture
def clock() -> ManualTime:
    return CrawlingTime(START)


def test_a_burst_of_malformed_requests_beside_normal_traffic_holds_no_lock_and_loses_nothing(
    bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime, caplog: pytest.LogCaptureFixture
) -> None:
    submit_new_pulse(bot, slack)
    clock.advance(timedelta(hours=1))
    bot.tick()
    bot.tick()
    dms = {person: slack.dms_to(person)[-1] for person in PEOPLE}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HypothesisWarning)  # drawing outside @given, on purpose
        fuzzed = [any_request(slack).example() for _ in range(30)]
    caplog.clear()

    def shout(giver: str, n: int) -> Callable[[], Reply]:
        recipient = PEOPLE[(PEOPLE.index(giver) + 1) % len(PEOPLE)]
        return lambda: bot.command(giver, "/shoutout", f"<@{recipient}|x> own-it Stayed with the customer, visit {n}")

    def click(person: str, question: int) -> Callable[[], Reply]:
        return lambda: answer(bot, slack, person, question, 4, message=dms[person])

    def send(body: Body) -> Callable[[], Reply]:
        kind = body.content_type or (
            "application/json" if body.text.startswith("{") else "application/x-www-form-urlencoded"
        )
        return lambda: bot.post(body.text, signed_headers(bot.secret, body.text, content_type=kind))

    normal: list[Callable[[], Any]] = [shout(p, n) for n in range(3) for p in PEOPLE]
    normal += [click(p, q) for p in PEOPLE for q in (1, 2, 3)]
    normal += [bot.tick, bot.tick, bot.tick]
    odd = [send(b) for b in (*MALFORMED, *fuzzed)]
    jobs = [job for pair in zip(normal, odd * 2, strict=False) for job in pair] + normal[len(odd) * 2 :]

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [f.result() for f in [pool.submit(job) for job in jobs]]
    took = time.monotonic() - started

    replies = [r for r in results if isinstance(r, Reply)]
    assert all(r.status < 500 for r in replies), [r.status for r in replies]
    assert took < BURST_SECONDS, f"the burst took {took:.1f} s"
    stuck = [r.getMessage() for r in caplog.records if r.exc_info or "locked" in r.getMessage()]
    assert not stuck, stuck
    assert "could not read programme settings" not in caplog.text
    # A fuzzed request may be a well-formed shout-out or answer of its own: count what the normal traffic left.
    with session_scope(bot.runtime.engine) as session:
        given = {(s.giver, s.message) for s in session.exec(select(Shoutout)) if "visit" in s.message}
        answers = list(session.exec(select(PulseAnswer)))
    assert given == {(p, f"Stayed with the customer, visit {n}") for p in PEOPLE for n in range(3)}
    tokens = {answer_token(bot.runtime.settings.pulse_secret, a.round_id, p) for a in answers for p in PEOPLE}
    assert len([a for a in answers if a.token in tokens]) == 3 * len(PEOPLE)
