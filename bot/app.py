"""The Bolt `App` factory: credentials, the Web API client, runtime injection, error handling, and listeners."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_bolt.error import BoltUnhandledRequestError

from bot.platform.runtime import Runtime
from content.blocks.common import error_text
from handlers import register_all

log = logging.getLogger(__name__)

SORRY = "Something went wrong on Cadence's side and nothing was saved. Please try again in a minute."
LISTENER_THREADS = 512


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
    app = App(
        signing_secret=settings.slack_signing_secret or None,
        client=runtime.client,
        name="cadence",
        listener_executor=listener_executor
        or ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="cadence-listener"),
        request_verification_enabled=bool(settings.slack_signing_secret),
    )
    app.use(_inject_runtime(runtime))
    app.error(_tell_the_user)
    register_all(app)
    return app


def _inject_runtime(runtime: Runtime) -> Callable[..., Any]:
    def inject(context: BoltContext, next: Callable[[], Any]) -> Any:
        context["runtime"] = runtime
        return next()

    return inject


def _tell_the_user(error: Exception, body: dict[str, Any], respond: Any, logger: logging.Logger) -> BoltResponse | None:
    """The last line of defence: log the failure with ids only, and tell the person privately."""
    if isinstance(error, BoltUnhandledRequestError):
        return BoltResponse(status=404, body="")
    user = (body.get("user") or {}).get("id") or body.get("user_id")
    logger.exception("unhandled error for user %s: %s", user, type(error).__name__, exc_info=error)
    if body.get("response_url"):
        try:
            respond(text=SORRY, blocks=error_text(SORRY), response_type="ephemeral", replace_original=False)
        except Exception:
            logger.warning("could not tell user %s about the error", user)
    return None
