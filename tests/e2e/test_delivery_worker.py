"""The outbox worker against the Slack emulator: exactly once, rate limits honoured, failures recorded."""

from __future__ import annotations

from datetime import timedelta

from bot.platform.outbox.keys import DeliveryKey, DeliveryKind
from bot.platform.outbox.queue import enqueue_alone, failure_notice
from bot.platform.outbox.sender import DeliveryWorker
from bot.platform.runtime import Runtime
from bot.platform.timesource import ManualTime
from emulator import Fault, SlackEmulator
from storage import deliveries
from storage.db import session_scope
from storage.models import DeliveryState
from tests.e2e.conftest import ADMIN, ALICE, BOB, CAROL, RECOGNITION


def queue(runtime: Runtime, key: str, channel: str, **payload: object) -> None:
    enqueue_alone(
        runtime.engine,
        DeliveryKey(key, DeliveryKind.NOTICE),
        channel=channel,
        payload={"text": f"hello {key}", **payload},
        now=runtime.clock.now(),
    )


def state_of(runtime: Runtime, key: str) -> str:
    with session_scope(runtime.engine) as session:
        row = deliveries.get_by_key(session, key)
        assert row is not None
        return row.state


def test_each_queued_message_is_posted_once_with_its_key_in_metadata(runtime: Runtime, slack: SlackEmulator) -> None:
    queue(runtime, "t:1", ALICE)
    queue(runtime, "t:2", RECOGNITION)

    first = runtime.delivery_worker().drain()
    second = runtime.delivery_worker().drain()

    assert (first.sent, second.sent) == (2, 0)
    [dm] = slack.dms_to(ALICE)
    assert dm.text == "hello t:1"
    assert dm.metadata["event_payload"] == {"key": "t:1"}
    assert [m.text for m in slack.messages(RECOGNITION)] == ["hello t:2"]
    assert state_of(runtime, "t:1") == DeliveryState.SENT


def test_rate_limit_waits_out_retry_after_then_sends(runtime: Runtime, slack: SlackEmulator, clock: ManualTime) -> None:
    slack.faults.add(Fault.rate_limited("chat.postMessage", retry_after=7, times=1))
    queue(runtime, "t:1", ALICE)
    start = clock.now()

    report = runtime.delivery_worker().drain()

    assert report.rate_limited == 1
    assert report.sent == 1
    assert clock.now() - start >= timedelta(seconds=7)
    assert len(slack.dms_to(ALICE)) == 1
    with session_scope(runtime.engine) as session:
        assert deliveries.get_by_key(session, "t:1").attempts == 1  # the 429 was not counted as a failed try


def test_server_error_is_settled_then_sent_later_with_backoff(
    runtime: Runtime, slack: SlackEmulator, clock: ManualTime
) -> None:
    slack.faults.add(Fault.server_error("chat.postMessage", status=503, times=1))
    queue(runtime, "t:1", ALICE)

    report = runtime.delivery_worker().drain()

    assert (report.sent, report.ambiguous) == (0, 1)
    assert state_of(runtime, "t:1") == DeliveryState.PENDING
    assert runtime.delivery_worker().drain().sent == 0  # not due yet
    clock.advance(timedelta(seconds=31))
    later = runtime.delivery_worker().drain()
    assert (later.recovered, later.sent) == (1, 1)  # looked for first: not there, so sent
    assert len(slack.dms_to(ALICE)) == 1


def test_timeout_is_ambiguous_and_settled_through_history(
    runtime: Runtime, slack: SlackEmulator, clock: ManualTime
) -> None:
    runtime.client.timeout = 0.2
    slack.faults.add(Fault.slow("chat.postMessage", seconds=0.5, times=1))
    queue(runtime, "t:1", ALICE)

    report = runtime.delivery_worker().drain()
    slack.wait_idle()  # Slack finishes posting after the bot stopped waiting
    clock.advance(timedelta(seconds=31))
    later = runtime.delivery_worker().drain()

    assert (report.ambiguous, later.recovered, later.sent) == (1, 1, 0)
    assert state_of(runtime, "t:1") == DeliveryState.SENT
    assert len(slack.dms_to(ALICE)) == 1


def withdraw(runtime: Runtime) -> int:
    """Withdraw every queued notice, as closing a round or pausing a schedule withdraws its messages."""
    with session_scope(runtime.engine) as session:
        return deliveries.cancel_pending(session, kinds=[DeliveryKind.NOTICE], ref_id=None)


def test_a_message_withdrawn_after_its_answer_was_lost_is_kept_when_slack_has_it(
    runtime: Runtime, slack: SlackEmulator, clock: ManualTime
) -> None:
    slack.faults.add(Fault.answer_lost("chat.postMessage", times=1))
    queue(runtime, "t:1", ALICE)
    runtime.delivery_worker().drain()
    slack.wait_idle()

    assert withdraw(runtime) == 0  # Slack may have it: not cancelled blind
    clock.advance(timedelta(seconds=31))
    later = runtime.delivery_worker().drain()

    assert (later.recovered, later.sent) == (1, 0)
    assert state_of(runtime, "t:1") == DeliveryState.SENT  # it is in Slack, and the record says so
    assert len(slack.dms_to(ALICE)) == 1


