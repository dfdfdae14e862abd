"""Before a process serves anyone, its tokens must work: `auth.test` with the bot token, and for Socket Mode
`apps.connections.open` with the app-level token. A token Slack refuses stops the process with one line naming the
setting and the fix. An unreachable Slack is asked again with backoff for `CADENCE_START_RETRY_SECONDS`, one line per
wait, then the process stops with one line. What is on and what is off is summed up in one line at start.
"""

from __future__ import annotations

import logging
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.platform.operator_log import PROBE_LOG
from bot.platform.settings import TOKEN_SOURCES, Settings
from bot.platform.slack_calls import DEFAULT_TIMEOUT_SECONDS
from bot.platform.timesource import TimeSource

MAX_WAIT_SECONDS = 30.0
TRY_AGAIN_ERRORS = frozenset({"ratelimited", "service_unavailable", "request_timeout", "internal_error", "fatal_error"})
"""`ok: false` answers that say nothing about the token: Slack could not answer just then."""

_REINSTALL = "reinstall the app (OAuth & Permissions → Reinstall to Workspace) and copy the new Bot User OAuth Token"
_NEW_APP_TOKEN = "generate a new one with connections:write under Basic Information → App-Level Tokens"
REFUSALS: dict[str, dict[str, str]] = {
    "SLACK_BOT_TOKEN": {
        "invalid_auth": f"copy {TOKEN_SOURCES['SLACK_BOT_TOKEN']} again",
        "not_authed": f"copy {TOKEN_SOURCES['SLACK_BOT_TOKEN']} again",
        "account_inactive": _REINSTALL,
        "token_revoked": _REINSTALL,
        "token_expired": f"token rotation expired it: turn rotation off and {_REINSTALL}",
        "not_allowed_token_type": f"it is not a bot token: use {TOKEN_SOURCES['SLACK_BOT_TOKEN']}",
        "": f"check it against {TOKEN_SOURCES['SLACK_BOT_TOKEN']}",
    },
    "SLACK_APP_TOKEN": {
        "invalid_auth": _NEW_APP_TOKEN,
        "not_authed": _NEW_APP_TOKEN,
        "token_revoked": _NEW_APP_TOKEN,
        "not_allowed_token_type": f"it is not an app-level token: use {TOKEN_SOURCES['SLACK_APP_TOKEN']}",
        "missing_scope": "add the connections:write scope to it under Basic Information → App-Level Tokens",
        "": "turn Socket Mode on (the app's Socket Mode page) and check the token under App-Level Tokens",
    },
}
"""Per token, what each refusal from Slack means the operator should do ("" for any other refusal)."""


class StartupError(Exception):
    """The process cannot start; the message is the one line shown to the operator."""


@dataclass(frozen=True)
class Identity:
    """Who the bot token says the bot is, from `auth.test`."""

    team: str
    user: str


@dataclass(frozen=True)
class _Answer:
    data: dict[str, Any] | None = None
    refused: str = ""
    unreachable: str = ""


def check_slack(settings: Settings, *, socket_mode: bool, clock: TimeSource, say: Callable[[str], None]) -> Identity:
    """Check the tokens `settings` hold, or raise `StartupError`. `say` prints a line for each wait.

    The probe's client neither retries nor logs on its own: this loop retries, on the injected clock, and says so."""
    client = WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=DEFAULT_TIMEOUT_SECONDS,
        logger=logging.getLogger(PROBE_LOG),
        retry_handlers=[],
    )
    patience = _Patience(settings, clock, say)
    found = patience.ask("SLACK_BOT_TOKEN", client.auth_test)
    if socket_mode:
        patience.ask("SLACK_APP_TOKEN", lambda: client.apps_connections_open(app_token=settings.slack_app_token))
    return Identity(team=str(found.get("team") or found.get("team_id") or "?"), user=str(found.get("user") or "?"))


class _Patience:
    """Asks Slack until it answers, waiting 1, 2, 4… s (at most 30 s a time) within the start-up budget."""

    def __init__(self, settings: Settings, clock: TimeSource, say: Callable[[str], None]) -> None:
        self.url = settings.slack_api_url
        self.budget = float(settings.start_retry_seconds)
        self.clock = clock
        self.say = say
        self.waited = 0.0

    def ask(self, token_name: str, method: Callable[[], Any]) -> dict[str, Any]:
        attempts = 0
        while True:
            attempts += 1
            answer = _ask(method)
            if answer.data is not None:
                return answer.data
            if answer.refused:
                advice = REFUSALS[token_name].get(answer.refused) or REFUSALS[token_name][""]
                raise StartupError(f"Slack refused {token_name} ({answer.refused}): {advice}; set it in .env.")
            delay = min(2.0 ** (attempts - 1), MAX_WAIT_SECONDS, self.budget - self.waited)
            if delay <= 0:
                raise StartupError(
                    f"cannot reach Slack at {self.url} ({answer.unreachable}) after {attempts} "
                    f"attempt{'s' if attempts > 1 else ''} over {self.waited:g} s: check the network and any "
                    "proxy, or SLACK_API_URL; CADENCE_START_RETRY_SECONDS sets how long to keep trying."
                )
            self.say(f"cannot reach Slack at {self.url} ({answer.unreachable}); trying again in {delay:g} s")
            self.clock.sleep(delay)
            self.waited += delay


def _ask(method: Callable[[], Any]) -> _Answer:
    try:
        response = method()
    except SlackApiError as exc:
        status = int(getattr(exc.response, "status_code", 200))
        data = exc.response.data if isinstance(exc.response.data, dict) else {}
        error = str(data.get("error") or "")
        if status == 429 or status >= 500 or error in TRY_AGAIN_ERRORS:
            return _Answer(unreachable=f"HTTP {status} {error}".strip())
        return _Answer(refused=error or f"HTTP {status}")
    except urllib.error.URLError as exc:
        return _Answer(unreachable=str(getattr(exc, "reason", exc)) or type(exc).__name__)
    except (SlackClientError, OSError) as exc:
        return _Answer(unreachable=str(exc) or type(exc).__name__)
    return _Answer(data=dict(response.data) if isinstance(response.data, dict) else {})


def summary(settings: Settings, identity: Identity, *, serving: str, digest_channels: int) -> str:
    """One line: who is serving what, and which parts of Cadence are on or off and why."""
    reaction, channel, count = settings.shoutout_reaction, settings.recognition_channel, digest_channels
    shoutouts = f"reaction shout-outs on (:{reaction}:)"
    digests = f"digests to {count} channel{'' if count == 1 else 's'}"
    parts = [
        f"Cadence is up as @{identity.user} in {identity.team}: {serving}",
        "pulses on" if settings.pulse_secret else _off("pulses", "CADENCE_PULSE_SECRET"),
        shoutouts if reaction else _off("reaction shout-outs", "CADENCE_SHOUTOUT_REACTION"),
        f"recognition channel {channel}" if channel else _off("recognition channel", "CADENCE_RECOGNITION_CHANNEL"),
        digests if count else _off("digests", "CADENCE_DIGEST_CHANNELS"),
    ]
    return "; ".join(parts)


def _off(what: str, setting: str) -> str:
    return f"{what} off: {setting} not set"
