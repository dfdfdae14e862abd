"""The sandbox's web client: one page (Slack's look, the demo page's stylesheet), a small script served from the
package, and a JSON API the script calls for what a person sees and for what they do."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bot.sandbox.screen import people, screen
from bot.sandbox.world import Sandbox, SandboxRefusal
from emulator.page.styles import CSS

STATIC = Path(__file__).parent / "static"
SHELL = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Cadence sandbox: {team}</title>
<style>{css}</style><link rel="stylesheet" href="/static/sandbox.css">
<script type="module" src="/static/sandbox.js"></script></head><body><div id="sandbox" data-team="{team}"></div>
</body></html>
"""
Act = Callable[[Sandbox, str, dict[str, Any]], object]
ACTS: dict[str, Act] = {
    "command": lambda s, user, a: s.command(user, _text(a, "channel"), _text(a, "text")),
    "say": lambda s, user, a: s.say(user, _text(a, "channel"), _text(a, "text")),
    "click": lambda s, user, a: s.click(
        user,
        _text(a, "action_id"),
        a.get("value") or None,
        where=_text(a, "where"),
        channel=a.get("channel") or "",
        ts=a.get("ts") or "",
    ),
    "submit": lambda s, user, a: s.submit(user, _values(a)),
    "close": lambda s, user, a: s.close(user),
    "react": lambda s, user, a: s.react(user, _text(a, "channel"), _text(a, "ts"), a.get("emoji") or "clap"),
    "recognise": lambda s, user, a: s.recognise(user, _text(a, "channel"), _text(a, "ts")),
    "home": lambda s, user, a: s.open_home(user),
    "time": lambda s, user, a: s.move_time(_text(a, "moment")),
}


def create_sandbox_app(sandbox: Sandbox) -> Starlette:
    """Sync endpoints: Starlette runs them in its thread pool, and the sandbox serialises the acts."""
    team = sandbox.slack.workspace.team_name

    def index(_request: Request) -> Response:
        return HTMLResponse(SHELL.format(team=team, css=CSS))

    def everyone(_request: Request) -> Response:
        return JSONResponse({"team": team, "people": people(sandbox.stage.org)})

    def seen(request: Request) -> Response:
        user = request.query_params.get("user", "")
        if user not in sandbox.slack.workspace.users:
            return _refused(f"No one in {team} has the id {user!r}.", 404)
        return JSONResponse(screen(sandbox, user))

    async def act(request: Request) -> Response:
        try:
            body = json.loads(await request.body())
        except ValueError:
            return _refused("Send the act as JSON.")
        return await _run_act(sandbox, body)

    return Starlette(
        routes=[
            Route("/", index),
            Route("/api/people", everyone),
            Route("/api/screen", seen),
            Route("/api/act", act, methods=["POST"]),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ]
    )


async def _run_act(sandbox: Sandbox, body: Any) -> Response:
    if not isinstance(body, dict) or body.get("act") not in ACTS:
        return _refused(f"Say what to do: act is one of {', '.join(ACTS)}.")
    user = str(body.get("user", ""))
    if user not in sandbox.slack.workspace.users:
        return _refused("Pick who you are first.", 404)
    try:
        await run_in_threadpool(ACTS[body["act"]], sandbox, user, body)
    except SandboxRefusal as refusal:
        return _refused(str(refusal))
    return JSONResponse(await run_in_threadpool(screen, sandbox, user))


def _refused(reason: str, status: int = 400) -> Response:
    return JSONResponse({"refusal": reason}, status_code=status)


def _text(act: dict[str, Any], key: str) -> str:
    value = act.get(key)
    if not isinstance(value, str) or not value:
        raise SandboxRefusal(f"The act needs its {key}.")
    return value


def _values(act: dict[str, Any]) -> dict[str, Any]:
    """The form's values by action_id: a text, a choice or a list; empty fields are sent as Slack sends them."""
    values = act.get("values")
    if not isinstance(values, dict):
        raise SandboxRefusal("The form's values are missing.")
    return {str(k): (None if v in ("", []) else v) for k, v in values.items() if v is None or isinstance(v, str | list)}
