"""Cadence's settings: read once from the environment (and `.env`), validated, immutable.

Nothing else in Cadence reads `os.environ`. A missing or malformed setting raises `SettingsError` whose message
is one line naming the setting and saying how to fix it; the command line prints that line and exits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from bot.platform.mentions import CHANNEL_ID, ROLE_HOLDER_ID, USER_ID
from bot.platform.timesource import find_zone
from bot.platform.working_hours import DEFAULT_HOURS, HOURS_EXAMPLE, WorkingHours, parse_working_hours

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///data/cadence.db"
FIX_HINT = "set it in .env (copy .env.example) or the environment"
SOURCE_PREFIXES = ("SLACK_", "CADENCE_", "DATABASE_URL", "PORT", "LOG_LEVEL")

TOKEN_KINDS = {
    "xoxb-": "a bot token",
    "xoxp-": "a user token",
    "xapp-": "an app-level token",
    "xoxe-": "a token-rotation token",
    "xoxc-": "a browser session token",
}
TOKEN_SOURCES = {
    "SLACK_BOT_TOKEN": "the Bot User OAuth Token on the app's OAuth & Permissions page",
    "SLACK_APP_TOKEN": "an app-level token with connections:write under Basic Information → App-Level Tokens",
}
PLACEHOLDERS = {
    "SLACK_BOT_TOKEN": "xoxb-your-bot-token",
    "SLACK_APP_TOKEN": "xapp-your-app-token",
}
"""The example values `.env.example` ships; copied unchanged they would pass every format check, so they are refused."""

T = TypeVar("T")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message is the one line shown to the operator."""


@dataclass(frozen=True)
class Settings:
    """Every setting Cadence reads, already parsed. Admin changes made in Slack are stored in the database and
    layered on top of these starting values by `bot.platform.config`."""

    slack_bot_token: str
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_api_url: str = DEFAULT_SLACK_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    port: int = 3000
    admins: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    champions: tuple[str, ...] = ()
    owner: str = ""
    recognition_channel: str = ""
    digest_channels: tuple[str, ...] = ()
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    working_hours: WorkingHours = DEFAULT_HOURS
    """When messages may reach people, in each one's own time zone; anything outside waits for the next morning."""
    min_group_size: int = 5
    shoutout_daily_limit: int = 10
    shoutout_reaction: str = ""
    pulse_max_per_week: int = 2
    pulse_secret: str = ""
    catchup_grace_minutes: int = 120
    content_dir: Path | None = None
    promise_statement: str = ""
    tick_seconds: int = 5
    start_retry_seconds: int = 60
    """How long a process keeps trying to reach Slack at start before it gives up (0: try once)."""
    log_level: str = "INFO"
    source: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    """The raw values these settings were parsed from, so admin changes can be validated by the same rules."""

    @property
    def programme_owner(self) -> str:
        """The programme owner: `CADENCE_OWNER`, else the first admin given as a user id."""
        if self.owner:
            return self.owner
        return next((a for a in self.admins if USER_ID.match(a)), "")


