"""`python -m bot run | serve | clock | migrate | digest | export | forget | content | teams | demo | sandbox` —
Cadence's processes and one-shot commands.

A missing or malformed setting prints one line naming it and exits with status 2; no traceback. So does a token
Slack refuses, a Slack that stays unreachable when `run`, `serve` or `clock` checks the tokens at start, or a
database that cannot be reached.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from dotenv import load_dotenv
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot.platform.operator_log import configure_logging
from bot.platform.runtime import Runtime, build_runtime
from bot.platform.settings import Settings, SettingsError, load_settings
from bot.platform.startup import StartupError, check_slack, summary
from bot.platform.timesource import SystemTime
from content.pack import ContentPackError

log = logging.getLogger("cadence")

REQUIRED = {
    "run": ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"),
    "serve": ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"),
    "clock": ("SLACK_BOT_TOKEN",),
    "migrate": (),
    "digest": ("SLACK_BOT_TOKEN",),
    "export": (),
    "forget": (),
    "content": (),
    "teams": ("SLACK_BOT_TOKEN",),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "demo":
        return demo(args)  # needs no settings: no .env, no tokens, no Slack
    if args.command == "sandbox":
        return sandbox(args)  # nor does this
    load_dotenv(os.environ.get("CADENCE_ENV_FILE", ".env"), override=False)
    commands: dict[str, Callable[[Settings], int]] = {
        "run": run_socket_mode,
        "serve": serve_http,
        "clock": run_clock,
        "migrate": migrate,
        "digest": lambda settings: digest(settings, args.channel, dry_run=args.dry_run),
        "export": lambda settings: data_command(settings, "export", args),
        "forget": lambda settings: data_command(settings, "forget", args),
        "content": lambda settings: data_command(settings, "content", args),
        "teams": lambda settings: data_command(settings, "teams", args),
    }
    settings: Settings | None = None
    try:
        dry_run = getattr(args, "dry_run", False)
        settings = load_settings(os.environ, require=() if dry_run else REQUIRED[args.command])
        configure_logging(settings.log_level)
        return commands[args.command](settings)
    except (SettingsError, StartupError) as exc:
        _say(str(exc))
    except ContentPackError as exc:
        print(f"cadence: the content pack (CADENCE_CONTENT_DIR) is not valid: {exc}", file=sys.stderr)
    except OperationalError as exc:
        _say(_database_unreachable(settings.database_url if settings else "", exc))
    return 2


def _database_unreachable(url: str, exc: OperationalError) -> str:
    """One line naming the database (password hidden) and the driver's own first line of why."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    shown = make_url(url).render_as_string(hide_password=True) if url else "DATABASE_URL"
    return f"cannot reach the database at {shown} ({reason}): check DATABASE_URL and that the server is running."


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Cadence, the customer-promise Slack bot.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("run", help="Socket Mode and the scheduler in one process (the small-company default)")
    sub.add_parser("serve", help="HTTP mode: POST /slack/events and GET /healthz on $PORT")
    sub.add_parser("clock", help="the scheduler alone")
    sub.add_parser("migrate", help="bring the database schema up to date")
    digest_parser = sub.add_parser("digest", help="post a champions' channel's weekly digest now")
    digest_parser.add_argument("--channel", required=True, help="the digest channel's id (C…)")
    digest_parser.add_argument("--dry-run", action="store_true", help="print the Block Kit JSON; post nothing")
    export_parser = sub.add_parser("export", help="write CSV files of shout-outs and anonymous aggregates")
    export_parser.add_argument("--out", required=True, type=Path, help="the folder to write them in")
    forget_parser = sub.add_parser("forget", help="remove a person from Cadence's records (see README)")
    forget_parser.add_argument("user_id", help="the person's Slack user id (U…)")
    content_parser = sub.add_parser("content", help="export the content pack in force, or import an edited one")
    content_parser.add_argument("action", choices=("export", "import"))
    content_parser.add_argument("folder", type=Path, help="the folder of the pack's five .toml files")
    teams_parser = sub.add_parser("teams", help="import the teams (a manager,member CSV file), or export them")
    teams_parser.add_argument("action", choices=("export", "import"))
    teams_parser.add_argument("file", type=Path, nargs="?", help="the CSV file (export without it prints it)")
    demo_parser = sub.add_parser("demo", help="play a fictional programme without Slack and write it as a page")
    demo_parser.add_argument("--weeks", type=_bounded(1, 12), default=6, help="simulated weeks (1 to 12, default 6)")
    demo_parser.add_argument("--seed", type=int, default=7, help="the same seed gives the same page (default 7)")
    demo_parser.add_argument("--people", type=_bounded(12, 200), default=40, help="12 to 200 (default 40)")
    demo_parser.add_argument("--out", type=Path, default=Path("data/demo"), help="where to write (default data/demo)")
    sandbox_parser = sub.add_parser("sandbox", help="try Cadence in a local Slack-like web client, without Slack")
    sandbox_parser.add_argument("--port", type=_bounded(1024, 65535), default=8765, help="on 127.0.0.1 (default 8765)")
    sandbox_parser.add_argument("--people", type=_bounded(12, 200), default=40, help="12 to 200 (default 40)")
    sandbox_parser.add_argument("--seed", type=int, default=7, help="the same seed gives the same history (default 7)")
    sandbox_parser.add_argument("--weeks", type=_bounded(1, 12), default=3, help="weeks of history (default 3)")
    return parser


