"""The edge where Cadence calls Slack: one place that turns Slack's answers into outcomes Cadence can act on.

A failed call is one of three things, and they need different handling:

- `RETRY`: Slack did not act on it — it asked us to slow down (`429` + `Retry-After`), said it was briefly unable
  (`service_unavailable`), or the request never left in full (a refused connection, a failure while writing it).
  Sending again is safe.
- `AMBIGUOUS`: Slack may have acted on it and the answer was lost — a timeout or a dropped connection after the
  request was written, a `5xx`, `internal_error`/`fatal_error` (Slack's docs: "some aspect of the operation may
  have succeeded"). A write with this outcome is settled (looked for in Slack) before it is ever sent again.
- `PERMANENT`: Slack refused for good (`channel_not_found`, `account_inactive`).

Nothing here sleeps or retries a write; the caller decides, with its own clock. The WebClient Cadence builds
retries a lost connection by itself only for reads, where asking twice is harmless.
"""

from __future__ import annotations

import http.client
import logging
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

log = logging.getLogger(__name__)

RETRY_ERRORS = frozenset({"ratelimited", "rate_limited", "service_unavailable", "request_timeout", "team_added_to_org"})
AMBIGUOUS_ERRORS = frozenset({"internal_error", "fatal_error", "timeout"})
READ_METHODS = frozenset(
    {
        "auth.test",
        "conversations.history",
        "conversations.info",
        "conversations.members",
        "conversations.open",
        "users.info",
        "users.list",
        "usergroups.users.list",
        "usergroups.list",
        "chat.getPermalink",
        "files.info",
        "team.info",
    }
)
"""Methods that change nothing visible (`conversations.open` of a DM is a no-op the second time): safe to resend."""
DEFAULT_RETRY_AFTER = 5.0
DEFAULT_TIMEOUT_SECONDS = 10


class Verdict(StrEnum):
    OK = "ok"
    RETRY = "retry"
    AMBIGUOUS = "ambiguous"
    PERMANENT = "permanent"


@dataclass(frozen=True)
class CallOutcome:
    """What came of one Web API call."""

    ok: bool
    data: dict[str, Any]
    error: str | None = None
    retry_after: float | None = None
    verdict: Verdict = Verdict.PERMANENT

    @property
    def rate_limited(self) -> bool:
        return self.retry_after is not None

    @property
    def ambiguous(self) -> bool:
        """Slack may have acted on the call: look before sending it again."""
        return self.verdict is Verdict.AMBIGUOUS

    @property
    def transient(self) -> bool:
        """Worth asking again later (after settling it, if it is ambiguous)."""
        return self.verdict in (Verdict.RETRY, Verdict.AMBIGUOUS)


class SafeConnectionRetryHandler(ConnectionErrorRetryHandler):
    """slack_sdk's connection-error retry, narrowed to what cannot post twice: any call whose request was never
    written in full (urllib raises `URLError` only while sending), and reads whatever happened."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if not super()._can_retry(state=state, request=request, response=response, error=error):
            return False
        unsent = isinstance(error, urllib.error.URLError) and response is None
        return unsent or method_of(request.url) in READ_METHODS


def method_of(url: str) -> str:
    """The Web API method a request URL names (`https://slack.com/api/chat.postMessage?x=1` → `chat.postMessage`)."""
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def create_web_client(token: str, base_url: str) -> WebClient:
    """The one way Cadence builds a `WebClient`, so `SLACK_API_URL` reaches every call and no write is re-sent by
    the library behind Cadence's back (its default handler retries any call on a reset connection)."""
    return WebClient(
        token=token,
        base_url=base_url,
        timeout=DEFAULT_TIMEOUT_SECONDS,
        retry_handlers=[SafeConnectionRetryHandler()],
    )


def call(method: Callable[..., Any], **kwargs: Any) -> CallOutcome:
    """Run one WebClient method and classify the result instead of raising."""
    name = getattr(method, "__name__", "slack call")
    try:
        response = method(**kwargs)
    except Exception as exc:
        outcome = outcome_of_error(exc)
        log.warning("slack %s failed: %s (%s)", name, outcome.error, outcome.verdict)
        return outcome
    return CallOutcome(ok=True, data=dict(response.data) if isinstance(response.data, dict) else {}, verdict=Verdict.OK)