def load_settings(env: Mapping[str, str], *, require: tuple[str, ...] = ("SLACK_BOT_TOKEN",)) -> Settings:
    """Parse and validate `env`. `require` names the settings the calling process cannot start without."""
    for name in require:
        if not env.get(name, "").strip():
            raise SettingsError(f"{name} is not set: {FIX_HINT}.{_hint_for(name)}")
    reader = _Reader(env)
    admins = reader.ids("CADENCE_ADMINS", ROLE_HOLDER_ID, "Slack user ids (U…) or user group ids (S…)")
    settings = Settings(
        slack_bot_token=reader.token("SLACK_BOT_TOKEN", "xoxb-"),
        slack_signing_secret=reader.text("SLACK_SIGNING_SECRET"),
        slack_app_token=reader.token("SLACK_APP_TOKEN", "xapp-"),
        slack_api_url=reader.url("SLACK_API_URL", DEFAULT_SLACK_API_URL),
        database_url=reader.database_url(),
        port=reader.integer("PORT", 3000, minimum=1, maximum=65535),
        admins=admins,
        leaders=reader.ids("CADENCE_LEADERS", ROLE_HOLDER_ID, "Slack user ids (U…) or user group ids (S…)"),
        champions=reader.ids("CADENCE_CHAMPIONS", ROLE_HOLDER_ID, "Slack user ids (U…) or user group ids (S…)"),
        owner=reader.single_id("CADENCE_OWNER", USER_ID, "a Slack user id (U…)"),
        recognition_channel=reader.single_id("CADENCE_RECOGNITION_CHANNEL", CHANNEL_ID, "a channel id (C… or G…)"),
        digest_channels=reader.ids("CADENCE_DIGEST_CHANNELS", CHANNEL_ID, "channel ids (C… or G…)"),
        timezone=reader.timezone("CADENCE_TIMEZONE"),
        working_hours=reader.working_hours("CADENCE_WORKING_HOURS"),
        min_group_size=reader.integer("CADENCE_MIN_GROUP_SIZE", 5, minimum=3, maximum=1000),
        shoutout_daily_limit=reader.integer("CADENCE_SHOUTOUT_DAILY_LIMIT", 10, minimum=1, maximum=1000),
        shoutout_reaction=reader.emoji("CADENCE_SHOUTOUT_REACTION"),
        pulse_max_per_week=reader.integer("CADENCE_PULSE_MAX_PER_WEEK", 2, minimum=1, maximum=7),
        pulse_secret=reader.text("CADENCE_PULSE_SECRET"),
        catchup_grace_minutes=reader.integer("CADENCE_CATCHUP_GRACE_MINUTES", 120, minimum=0, maximum=10080),
        content_dir=reader.directory("CADENCE_CONTENT_DIR"),
        promise_statement=reader.limited_text("CADENCE_PROMISE", 300),
        tick_seconds=reader.integer("CADENCE_TICK_SECONDS", 5, minimum=1, maximum=300),
        start_retry_seconds=reader.integer("CADENCE_START_RETRY_SECONDS", 60, minimum=0, maximum=3600),
        log_level=reader.choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO"),
        source={k: v for k, v in env.items() if k.startswith(SOURCE_PREFIXES)},
    )
    return settings


def _hint_for(name: str) -> str:
    hints = {
        "SLACK_BOT_TOKEN": " It is the Bot User OAuth Token (xoxb-…) on the app's OAuth & Permissions page."
        " To see Cadence without Slack first, run `make demo`.",
        "SLACK_APP_TOKEN": " It is an app-level token (xapp-…) with connections:write, for Socket Mode.",
        "SLACK_SIGNING_SECRET": " It is on the app's Basic Information page; HTTP mode needs it.",
    }
    return hints.get(name, "")


