"""Everything a handler, a job or a command needs, built once per process and passed explicitly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from slack_sdk import WebClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.clock import Clock, SystemClock
from bot.delivery import DeliveryWorker
from bot.directory import Directory
from bot.roles import RoleResolver
from bot.settings import Settings
from bot.slack_calls import create_web_client
from content.pack import ContentPack, load_pack
from storage.db import create_db_engine, session_scope


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    clock: Clock
    client: WebClient
    pack: ContentPack
    directory: Directory = field(init=False)
    roles: RoleResolver = field(init=False)

    def __post_init__(self) -> None:
        self.directory = Directory(self.client, self.clock)
        self.roles = RoleResolver(self.settings, self.directory)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with session_scope(self.engine) as session:
            yield session

    def delivery_worker(self) -> DeliveryWorker:
        return DeliveryWorker(self.engine, self.client, self.clock)


def build_runtime(settings: Settings, *, clock: Clock | None = None, engine: Engine | None = None) -> Runtime:
    return Runtime(
        settings=settings,
        engine=engine or create_db_engine(settings.database_url),
        clock=clock or SystemClock(),
        client=create_web_client(settings.slack_bot_token, settings.slack_api_url),
        pack=load_pack(settings.content_dir),
    )
