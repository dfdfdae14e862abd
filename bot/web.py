"""HTTP mode: Slack's requests at `POST /slack/events`, and `GET /healthz` for the load balancer."""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from storage.db import database_is_reachable


def create_web_app(app: App, engine: Engine) -> Starlette:
    """Bolt's dispatch is synchronous (it returns once the listener has acked), so it runs in the thread pool
    and a slow listener never holds up the event loop or other people's clicks."""

    async def slack_events(request: Request) -> Response:
        body = await request.body()
        bolt_response = await run_in_threadpool(app.dispatch, to_bolt_request(request, body))
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
