"""Is it in Slack already? Settling a delivery whose outcome Cadence never heard.

An answer can be lost after Slack acted (a timeout, a dropped connection, a `5xx`), and a sender can die between
Slack's answer and recording it. Such a delivery is left unsettled, and before anyone sends it again it is looked
for in its conversation's history: a post by the outbox key it carries in message metadata, a shared file by the
file id noted just before it was shared. Only "not there" sends again; when Slack cannot say, it is asked later.

The lookups (`conversations.open`, `conversations.history`, both Tier 3: about fifty a minute) go through the
process's pacers like every send, so a sender settling many deliveries after a restart learns their limit from the
`429`s, and every caller of the method waits out a `Retry-After`; a lookup Slack turned away is asked again once
the wait is over, never taken for "not there".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient

from bot.platform.outbox.pacer import Pacers
from bot.platform.slack_calls import CallOutcome, Verdict
from storage.models import Delivery

METADATA_EVENT_TYPE = "cadence_delivery"
LOOKBACK = timedelta(minutes=5)
"""Searched before the earliest moment the lost attempt could have reached Slack, for clocks that disagree."""
HISTORY_PAGE = 200


@dataclass(frozen=True)
class PostedCheck:
    """Whether Slack holds a delivery's message: `found` (channel, ts), or not, or `unknown` (Slack did not say;
    with `retry_after` when it asked to wait that long first)."""

    found: tuple[str, str] | None
    unknown: bool
    retry_after: float | None = None


def not_known(outcome: CallOutcome) -> PostedCheck:
    """What a lookup Slack did not answer says: ask later (it may answer then) or, refused for good (e.g. a
    missing scope, which would never clear), fall back to sending again."""
    return PostedCheck(found=None, unknown=outcome.transient, retry_after=outcome.retry_after)


NOT_THERE = PostedCheck(found=None, unknown=False)


def post_args(delivery: Delivery) -> dict[str, Any]:
    """`chat.postMessage` arguments for a delivery, its key in the message metadata so it can be found again."""
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


def find_posted(pacers: Pacers, client: WebClient, delivery: Delivery, *, since: datetime) -> PostedCheck:
    """Look for `delivery` in its conversation, among messages posted after `since`, at the pace `pacers` allow."""
    file_id = delivery.upload_file_id
    if delivery.payload.get("file") and not file_id:
        return NOT_THERE  # a file is shared only after its id was noted
    channel, opened = conversation_id(pacers, client, delivery.channel)
    if channel is None:
        return not_known(opened)
    cursor: str | None = None
    while True:
        page = pacers.call(
            "conversations.history",
            client.conversations_history,
            channel=channel,
            oldest=f"{(since - LOOKBACK).timestamp():.6f}",
            include_all_metadata=True,
            limit=HISTORY_PAGE,
            cursor=cursor,
        )
        if not page.ok:
            return not_known(page)
        for message in page.data.get("messages", []):
            if is_delivery(message, delivery.key, file_id):
                return PostedCheck(found=(channel, str(message.get("ts"))), unknown=False)
        cursor = (page.data.get("response_metadata") or {}).get("next_cursor") or None
        if cursor is None:
            return NOT_THERE


def is_delivery(message: dict[str, Any], key: str, file_id: str | None) -> bool:
    """Whether a history message is the delivery under `key` (or the share of its file `file_id`)."""
    metadata = message.get("metadata") or {}
    if metadata.get("event_type") == METADATA_EVENT_TYPE and (metadata.get("event_payload") or {}).get("key") == key:
        return True
    return file_id is not None and any(f.get("id") == file_id for f in message.get("files") or [])


def conversation_id(pacers: Pacers, client: WebClient, channel: str) -> tuple[str | None, CallOutcome]:
    """The conversation a delivery went to: a channel as given, or the DM with a user (opened to learn its id)."""
    if not channel.startswith(("U", "W")):
        return channel, CallOutcome(ok=True, data={}, verdict=Verdict.OK)
    opened = pacers.call("conversations.open", client.conversations_open, users=channel)
    return (opened.data.get("channel", {}).get("id") if opened.ok else None), opened