def _bounded(low: int, high: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        if not value.isdigit() or not low <= int(value) <= high:
            raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {high}")
        return int(value)

    return parse


def _say(line: str) -> None:
    print(f"cadence: {line}", file=sys.stderr, flush=True)


def _started(settings: Settings) -> Runtime:
    from storage.migrate import upgrade

    runtime = build_runtime(settings)
    upgrade(runtime.engine)
    return runtime


def _ready(settings: Settings, serving: str, *, socket_mode: bool = False) -> Runtime:
    """Check the tokens with Slack, bring the schema up to date, and say in one line what is on and off."""
    from bot.digests import digest_channels

    identity = check_slack(settings, socket_mode=socket_mode, clock=SystemTime(), say=_say)
    runtime = _started(settings)
    with runtime.session() as session:
        channels = len(digest_channels(runtime, session))
    log.info(summary(runtime.settings, identity, serving=serving, digest_channels=channels))
    return runtime


def migrate(settings: Settings) -> int:
    _started(settings)
    print("cadence: database is up to date")
    return 0


def run_socket_mode(settings: Settings) -> int:
    from bot.app import create_app
    from bot.jobs import create_scheduler
    from bot.platform.socket_mode import serve_socket_mode

    runtime = _ready(settings, "Socket Mode and the scheduler", socket_mode=True)
    scheduler = create_scheduler(runtime, blocking=False)
    scheduler.start()
    try:
        serve_socket_mode(create_app(runtime), settings.slack_app_token)
    finally:
        scheduler.shutdown(wait=False)
    return 0


def serve_http(settings: Settings) -> int:
    import uvicorn

    from bot.app import create_app
    from bot.web import create_web_app

    runtime = _ready(settings, f"HTTP on port {settings.port}")
    web = create_web_app(create_app(runtime), runtime.engine)
    uvicorn.run(web, host="0.0.0.0", port=settings.port, log_level=settings.log_level.lower())
    return 0


def run_clock(settings: Settings) -> int:
    from bot.jobs import create_scheduler

    runtime = _ready(settings, f"the scheduler alone, ticking every {settings.tick_seconds} s")
    create_scheduler(runtime, blocking=True).start()
    return 0


def digest(settings: Settings, channel: str, *, dry_run: bool) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.digests.cli import run_digest

    try:
        return run_digest(build_runtime(settings), channel, dry_run=dry_run)
    except SQLAlchemyError as exc:
        print(
            f"cadence: the database is not ready ({type(exc).__name__}): run `python -m bot migrate`.", file=sys.stderr
        )
        return 1


def data_command(settings: Settings, command: str, args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.admin import cli as data_cli

    runtime = build_runtime(settings)
    try:
        if command == "export":
            return data_cli.run_export(runtime, args.out)
        if command == "forget":
            return data_cli.run_forget(runtime, args.user_id)
        if command == "teams":
            return data_cli.run_teams(runtime, args.action, args.file)
        return data_cli.run_content(runtime, args.action, args.folder)
    except SQLAlchemyError as exc:
        print(
            f"cadence: the database is not ready ({type(exc).__name__}): run `python -m bot migrate`.", file=sys.stderr
        )
        return 1


def demo(args: argparse.Namespace) -> int:
    from bot.demo.runner import DemoOptions, print_result, run_demo

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    options = DemoOptions(weeks=args.weeks, seed=args.seed, people=args.people, out=args.out)
    print_result(run_demo(options))
    return 0


def sandbox(args: argparse.Namespace) -> int:
    from bot.sandbox.runner import SandboxOptions, run_sandbox

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    options = SandboxOptions(port=args.port, people=args.people, seed=args.seed, weeks=args.weeks)
    try:
        code = run_sandbox(options)
    except KeyboardInterrupt:
        code = 0  # Ctrl-C (or SIGTERM): everything it started has stopped on the way out
    if code == 0:
        print("Cadence sandbox: stopped.", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