class _Reader:
    """Reads one kind of value per method, raising a one-line `SettingsError` on bad input."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def raw(self, name: str) -> str:
        return self.env.get(name, "").strip()

    def text(self, name: str) -> str:
        return self.raw(name)

    def limited_text(self, name: str, limit: int) -> str:
        value = self.raw(name)
        if len(value) > limit:
            raise SettingsError(f"{name} must be at most {limit} characters (got {len(value)}): {FIX_HINT}.")
        return value

    def token(self, name: str, prefix: str) -> str:
        value = self.raw(name)
        if value and value == PLACEHOLDERS[name]:
            raise SettingsError(
                f"{name} is still the example value from .env.example ({value}): "
                f"replace it in .env with {TOKEN_SOURCES[name]}."
            )
        if value and not value.startswith(prefix):
            kind = next((k for p, k in TOKEN_KINDS.items() if value.startswith(p)), "not a Slack token")
            raise SettingsError(
                f"{name} must start with {prefix} ({TOKEN_KINDS[prefix]}), but the value given is {kind} "
                f"(starting {value[:5]!r}): use {TOKEN_SOURCES[name]}, set in .env or the environment."
            )
        return value

    def url(self, name: str, default: str) -> str:
        value = self.raw(name) or default
        if not re.match(r"^https?://[^\s/]+", value):
            raise SettingsError(f"{name} must be an http(s) URL such as {default} (got {value!r}): {FIX_HINT}.")
        return value if value.endswith("/") else value + "/"

    def database_url(self) -> str:
        value = self.raw("DATABASE_URL") or DEFAULT_DATABASE_URL
        if value.startswith("postgres://"):
            value = "postgresql+psycopg://" + value.removeprefix("postgres://")
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value.removeprefix("postgresql://")
        if not (value.startswith("sqlite:///") or value.startswith("postgresql+psycopg://")):
            raise SettingsError(
                "DATABASE_URL must be sqlite:///path/to/file.db or postgresql+psycopg://user@host/db "
                f"(got {value.split(':', 1)[0]!r}): {FIX_HINT}."
            )
        return value

    def integer(self, name: str, default: int, *, minimum: int, maximum: int) -> int:
        value = self.raw(name)
        if not value:
            return default
        try:
            number = int(value)
        except ValueError:
            number = minimum - 1
        if not minimum <= number <= maximum:
            raise SettingsError(
                f"{name} must be a whole number from {minimum} to {maximum} (got {value!r}): {FIX_HINT}."
            )
        return number

    def ids(self, name: str, pattern: re.Pattern[str], what: str) -> tuple[str, ...]:
        items = tuple(part.strip() for part in self.raw(name).split(",") if part.strip())
        return tuple(self._checked_id(name, item, pattern, what) for item in items)

    def single_id(self, name: str, pattern: re.Pattern[str], what: str) -> str:
        value = self.raw(name)
        return self._checked_id(name, value, pattern, what) if value else ""

    @staticmethod
    def _checked_id(name: str, value: str, pattern: re.Pattern[str], what: str) -> str:
        if not pattern.match(value):
            raise SettingsError(f"{name} must be {what}, comma-separated (got {value!r}): {FIX_HINT}.")
        return value

    def timezone(self, name: str) -> ZoneInfo:
        value = self.raw(name) or "UTC"
        zone = find_zone(value)
        if zone is None:
            raise SettingsError(f"{name} must be an IANA time zone such as Europe/London (got {value!r}): {FIX_HINT}.")
        return zone

    def working_hours(self, name: str) -> WorkingHours:
        value = self.raw(name)
        if not value:
            return DEFAULT_HOURS
        return _parse(name, value, parse_working_hours, f"working days and hours such as {HOURS_EXAMPLE}")

    def emoji(self, name: str) -> str:
        value = self.raw(name).strip(":")
        if value and not re.match(r"^[a-z0-9_+'-]+$", value):
            raise SettingsError(f"{name} must be an emoji name such as tada (got {value!r}): {FIX_HINT}.")
        return value

    def directory(self, name: str) -> Path | None:
        value = self.raw(name)
        if not value:
            return None
        path = Path(value)
        if not path.is_dir():
            raise SettingsError(f"{name} must name an existing folder (got {value!r}): {FIX_HINT}.")
        return path

    def choice(self, name: str, options: tuple[str, ...], default: str) -> str:
        value = self.raw(name).upper() or default
        if value not in options:
            raise SettingsError(f"{name} must be one of {', '.join(options)} (got {value!r}): {FIX_HINT}.")
        return value


def _parse(name: str, value: str, parse: Callable[[str], T], what: str, *errors: type[Exception]) -> T:
    caught: tuple[type[Exception], ...] = (ValueError, *errors)
    try:
        return parse(value)
    except caught as exc:
        raise SettingsError(f"{name} must be {what} (got {value!r}): {FIX_HINT}.") from exc