def share_file(
    client: WebClient,
    *,
    channel: str,
    content: bytes,
    filename: str,
    title: str,
    initial_comment: str | None,
    before_share: Callable[[str], None],
) -> CallOutcome:
    """Slack's external upload in its three steps, as `files_upload_v2` does them, with a pause before the one that
    shows anything: `before_share(file_id)` runs once the bytes are up and before the file is shared to `channel`,
    so a lost answer to the share can be looked up by the file's id. A failure before the share showed nothing, so
    it is never ambiguous."""
    reserved = call(client.files_getUploadURLExternal, filename=filename, length=len(content))
    if not reserved.ok:
        return _nothing_shown(reserved)
    file_id = str(reserved.data.get("file_id"))
    sent = _put_bytes(client, str(reserved.data.get("upload_url")), content)
    if not sent.ok:
        return _nothing_shown(sent)
    before_share(file_id)
    return call(
        client.files_completeUploadExternal,
        files=[{"id": file_id, "title": title}],
        channel_id=channel,
        initial_comment=initial_comment,
    )


def _put_bytes(client: WebClient, url: str, content: bytes) -> CallOutcome:
    """Step two of the upload: the bytes, POSTed to the URL Slack issued (slack_sdk's own helper for it)."""
    try:
        result = client._upload_file(
            url=url, data=content, logger=client._logger, timeout=client.timeout, proxy=client.proxy, ssl=client.ssl
        )
    except Exception as exc:
        return outcome_of_error(exc)
    if result.status != 200:
        return CallOutcome(ok=False, data={}, error=f"upload_http_{result.status}", verdict=Verdict.RETRY)
    return CallOutcome(ok=True, data={}, verdict=Verdict.OK)


def _nothing_shown(outcome: CallOutcome) -> CallOutcome:
    return replace(outcome, verdict=Verdict.RETRY) if outcome.ambiguous else outcome


def outcome_of_error(exc: Exception) -> CallOutcome:
    """Classify what a WebClient call (or an upload) raised; anything else is a bug and is raised again."""
    if isinstance(exc, SlackApiError):
        return _from_api_error(exc)
    if isinstance(exc, urllib.error.URLError):
        # urllib wraps only failures while writing the request: Slack never had all of it.
        return _network(exc.reason if isinstance(exc.reason, BaseException) else exc, Verdict.RETRY)
    if isinstance(exc, OSError | http.client.HTTPException):
        # Timeouts, resets and closed connections while waiting for the answer: the request had gone.
        return _network(exc, Verdict.AMBIGUOUS)
    if isinstance(exc, SlackClientError):
        return CallOutcome(ok=False, data={}, error=f"client:{type(exc).__name__}", verdict=Verdict.RETRY)
    raise exc


def _network(exc: BaseException, verdict: Verdict) -> CallOutcome:
    return CallOutcome(ok=False, data={}, error=f"network:{type(exc).__name__}", verdict=verdict)


def _from_api_error(exc: SlackApiError) -> CallOutcome:
    response = exc.response
    status = getattr(response, "status_code", 200)
    data = response.data if isinstance(getattr(response, "data", None), dict) else {}
    error = str(data.get("error") or f"http_{status}")
    if status == 429:
        return CallOutcome(
            ok=False, data=data, error="ratelimited", retry_after=_retry_after(response), verdict=Verdict.RETRY
        )
    if status >= 500 or error in AMBIGUOUS_ERRORS:
        verdict = Verdict.AMBIGUOUS
    elif error in RETRY_ERRORS:
        verdict = Verdict.RETRY
    else:
        verdict = Verdict.PERMANENT
    return CallOutcome(ok=False, data=data, error=error, verdict=verdict)


def _retry_after(response: Any) -> float:
    headers = {str(k).lower(): v for k, v in (getattr(response, "headers", None) or {}).items()}
    value = headers.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return max(float(value), 0.0) if value is not None else DEFAULT_RETRY_AFTER
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER
