"""The Bolt `App` factory: credentials, the Web API client, runtime injection, error handling, and listeners."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.error import BoltUnhandledRequestError
from slack_bolt.request import payload_utils
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient

from bot.platform.runtime import Runtime
from bot.platform.slack_calls import call
from content.blocks.common import error_text
from handlers import register_all
from handlers.payload import Request, unroutable

log = logging.getLogger(__name__)

UNREADABLE = "Cadence couldn't read that request, so nothing was changed. Please try again."
SORRY = "Something went wrong on Cadence's side and nothing was saved. Please try again in a minute."
LISTENER_THREADS = 512
BOLT_READERS = (
    payload_utils.to_options,
    payload_utils.to_shortcut,
    payload_utils.to_action,
    payload_utils.to_view,
    payload_utils.to_command,
    payload_utils.to_event,
    payload_utils.to_message,
    payload_utils.to_step,
)
RESPONSE_URL_TIMEOUT_SECONDS = 5
SIGNATURE_HEADERS = ("x-slack-request-timestamp", "x-slack-signature")


def create_app(runtime: Runtime, *, listener_executor: Executor | None = None) -> App:
    """A Bolt app wired to `runtime`. Socket Mode and HTTP mode share it; only the transport differs.

    Bolt answers Slack only once a listener has started in `listener_executor` and called ack(). Its default pool of
    five threads would let five slow listeners (waiting on Slack after their ack) hold up every other person's
    acknowledgement, so a burst of clicks would queue towards Slack's 3-second limit. A pulse answer is committed
    before its ack (store, then acknowledge), the clicks of a burst written in batches (`bot.pulses.recording`), and
    the DM update follows the ack. The pool holds a burst's backlog of threads waiting on Slack after their acks
    (500 pulse answers in 5 s peak near 350); a thread is only started when no idle one is free, and a waiting one
    costs no CPU."""
    settings = runtime.settings
    app = CadenceApp(
        signing_secret=settings.slack_signing_secret or None,
        client=runtime.client,
        name="cadence",
        listener_executor=listener_executor
        or ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="cadence-listener"),
        request_verification_enabled=bool(settings.slack_signing_secret),
    )
    app.use(_inject_runtime(runtime))
    app.use(_respond_without_response_url)
    app.error(_tell_the_user)
    register_all(app)
    return app


class CadenceApp(App):
    """Bolt's app, refusing before dispatch what Bolt itself would trip over (see `handlers.payload.unroutable`)."""

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        problem = unroutable(req.body) or _unreadable_by_bolt(req.body)
        if problem is None:
            return super().dispatch(req)
        if req.mode == "http" and self._signing_secret and not _signed(self._signing_secret, req):
            return BoltResponse(status=401, body="")
        log.warning("request ignored: %s", problem)
        request = Request(req.body)
        if request.text("command"):
            return BoltResponse(status=200, body={"response_type": "ephemeral", "text": UNREADABLE})
        if request.user_id:
            self.listener_runner.listener_executor.submit(_tell_unreadable, self.client, request)
        return BoltResponse(status=200, body="")


def _tell_unreadable(client: WebClient, request: Request) -> None:
    """Tell the person behind a request no listener could take, after Slack has had its answer."""
    reply: Any = _PrivateReply(client, request.user_id, request.channel_id)
    if request.response_url:
        reply = WebhookClient(request.response_url, timeout=RESPONSE_URL_TIMEOUT_SECONDS).send
    try:
        reply(text=UNREADABLE, blocks=error_text(UNREADABLE), response_type="ephemeral", replace_original=False)
    except (SlackClientError, OSError) as exc:
        log.warning("could not tell user %s their request was unreadable: %s", request.user_id, type(exc).__name__)


def _unreadable_by_bolt(body: dict[str, Any]) -> str | None:
    """Bolt reads every request with these before any listener runs, and some index into the body unchecked."""
    for read in BOLT_READERS:
        try:
            read(body)
        except (KeyError, IndexError, TypeError, AttributeError) as exc:
            return f"Bolt's {read.__name__} failed ({type(exc).__name__})"
    return None


def _signed(secret: str, req: BoltRequest) -> bool:
    timestamp, signature = (next(iter(req.headers.get(name) or ()), "") for name in SIGNATURE_HEADERS)
    return SignatureVerifier(secret).is_valid(req.raw_body, timestamp, signature)


def _inject_runtime(runtime: Runtime) -> Callable[..., Any]:
    def inject(context: BoltContext, next: Callable[[], Any]) -> Any:
        context["runtime"] = runtime
        return next()

    return inject


def _respond_without_response_url(context: BoltContext, body: dict[str, Any], next: Callable[[], Any]) -> Any:
    """Clicks in a modal or on the Home tab come without a response URL: `respond` then tells the person
    privately with an ephemeral message where they are, or by DM. Replacing the original is not possible there."""
    request = Request(body)
    if not request.response_url and request.user_id:
        context["respond"] = _PrivateReply(context.client, request.user_id, request.channel_id)
    return next()


class _PrivateReply:
    def __init__(self, client: WebClient, user: str, channel: str) -> None:
        self._client, self._user, self._channel = client, user, channel

    def __call__(self, text: str = "", blocks: Any = None, replace_original: bool = False, **_: Any) -> Any:
        if replace_original:
            return SimpleNamespace(status_code=404, body="no response URL")
        if self._channel:
            sent = call(
                self._client.chat_postEphemeral, channel=self._channel, user=self._user, text=text, blocks=blocks
            )
        else:
            sent = call(self._client.chat_postMessage, channel=self._user, text=text, blocks=blocks)
        return SimpleNamespace(status_code=200 if sent.ok else 500, body=sent.error or "")


def _tell_the_user(
    error: Exception, body: dict[str, Any], respond: Any, response: BoltResponse | None, logger: logging.Logger
) -> BoltResponse | None:
    """The last line of defence: log the failure with ids only, tell the person privately, and answer Slack 200
    when it is still waiting (a 500 would only make Slack retry an event or show the person a generic failure)."""
    waiting = response is not None
    if isinstance(error, BoltUnhandledRequestError):
        return BoltResponse(status=404, body="") if waiting else None
    request = Request(body)
    logger.exception("unhandled error for user %s: %s", request.user_id, type(error).__name__, exc_info=error)
    if waiting and request.text("command"):
        return BoltResponse(status=200, body={"response_type": "ephemeral", "text": SORRY})
    if respond is not None:
        try:
            respond(text=SORRY, blocks=error_text(SORRY), response_type="ephemeral", replace_original=False)
        except (SlackClientError, OSError, ValueError) as exc:
            logger.warning("could not tell user %s about the error: %s", request.user_id, type(exc).__name__)
    return BoltResponse(status=200, body="") if waiting else None
