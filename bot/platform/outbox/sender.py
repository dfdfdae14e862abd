"""Sends what the outbox holds, exactly once, as fast as Slack allows.

Features never call `chat.postMessage` for scheduled or retried work; they `enqueue` a delivery under a key that
names what it is for (`bot.platform.outbox.queue`). The scheduler's worker claims due deliveries in the database,
posts them with bounded concurrency at the pace the process's shared pacers allow (a channel's as well as the
workspace's: a post whose channel turn is far off is put back, due then, while the DMs go on), and records each
outcome; a request that wants its own message out at once sends just the deliveries it queued (`send`). Every
message carries its key in Slack message metadata, so a delivery whose outcome is unknown — its answer lost to a
timeout, a dropped connection or a `5xx`, or its sender killed mid-send — is left unsettled and checked against the
conversation's history before it is sent again (`settle`): neither a lost answer nor a kill mid-fan-out skips or
repeats anyone. A delivery whose payload holds a `file` is uploaded instead of posted (e.g. a digest's chart), after
the message it follows.
"""

from __future__ import annotations

import base64
import logging
import os
import threading
import uuid
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from sqlalchemy.engine import Engine

from bot.platform.outbox import queue
from bot.platform.outbox.pacer import Later, Pacers
from bot.platform.outbox.report import DrainReport
from bot.platform.outbox.settle import find_posted, post_args
from bot.platform.slack_calls import CallOutcome, call, share_file
from bot.platform.timesource import TimeSource
from storage import deliveries
from storage.db import session_scope
from storage.models import Delivery, DeliveryState

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)
FIRST_BACKOFF = timedelta(seconds=30)
FOLLOW_WAIT = timedelta(seconds=5)
"""How soon a file delivery looks again for the message it follows while another worker is sending that one."""
CHANNEL_WAIT = timedelta(seconds=1)
"""The longest a sender thread waits for a busy channel's turn; a post whose turn is further off is put back, due
then, and the thread goes on with the batch (the DMs behind it)."""