def test_a_message_withdrawn_after_a_lost_answer_is_never_sent_when_slack_lacks_it(
    runtime: Runtime, slack: SlackEmulator, clock: ManualTime
) -> None:
    slack.faults.add(Fault.server_error("chat.postMessage", status=503, times=1))
    queue(runtime, "t:1", ALICE)
    runtime.delivery_worker().drain()

    withdraw(runtime)
    clock.advance(timedelta(seconds=31))
    later = runtime.delivery_worker().drain()

    assert (later.recovered, later.sent) == (1, 0)
    assert state_of(runtime, "t:1") == DeliveryState.CANCELLED
    assert slack.dms_to(ALICE) == []


def test_permanent_error_is_recorded_and_reported_once(runtime: Runtime, slack: SlackEmulator) -> None:
    slack.faults.add(
        Fault.error(
            "chat.postMessage",
            "channel_not_found",
            times=None,
            when=lambda args: args.get("channel") == RECOGNITION,
        )
    )
    queue(runtime, "t:1", RECOGNITION, **failure_notice(ADMIN, "A shout-out could not be posted."))

    runtime.delivery_worker().drain()
    runtime.delivery_worker().drain()

    assert state_of(runtime, "t:1") == DeliveryState.FAILED
    notices = slack.dms_to(ADMIN)
    assert len(notices) == 1
    assert "could not be posted" in notices[0].text
    assert "channel_not_found" in notices[0].text


def test_transient_errors_give_up_after_the_last_attempt(
    runtime: Runtime, slack: SlackEmulator, clock: ManualTime
) -> None:
    slack.faults.add(Fault.server_error("chat.postMessage", status=500, times=None))
    queue(runtime, "t:1", ALICE)
    worker = DeliveryWorker(runtime.engine, runtime.client, clock, pacers=runtime.pacers, max_attempts=3)

    for _ in range(4):
        worker.drain()
        clock.advance(timedelta(hours=1))

    assert state_of(runtime, "t:1") == DeliveryState.FAILED


def test_a_crash_mid_send_neither_repeats_nor_skips(runtime: Runtime, slack: SlackEmulator, clock: ManualTime) -> None:
    for user in (ALICE, BOB, CAROL):
        queue(runtime, f"t:{user}", user)
    crashed = DeliveryWorker(runtime.engine, runtime.client, clock, pacers=runtime.pacers, worker_id="crashed")
    claimed = crashed._claim()
    assert len(claimed) == 3
    # The crashed process had posted Alice's message but died before recording it.
    runtime.client.chat_postMessage(
        channel=ALICE,
        text="hello",
        metadata={"event_type": "cadence_delivery", "event_payload": {"key": f"t:{ALICE}"}},
    )

    clock.advance(timedelta(minutes=3))
    report = runtime.delivery_worker().drain()

    assert report.recovered == 3
    assert report.sent == 2
    assert [len(slack.dms_to(u)) for u in (ALICE, BOB, CAROL)] == [1, 1, 1]
    assert all(state_of(runtime, f"t:{u}") == DeliveryState.SENT for u in (ALICE, BOB, CAROL))


def test_two_workers_draining_at_once_send_each_message_once(
    runtime: Runtime, slack: SlackEmulator, clock: ManualTime
) -> None:
    import threading

    slack.set_tiers(False)  # twenty DMs a second to one person would meet Slack's per-channel limit
    users = [ALICE, BOB, CAROL]
    for i in range(60):
        queue(runtime, f"t:{i}", users[i % 3])
    workers = [
        DeliveryWorker(runtime.engine, runtime.client, clock, pacers=runtime.pacers, batch_size=5) for _ in range(2)
    ]
    threads = [threading.Thread(target=w.drain) for w in workers]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    posted = [c.args["metadata"]["event_payload"]["key"] for c in slack.calls_to("chat.postMessage")]
    assert sorted(posted) == sorted(f"t:{i}" for i in range(60))


def test_recovery_waits_when_slack_cannot_say_whether_a_message_arrived(
    runtime: Runtime, slack: SlackEmulator, clock: ManualTime
) -> None:
    queue(runtime, "t:1", ALICE)
    DeliveryWorker(runtime.engine, runtime.client, clock, pacers=runtime.pacers, worker_id="crashed")._claim()
    clock.advance(timedelta(minutes=3))
    slack.faults.add(Fault.server_error("conversations.history", status=503, times=1))

    first = runtime.delivery_worker().drain()

    assert (first.sent, first.ambiguous) == (0, 1)
    assert state_of(runtime, "t:1") == DeliveryState.PENDING  # still unsettled: looked for again, not resent
    assert runtime.delivery_worker().drain().sent == 0
    clock.advance(timedelta(minutes=3))
    second = runtime.delivery_worker().drain()
    assert (second.recovered, second.sent) == (1, 1)
    assert len(slack.dms_to(ALICE)) == 1


def test_recovery_falls_back_to_sending_when_history_is_refused_for_good(
    runtime: Runtime, slack: SlackEmulator, clock: ManualTime
) -> None:
    queue(runtime, "t:1", ALICE)
    DeliveryWorker(runtime.engine, runtime.client, clock, pacers=runtime.pacers, worker_id="crashed")._claim()
    clock.advance(timedelta(minutes=3))
    slack.faults.add(Fault.error("conversations.history", "missing_scope", times=None))

    report = runtime.delivery_worker().drain()

    assert (report.recovered, report.sent) == (1, 1)
    assert state_of(runtime, "t:1") == DeliveryState.SENT
