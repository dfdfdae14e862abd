"""The settings and content pack in force: the environment's starting values, with what admins changed in Slack
layered on top. Every process reads the database again after a short while, so a change made through one web
process reaches the others and the clock within `REFRESH`."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.platform.settings import Settings, SettingsError, load_settings
from bot.platform.timesource import TimeSource
from content.pack import ContentPack, ContentPackError, load_pack, validate_pack_data
from storage import admin
from storage.db import read_scope

log = logging.getLogger(__name__)

REFRESH = timedelta(seconds=30)


class ProgrammeConfig:
    def __init__(self, base: Settings, engine: Engine, clock: TimeSource) -> None:
        self.base = base
        self.engine = engine
        self._clock = clock
        self._lock = threading.Lock()
        self._file_pack = load_pack(base.content_dir)
        self._settings, self._pack = self._layered({}, None)
        self._loaded_at: datetime | None = None

    def settings(self) -> Settings:
        self._refresh_if_stale()
        return self._settings

    def pack(self) -> ContentPack:
        self._refresh_if_stale()
        return self._pack

    def invalidate(self) -> None:
        with self._lock:
            self._loaded_at = None

    def with_override(self, overrides: dict[str, str]) -> Settings:
        """The settings that would be in force with `overrides` on top; raises SettingsError if they are invalid."""
        return load_settings({**self.base.source, **overrides})

    def _refresh_if_stale(self) -> None:
        now = self._clock.now()
        with self._lock:
            if self._loaded_at is not None and now - self._loaded_at < REFRESH:
                return
            self._loaded_at = now
        try:
            with read_scope(self.engine) as session:
                overrides = admin.setting_overrides(session)
                pack_data = admin.active_pack_data(session)
        except SQLAlchemyError:
            log.warning("could not read programme settings; keeping the last known ones")
            return
        settings, pack = self._layered(overrides, pack_data)
        with self._lock:
            self._settings, self._pack = settings, pack

    def _layered(self, overrides: dict[str, str], pack_data: dict | None) -> tuple[Settings, ContentPack]:
        settings = self.base
        if overrides:
            try:
                settings = self.with_override(overrides)
            except SettingsError as exc:
                log.error("stored programme settings are invalid, using the environment's: %s", exc)
        pack = self._file_pack
        if pack_data:
            try:
                pack = validate_pack_data(pack_data)
            except ContentPackError as exc:
                log.error("the imported content pack is invalid, using the shipped one: %s", exc)
        if settings.promise_statement:
            pack = replace(pack, promise_statement=settings.promise_statement)
        return settings, pack
