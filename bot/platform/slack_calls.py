"""The edge where Cadence calls Slack: one place that turns Slack's answers into outcomes Cadence can act on.

Slack fails in three ways that need different handling: it asks us to slow down (`429` + `Retry-After`), it fails
for a moment (`5xx`, a timeout, `internal_error`), or it refuses for good (`channel_not_found`, `account_inactive`).
Nothing here sleeps or retries; the caller decides, with its own clock.
"""

from __future__ import annotations

import logging
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

log = logging.getLogger(__name__)

TRANSIENT_ERRORS = frozenset(
    {
        "ratelimited",
        "rate_limited",
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
        "timeout",
        "team_added_to_org",
    }
)
DEFAULT_RETRY_AFTER = 5.0
DEFAULT_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class CallOutcome:
    """What came of one Web API call."""

    ok: bool
    data: dict[str, Any]
    error: str | None = None
    retry_after: float | None = None
    transient: bool = False

    @property
    def rate_limited(self) -> bool:
        return self.retry_after is not None


def create_web_client(token: str, base_url: str) -> WebClient:
    """The one way Cadence builds a `WebClient`, so `SLACK_API_URL` reaches every call."""
    return WebClient(token=token, base_url=base_url, timeout=DEFAULT_TIMEOUT_SECONDS)


def call(method: Callable[..., Any], **kwargs: Any) -> CallOutcome:
    """Run one WebClient method and classify the result instead of raising."""
    name = getattr(method, "__name__", "slack call")
    try:
        response = method(**kwargs)
    except SlackApiError as exc:
        outcome = _from_api_error(exc)
    except (SlackClientError, urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        outcome = CallOutcome(ok=False, data={}, error=f"network:{type(exc).__name__}", transient=True)
    else:
        return CallOutcome(ok=True, data=dict(response.data) if isinstance(response.data, dict) else {})
    log.warning("slack %s failed: %s%s", name, outcome.error, " (transient)" if outcome.transient else "")
    return outcome


def _from_api_error(exc: SlackApiError) -> CallOutcome:
    response = exc.response
    status = getattr(response, "status_code", 200)
    data = response.data if isinstance(getattr(response, "data", None), dict) else {}
    error = str(data.get("error") or f"http_{status}")
    if status == 429:
        return CallOutcome(ok=False, data=data, error="ratelimited", retry_after=_retry_after(response), transient=True)
    transient = status >= 500 or error in TRANSIENT_ERRORS
    return CallOutcome(ok=False, data=data, error=error, transient=transient)


def _retry_after(response: Any) -> float:
    headers = {str(k).lower(): v for k, v in (getattr(response, "headers", None) or {}).items()}
    value = headers.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return max(float(value), 0.0) if value is not None else DEFAULT_RETRY_AFTER
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER
