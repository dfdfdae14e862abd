"""Everything a handler, a job or a command needs, built once per process and passed explicitly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from slack_sdk import WebClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.platform.config import ProgrammeConfig
from bot.platform.directory import Directory
from bot.platform.outbox.pacer import Pacers
from bot.platform.outbox.sender import DeliveryWorker
from bot.platform.roles import RoleResolver
from bot.platform.settings import Settings
from bot.platform.slack_calls import create_web_client
from bot.platform.timesource import SystemTime, TimeSource
from content.pack import ContentPack
from storage.db import create_db_engine, session_scope

SCHEDULER_BUDGET = timedelta(minutes=10)
REQUEST_BUDGET = timedelta(seconds=20)


class Runtime:
    def __init__(self, config: ProgrammeConfig, engine: Engine, clock: TimeSource, client: WebClient) -> None:
        self.config = config
        self.engine = engine
        self.clock = clock
        self.client = client
        self.pacers = Pacers(clock)
        """The process's one pacer per Web API method: every sender built here shares it."""
        self.directory = Directory(client, clock, engine)
        self.roles = RoleResolver(config.settings, self.directory)

    @property
    def settings(self) -> Settings:
        """The settings in force now (admin changes included)."""
        return self.config.settings()

    @property
    def pack(self) -> ContentPack:
        """The content pack in force now (an imported one, or the shipped one)."""
        return self.config.pack()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session

    def delivery_worker(self, *, budget: timedelta = SCHEDULER_BUDGET) -> DeliveryWorker:
        return DeliveryWorker(self.engine, self.client, self.clock, pacers=self.pacers, budget=budget)

    def send_now(self, delivery_ids: list[int]) -> None:
        """Send at once the deliveries a request just queued (and nothing else), within a few seconds; what Slack
        turns away for longer stays in the outbox for the scheduler's tick."""
        self.delivery_worker(budget=REQUEST_BUDGET).send(delivery_ids)


def build_runtime(settings: Settings, *, clock: TimeSource | None = None, engine: Engine | None = None) -> Runtime:
    engine = engine or create_db_engine(settings.database_url)
    clock = clock or SystemTime()
    return Runtime(
        config=ProgrammeConfig(settings, engine, clock),
        engine=engine,
        clock=clock,
        client=create_web_client(settings.slack_bot_token, settings.slack_api_url),
    )
