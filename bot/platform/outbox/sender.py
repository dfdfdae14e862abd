"""Sends what the outbox holds, exactly once, as fast as Slack allows.

Features never call `chat.postMessage` for scheduled or retried work; they `enqueue` a delivery under a key that
names what it is for (`bot.platform.outbox.queue`). The scheduler's worker claims due deliveries in the database,
posts them with bounded concurrency at the pace the process's shared pacers allow, and records each outcome; a
request that wants its own message out at once sends just the deliveries it queued (`send`). Every message carries
its key in Slack message metadata, so a delivery left half-done by a crash is checked against the conversation's
history before it is sent again: a kill mid-fan-out neither skips nor repeats anyone. A delivery whose payload
holds a `file` is uploaded instead of posted (e.g. a digest's chart), after the message it follows.
"""

from __future__ import annotations

import base64
import logging
import os
import threading
import uuid
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from sqlalchemy.engine import Engine

from bot.platform.outbox import keys, queue
from bot.platform.outbox.pacer import Pacers
from bot.platform.slack_calls import CallOutcome, call
from bot.platform.timesource import TimeSource
from storage import deliveries
from storage.db import session_scope
from storage.models import Delivery, DeliveryState

log = logging.getLogger(__name__)

METADATA_EVENT_TYPE = "cadence_delivery"
MAX_BACKOFF = timedelta(hours=1)
FIRST_BACKOFF = timedelta(seconds=30)
FOLLOW_WAIT = timedelta(seconds=5)
RECOVERY_BATCH = 500
"""How soon a file delivery looks again for the message it follows while another worker is sending that one."""


