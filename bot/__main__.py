"""`python -m bot run | serve | clock | migrate` — Cadence's processes.

A missing or malformed setting prints one line naming it and exits with status 2; no traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from dotenv import load_dotenv

from bot.runtime import Runtime, build_runtime
from bot.settings import Settings, SettingsError, load_settings
from content.pack import ContentPackError

log = logging.getLogger("cadence")

REQUIRED = {
    "run": ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"),
    "serve": ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"),
    "clock": ("SLACK_BOT_TOKEN",),
    "migrate": (),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    load_dotenv(os.environ.get("CADENCE_ENV_FILE", ".env"), override=False)
    commands: dict[str, Callable[[Settings], int]] = {
        "run": run_socket_mode,
        "serve": serve_http,
        "clock": run_clock,
        "migrate": migrate,
    }
    try:
        settings = load_settings(os.environ, require=REQUIRED[args.command])
        logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        return commands[args.command](settings)
    except SettingsError as exc:
        print(f"cadence: {exc}", file=sys.stderr)
    except ContentPackError as exc:
        print(f"cadence: the content pack (CADENCE_CONTENT_DIR) is not valid: {exc}", file=sys.stderr)
    return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Cadence, the customer-promise Slack bot.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("run", help="Socket Mode and the scheduler in one process (the small-company default)")
    sub.add_parser("serve", help="HTTP mode: POST /slack/events and GET /healthz on $PORT")
    sub.add_parser("clock", help="the scheduler alone")
    sub.add_parser("migrate", help="bring the database schema up to date")
    return parser


def _started(settings: Settings) -> Runtime:
    from storage.migrate import upgrade

    runtime = build_runtime(settings)
    upgrade(runtime.engine)
    return runtime


def migrate(settings: Settings) -> int:
    _started(settings)
    print("cadence: database is up to date")
    return 0


def run_socket_mode(settings: Settings) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.app import create_app
    from bot.scheduler import create_scheduler

    runtime = _started(settings)
    scheduler = create_scheduler(runtime, blocking=False)
    scheduler.start()
    try:
        SocketModeHandler(create_app(runtime), settings.slack_app_token).start()
    finally:
        scheduler.shutdown(wait=False)
    return 0


def serve_http(settings: Settings) -> int:
    import uvicorn

    from bot.app import create_app
    from bot.web import create_web_app

    runtime = _started(settings)
    web = create_web_app(create_app(runtime), runtime.engine)
    uvicorn.run(web, host="0.0.0.0", port=settings.port, log_level=settings.log_level.lower())
    return 0


def run_clock(settings: Settings) -> int:
    from bot.scheduler import create_scheduler

    runtime = _started(settings)
    log.info("clock started: ticking every %ss", settings.tick_seconds)
    create_scheduler(runtime, blocking=True).start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
