"""HTTP mode: Slack's requests at `POST /slack/events`, and `GET /healthz` for the load balancer."""

from __future__ import annotations

import logging
import socket
import threading

import uvicorn
from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.platform.bolt_errors import BOLT_READ_ERRORS
from storage.db import database_is_reachable

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
"""Slack's largest request (a modal's submission, with its whole view and state) stays far below this."""


def create_web_app(app: App, engine: Engine) -> Starlette:
    """Bolt's dispatch is synchronous (it returns once the listener has acked), so it runs in the thread pool
    and a slow listener never holds up the event loop or other people's clicks."""

    async def slack_events(request: Request) -> Response:
        body = await body_within_limit(request)
        if body is None:
            log.warning("request refused: its body is over %d bytes", MAX_BODY_BYTES)
            return Response(status_code=413)
        try:
            bolt_request = to_bolt_request(request, body)
        except BOLT_READ_ERRORS as exc:
            # Bolt reads the body while building the request: not JSON, a JSON list, or fields of the wrong type.
            log.warning("request refused: Bolt could not read its body (%s)", type(exc).__name__)
            return Response(status_code=400)
        bolt_response = await run_in_threadpool(app.dispatch, bolt_request)
        return to_starlette_response(bolt_response)

    async def healthz(_request: Request) -> Response:
        healthy = await run_in_threadpool(database_is_reachable, engine)
        return JSONResponse(
            {"ok": healthy, "database": "ok" if healthy else "unreachable"},
            status_code=200 if healthy else 503,
        )

    return Starlette(
        routes=[
            Route("/slack/events", slack_events, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
        ]
    )


async def body_within_limit(request: Request) -> bytes | None:
    """The request's body, read no further than `MAX_BODY_BYTES`; None when it is (or says it is) longer, so an
    unsigned sender cannot make the process hold a body of any size before its signature is even checked."""
    declared = request.headers.get("content-length", "")
    if declared and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def serve_in_thread(web: Starlette, *, host: str = "127.0.0.1") -> tuple[uvicorn.Server, threading.Thread, int]:
    """Serve `web` with uvicorn on a free port in a background thread (the demo and the tests); returns the server
    (set `should_exit` to stop it), its thread and the port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(web, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    started = threading.Event()
    while not server.started and thread.is_alive():
        started.wait(0.01)
    if not server.started:
        raise RuntimeError("the HTTP server did not start")
    return server, thread, port
