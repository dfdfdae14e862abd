"""`python -m bot demo`: the real Cadence (Bolt app over HTTP, services, storage, WebClient) against the bundled
Slack stand-in, playing a fictional organisation's programme, then a static page of what everyone saw.

Nothing is faked above the Slack wire: the demo's settings are demo values (no real token leaves this machine: the
Web API is the local emulator), the database is a fresh SQLite file in the output folder, and the page is rendered
from the Block Kit Cadence actually sent. The same seed gives the same page, byte for byte.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.app import create_app
from bot.demo import summary
from bot.demo.actions import DemoSlack
from bot.demo.organisation import (
    BOT_TOKEN,
    CHAMPIONS,
    CHAMPIONS_GROUP,
    ORG_TIMEZONE,
    RECOGNITION,
    Organisation,
    build_organisation,
)
from bot.demo.play import START, Play, Played
from bot.platform.listener_executor import TrackingExecutor
from bot.platform.runtime import Runtime, build_runtime
from bot.platform.settings import load_settings
from bot.platform.timesource import ManualTime
from bot.web import create_web_app, serve_in_thread
from emulator.emulator import SlackEmulator
from emulator.page import render_page
from storage.db import create_db_engine
from storage.migrate import upgrade

SIGNING_SECRET = "demo-signing-secret"
PULSE_SECRET = "demo-pulse-secret-not-for-production"


@dataclass(frozen=True)
class DemoOptions:
    weeks: int = 6
    seed: int = 7
    people: int = 40
    out: Path = Path("data/demo")


@dataclass(frozen=True)
class DemoResult:
    page: Path
    database: Path
    summary: list[str]
    seconds: float
    slack: SlackEmulator
    """The Slack stand-in as the demo left it (stopped): what every person saw."""


def demo_env(org: Organisation, api_url: str, database_url: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": api_url,
        "DATABASE_URL": database_url,
        "CADENCE_ADMINS": org.owner,
        "CADENCE_OWNER": org.owner,
        "CADENCE_LEADERS": org.leader,
        "CADENCE_CHAMPIONS": CHAMPIONS_GROUP,
        "CADENCE_RECOGNITION_CHANNEL": RECOGNITION,
        "CADENCE_DIGEST_CHANNELS": CHAMPIONS,
        "CADENCE_TIMEZONE": ORG_TIMEZONE,
        "CADENCE_PULSE_SECRET": PULSE_SECRET,
        "CADENCE_SHOUTOUT_REACTION": "clap",
    }


@dataclass(frozen=True)
class Stage:
    """The demo's world while it runs: the organisation, the Slack stand-in, Cadence's runtime on its manual clock,
    a person's Slack client pointed at the real app, and the play that acts the weeks out."""

    org: Organisation
    slack: SlackEmulator
    runtime: Runtime
    clock: ManualTime
    client: DemoSlack
    play: Play


@contextmanager
def staged(options: DemoOptions) -> Iterator[Stage]:
    """Cadence served over HTTP against the emulator on a fresh database in `options.out`, nothing played yet."""
    database = _fresh_database(options.out)
    org = build_organisation(options.seed, options.people)
    clock = ManualTime(START)

    def moment() -> float:
        """The demo's time, for message timestamps and for the rate limits it pays as it plays."""
        return clock.now().timestamp()

    with SlackEmulator(org.workspace, clock=moment, wall_clock=moment) as slack:
        settings = load_settings(demo_env(org, slack.api_url, f"sqlite:///{database}"), require=())
        engine = create_db_engine(settings.database_url)
        try:
            upgrade(engine)
            runtime = build_runtime(settings, clock=clock, engine=engine)
            with serving(runtime, slack) as client:
                yield Stage(org, slack, runtime, clock, client, Play(client, runtime, clock, org, options.seed))
        finally:
            engine.dispose()


def run_demo(options: DemoOptions) -> DemoResult:
    started = time.perf_counter()
    with staged(options) as stage:
        played = stage.play.run(options.weeks)
        lines = _summary(stage.runtime, stage.org, played)
        html = _page(stage.slack, stage.org, played, lines)
    page = options.out / "index.html"
    page.write_text(html, encoding="utf-8")
    return DemoResult(page, (options.out / "cadence.db").resolve(), lines, time.perf_counter() - started, stage.slack)


def _fresh_database(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    database = (out / "cadence.db").resolve()
    for leftover in (database, database.with_name("cadence.db-wal"), database.with_name("cadence.db-shm")):
        leftover.unlink(missing_ok=True)
    return database


@contextmanager
def serving(runtime: Runtime, slack: SlackEmulator) -> Iterator[DemoSlack]:
    """The real app over HTTP on a free local port, and a Slack client pointed at it."""
    executor = TrackingExecutor()
    app = create_app(runtime, listener_executor=executor)
    server, thread, port = serve_in_thread(create_web_app(app, runtime.engine))
    try:
        yield DemoSlack(slack, f"http://127.0.0.1:{port}", SIGNING_SECRET, executor, runtime.clock)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        executor.shutdown(wait=True)


def _summary(runtime: Runtime, org: Organisation, played: Played) -> list[str]:
    return summary.summary_lines(org, played.weeks, summary.figures(runtime), summary.latest_digest(runtime))


def _page(slack: SlackEmulator, org: Organisation, played: Played, lines: list[str]) -> str:
    champion = org.champions[0]
    homes = {
        "Employee": played.employee,
        "Change champion": champion,
        "Leader": org.leader,
        "Programme owner": org.owner,
    }
    owner = slack.opened_views(org.owner)
    forms = {
        "Leader's key-message composer": (org.leader, played.composer),
        "Programme owner's pulse form": (org.owner, owner[0]),
        "Latest pulse results": (org.owner, owner[-1]),
    }
    title = f"Cadence at {org.workspace.team_name}: {played.weeks} weeks of a customer-promise programme"
    return render_page(
        slack, title=title, dms_for=[played.employee, champion], home_for=homes, summary=lines, forms=forms
    )


def print_result(result: DemoResult) -> None:
    print(f"Cadence demo: {result.page.resolve()} (open it in a browser); took {result.seconds:.0f} s.")
    for line in result.summary:
        print(f"  - {line}")