def backoff_after(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … capped at an hour."""
    return min(FIRST_BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


@dataclass(frozen=True)
class PostedCheck:
    """Whether Slack holds a delivery's message: `found` (channel, ts), or not, or `unknown` (Slack did not say)."""

    found: tuple[str, str] | None
    unknown: bool


@dataclass
class DrainReport:
    """What one `drain` or `send` did; the scheduler logs it and the benchmarks read it."""

    sent: int = 0
    failed: int = 0
    retried: int = 0
    rate_limited: int = 0
    recovered: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    def add_error(self, error: str) -> None:
        self.errors[error] = self.errors.get(error, 0) + 1


class DeliveryWorker:
    """Sends due deliveries: every one (`drain`, the scheduler's tick) or those a request queued (`send`). Several
    workers (threads, processes, or clocks started by mistake) may run at once: the database hands each delivery
    to one of them, and the process's pacers space their calls."""

    def __init__(
        self,
        engine: Engine,
        client: WebClient,
        clock: TimeSource,
        *,
        pacers: Pacers,
        concurrency: int = 8,
        batch_size: int = 100,
        lease: timedelta = timedelta(minutes=2),
        max_attempts: int = 8,
        budget: timedelta = timedelta(minutes=10),
        worker_id: str | None = None,
    ) -> None:
        self.engine = engine
        self.client = client
        self.clock = clock
        self.concurrency = concurrency
        self.batch_size = batch_size
        self.lease = lease
        self.max_attempts = max_attempts
        self.budget = budget
        self.worker_id = worker_id or f"{os.uname().nodename}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.pacers = pacers
        self._report_lock = threading.Lock()

    def drain(self) -> DrainReport:
        """Send everything due now (and what falls due while waiting out rate limits), within the time budget."""
        return self._run(among=None)

    def send(self, delivery_ids: Collection[int]) -> DrainReport:
        """Send these deliveries only (the ones a request queued itself), within the time budget, if no other
        sender has them; what Slack turns away for longer stays in the outbox for the scheduler's tick."""
        return self._run(among=delivery_ids) if delivery_ids else DrainReport()

    def _run(self, among: Collection[int] | None) -> DrainReport:
        report = DrainReport()
        deadline = self.clock.now() + self.budget
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="cadence-send") as pool:
            if among is None:
                self._recover_expired(pool, report)
            while self.clock.now() < deadline:
                if (self.pacers.paused_until() or deadline) > deadline:
                    break  # Slack asked to wait past the budget: the next tick sends the rest
                self.pacers.wait_out_pauses()
                batch = self._claim(among)
                if not batch:
                    break
                self._send_batch(pool, batch, report)
        return report

    def _send_batch(self, pool: ThreadPoolExecutor, batch: list[Delivery], report: DrainReport) -> None:
        # Files after messages: a file that follows a message in the same batch finds it settled.
        files = [d for d in batch if d.payload.get("file")]
        for group in ([d for d in batch if not d.payload.get("file")], files):
            list(pool.map(lambda d: self._send(d, report), group))

    def _claim(self, among: Collection[int] | None = None) -> list[Delivery]:
        now = self.clock.now()
        with session_scope(self.engine) as session:
            return deliveries.claim_due(
                session,
                now=now,
                worker=self.worker_id,
                lease_until=now + self.lease,
                limit=self.batch_size,
                among=among,
            )

    def _send(self, delivery: Delivery, report: DrainReport) -> None:
        if delivery.payload.get("file"):
            outcome = self._upload(delivery)
            if outcome is None:
                return
        else:
            outcome = self.pacers.call(
                "chat.postMessage", self.client.chat_postMessage, channel=delivery.channel, **_message_args(delivery)
            )
        self._record(delivery, outcome, report)

    def _upload(self, delivery: Delivery) -> CallOutcome | None:
        """A file delivery (`payload["file"]`) goes up through Slack's external upload flow, once the delivery it
        follows (`payload["after"]`, a key) has been sent; it fails with that one. None: not yet, try shortly."""
        assert delivery.id is not None
        after = delivery.payload.get("after")
        with session_scope(self.engine) as session:
            first = deliveries.get_by_key(session, after) if after else None
            if first is not None and first.state in (DeliveryState.PENDING, DeliveryState.SENDING):
                at = self.clock.now() + FOLLOW_WAIT
                if first.state == DeliveryState.PENDING:
                    at = max(first.next_attempt_at, self.clock.now())
                deliveries.mark_retry(session, delivery.id, at=at, error="waiting", count_attempt=False)
                return None
        if first is not None and first.state != DeliveryState.SENT:
            return CallOutcome(ok=False, data={}, error=f"follows_{first.state}")
        file = delivery.payload["file"]
        return self.pacers.call(
            "files.upload",
            self.client.files_upload_v2,
            channel=delivery.channel,
            content=base64.b64decode(file["content_b64"]),
            filename=file["filename"],
            title=file.get("title") or file["filename"],
            initial_comment=delivery.payload.get("text") or None,
        )

    def _record(self, delivery: Delivery, outcome: CallOutcome, report: DrainReport) -> None:
        assert delivery.id is not None
        now = self.clock.now()
        with self._report_lock:
            if outcome.ok:
                report.sent += 1
            else:
                report.add_error(outcome.error or "unknown")
        with session_scope(self.engine) as session:
            if outcome.ok:
                deliveries.mark_sent(
                    session,
                    delivery.id,
                    now=now,
                    channel=outcome.data.get("channel"),
                    ts=outcome.data.get("ts"),
                )
            elif outcome.rate_limited:
                wait = timedelta(seconds=outcome.retry_after or 1.0)
                deliveries.mark_retry(
                    session, delivery.id, at=now + wait, error=outcome.error or "", count_attempt=False
                )
                self._count(report, "rate_limited")
            elif outcome.transient and delivery.attempts < self.max_attempts:
                at = now + backoff_after(delivery.attempts)
                deliveries.mark_retry(session, delivery.id, at=at, error=outcome.error or "")
                self._count(report, "retried")
            else:
                deliveries.mark_failed(session, delivery.id, error=outcome.error or "unknown")
                self._queue_failure_notice(session, delivery, outcome.error or "unknown", now)
                self._count(report, "failed")

    def _count(self, report: DrainReport, name: str) -> None:
        with self._report_lock:
            setattr(report, name, getattr(report, name) + 1)

    @staticmethod
    def _queue_failure_notice(session: Any, delivery: Delivery, error: str, now: datetime) -> None:
        notice = delivery.payload.get("failure_notice")
        if not notice:
            return
        text = f"{notice['text']} (Slack said: `{error}`)"
        assert delivery.id is not None
        queue.enqueue(
            session,
            keys.failure_notice(delivery.key, delivery.id),
            channel=notice["to"],
            payload={"text": text},
            due_at=now,
            now=now,
        )
        log.warning("delivery %s failed for good (%s); owner notified", delivery.id, error)

    def _recover_expired(self, pool: ThreadPoolExecutor, report: DrainReport) -> None:
        """Settle deliveries whose sender died mid-send: sent if Slack has the message, otherwise due again. The
        deliveries are taken over in one short transaction; Slack is asked outside it, several at a time."""
        now = self.clock.now()
        with session_scope(self.engine) as session:
            stale = deliveries.reclaim_expired(
                session, now=now, worker=self.worker_id, lease_until=now + self.lease, limit=RECOVERY_BATCH
            )
        list(pool.map(lambda d: self._settle(d, report), stale))

    def _settle(self, delivery: Delivery, report: DrainReport) -> None:
        assert delivery.id is not None
        check = self._find_posted(delivery)
        now = self.clock.now()
        if check.unknown:
            # Slack could not say; leave it under the lease and ask again once the lease runs out.
            return
        with session_scope(self.engine) as session:
            if check.found is not None:
                deliveries.mark_sent(session, delivery.id, now=now, channel=check.found[0], ts=check.found[1])
            else:
                deliveries.mark_retry(session, delivery.id, at=now, error="recovered", count_attempt=False)
        self._count(report, "recovered")

    def _find_posted(self, delivery: Delivery) -> PostedCheck:
        """Look for the delivery's key in the conversation's recent history. A file upload carries no metadata,
        so it counts as not found (at worst a chart is posted twice after a crash)."""
        if delivery.payload.get("file"):
            return PostedCheck(found=None, unknown=False)
        channel, opened = self._conversation_id(delivery.channel)
        if channel is None:
            return PostedCheck(found=None, unknown=opened.transient)
        oldest = (delivery.lease_until or self.clock.now()) - self.lease - timedelta(minutes=5)
        history = call(
            self.client.conversations_history,
            channel=channel,
            oldest=f"{oldest.timestamp():.6f}",
            include_all_metadata=True,
            limit=200,
        )
        if not history.ok:
            # A permanent refusal (e.g. a missing scope) would never clear: fall back to sending again.
            return PostedCheck(found=None, unknown=history.transient)
        for message in history.data.get("messages", []):
            metadata = message.get("metadata") or {}
            if metadata.get("event_payload", {}).get("key") == delivery.key:
                return PostedCheck(found=(channel, str(message.get("ts"))), unknown=False)
        return PostedCheck(found=None, unknown=False)

    def _conversation_id(self, channel: str) -> tuple[str | None, CallOutcome]:
        """The conversation a delivery went to: a channel as given, or the DM with a user (opened to learn its id)."""
        if not channel.startswith(("U", "W")):
            return channel, CallOutcome(ok=True, data={})
        opened = call(self.client.conversations_open, users=channel)
        return (opened.data.get("channel", {}).get("id") if opened.ok else None), opened


def _message_args(delivery: Delivery) -> dict[str, Any]:
    payload = delivery.payload
    args: dict[str, Any] = {
        "text": payload.get("text", ""),
        "metadata": {"event_type": METADATA_EVENT_TYPE, "event_payload": {"key": delivery.key}},
        "unfurl_links": False,
        "unfurl_media": False,
    }
    if payload.get("blocks"):
        args["blocks"] = payload["blocks"]
    if payload.get("thread_ts"):
        args["thread_ts"] = payload["thread_ts"]
    return args