def backoff_after(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … capped at an hour."""
    return min(FIRST_BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


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
                self._release_expired()
            while self.clock.now() < deadline:
                if (self.pacers.paused_until() or deadline) > deadline:
                    break  # Slack asked to wait past the budget: the next tick sends the rest
                self.pacers.wait_out_pauses()
                batch = self._claim(among)
                if batch:
                    self._send_batch(pool, batch, report)
                elif not self._wait_for_due_again(report, deadline, among):
                    break
        return report

    def _wait_for_due_again(self, report: DrainReport, deadline: datetime, among: Collection[int] | None) -> bool:
        """Sleep until the next delivery this drain may send (`among`, when given) falls due, when it made posts due
        again then or later. False: none of them is still to come before the deadline. A request's drain waits for
        its own deliveries only: waking for every other one due meanwhile would keep its thread busy for nothing."""
        now = self.clock.now()
        if report.due_again_by is None or report.due_again_by < now:
            return False
        with session_scope(self.engine) as session:
            due = deliveries.next_attempt_after(session, now=now, among=among)
        if due is None or due > min(report.due_again_by, deadline):
            return False
        self.clock.sleep((due - now).total_seconds())
        return True

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
        if delivery.unsettled_at is not None and self._settled(delivery, report):
            return
        outcome = self._upload(delivery) if delivery.payload.get("file") else self._post(delivery, report)
        if outcome is not None:
            self._record(delivery, outcome, report)

    def _post(self, delivery: Delivery, report: DrainReport) -> CallOutcome | None:
        """Post at the workspace's pace and, in a channel, at that channel's. None: its channel turn was too far
        off, it is put back."""
        args = post_args(delivery)
        posted = self.pacers.post(
            delivery.channel,
            lambda: call(self.client.chat_postMessage, channel=delivery.channel, **args),
            within=CHANNEL_WAIT,
        )
        if isinstance(posted, Later):
            self._put_back(delivery, posted.at, report)
            return None
        return posted

    def _put_back(self, delivery: Delivery, at: datetime, report: DrainReport) -> None:
        """Due again at its channel's next turn, not counted as an attempt: nothing was sent."""
        assert delivery.id is not None
        with session_scope(self.engine) as session:
            deliveries.mark_retry(session, delivery.id, at=at, error="channel_busy", count_attempt=False)
        self._count(report, "put_back")
        self._due_again(report, at)

    def _due_again(self, report: DrainReport, at: datetime) -> None:
        with self._report_lock:
            report.due_again_by = max(report.due_again_by or at, at)

    def _settled(self, delivery: Delivery, report: DrainReport) -> bool:
        """Look for an unsettled delivery in Slack before sending it again. True when that settles it: it is there
        (now recorded as sent), or Slack could not say (asked again later), or it is not there and was withdrawn
        meanwhile (cancelled) or is out of attempts. False: not there, send it."""
        assert delivery.id is not None and delivery.unsettled_at is not None
        check = find_posted(self.pacers, self.client, delivery, since=delivery.unsettled_at - self.lease)
        now = self.clock.now()
        limited = check.retry_after is not None
        self._count(report, "rate_limited" if limited else "ambiguous" if check.unknown else "recovered")
        with session_scope(self.engine) as session:
            if check.found is not None:
                channel, ts = check.found
                deliveries.mark_sent(session, delivery.id, now=now, channel=channel, ts=ts)
            elif limited:
                # Looked for again, still unsettled, once the pacers let the lookup go: the same drain picks it up.
                at = self.pacers.paused_until() or now
                deliveries.mark_unsettled(session, delivery.id, at=at, error="ratelimited", count_attempt=False)
            elif check.unknown:
                at = now + backoff_after(delivery.attempts)
                deliveries.mark_unsettled(session, delivery.id, at=at, error="unsettled", count_attempt=False)
            elif delivery.withdrawn:
                deliveries.mark_cancelled(session, delivery.id)
            elif delivery.attempts > self.max_attempts:
                self._fail(session, delivery, delivery.error or "unsettled", now, report)
            else:
                return False
        return True

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
        return self.pacers.run(
            "files.completeUploadExternal",
            lambda: share_file(
                self.client,
                channel=delivery.channel,
                content=base64.b64decode(file["content_b64"]),
                filename=file["filename"],
                title=file.get("title") or file["filename"],
                initial_comment=delivery.payload.get("text") or None,
                before_share=lambda file_id: self._note_upload(delivery, file_id),
            ),
        )

    def _note_upload(self, delivery: Delivery, file_id: str) -> None:
        assert delivery.id is not None
        with session_scope(self.engine) as session:
            deliveries.note_upload(session, delivery.id, file_id=file_id)

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
                self._due_again(report, now + wait)
            elif outcome.ambiguous:
                # Slack may have it: settled (looked for) before it is ever sent again, even on its last attempt.
                at = now + backoff_after(delivery.attempts)
                deliveries.mark_unsettled(session, delivery.id, at=at, error=outcome.error or "", since=now)
                self._count(report, "ambiguous")
            elif outcome.transient and delivery.attempts < self.max_attempts:
                at = now + backoff_after(delivery.attempts)
                deliveries.mark_retry(session, delivery.id, at=at, error=outcome.error or "")
                self._count(report, "retried")
            else:
                self._fail(session, delivery, outcome.error or "unknown", now, report)

    def _fail(self, session: Any, delivery: Delivery, error: str, now: datetime, report: DrainReport) -> None:
        assert delivery.id is not None
        deliveries.mark_failed(session, delivery.id, error=error)
        if queue.enqueue_failure_notice(session, delivery, error, now=now):
            log.warning("delivery %s failed for good (%s); owner notified", delivery.id, error)
        self._count(report, "failed")

    def _count(self, report: DrainReport, name: str) -> None:
        with self._report_lock:
            setattr(report, name, getattr(report, name) + 1)

    def _release_expired(self) -> None:
        """Deliveries whose sender died mid-send go back to pending, unsettled, in one short transaction; the claim
        that takes one next asks Slack whether it arrived before sending it (`_settled`)."""
        with session_scope(self.engine) as session:
            released = deliveries.release_expired(session, now=self.clock.now())
        if released:
            log.warning("%d deliveries left mid-send by a stopped sender are settled before any resend", released)
