"""Everything a handler, a job or a command needs, built once per process and passed explicitly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from slack_sdk import WebClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.platform.config import ProgrammeConfig
from bot.platform.directory import Directory
from bot.platform.outbox.sender import DeliveryWorker
from bot.platform.roles import RoleResolver
from bot.platform.settings import Settings
from bot.platform.slack_calls import create_web_client
from bot.platform.timesource import SystemTime, TimeSource
from content.pack import ContentPack
from storage.db import create_db_engine, session_scope


class Runtime:
    def __init__(self, config: ProgrammeConfig, engine: Engine, clock: TimeSource, client: WebClient) -> None:
        self.config = config
        self.engine = engine
        self.clock = clock
        self.client = client
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

    def delivery_worker(self) -> DeliveryWorker:
        return DeliveryWorker(self.engine, self.client, self.clock)


def build_runtime(settings: Settings, *, clock: TimeSource | None = None, engine: Engine | None = None) -> Runtime:
    engine = engine or create_db_engine(settings.database_url)
    clock = clock or SystemTime()
    return Runtime(
        config=ProgrammeConfig(settings, engine, clock),
        engine=engine,
        clock=clock,
        client=create_web_client(settings.slack_bot_token, settings.slack_api_url),
    )
