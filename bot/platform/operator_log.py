"""What the operator reads on stderr: Cadence's own lines, not the libraries' start-up and connection chatter.

Below DEBUG, Alembic says only which migrations it ran, APScheduler only what went wrong, Bolt drops its warning that
the `SLACK_BOT_TOKEN` it found in the environment is unused (Cadence hands it a ready client), and the Socket Mode
client's connection notices and the start-up probe's request errors give way to Cadence's own lines. At DEBUG
everything is shown.
"""

from __future__ import annotations

import logging

from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
SOCKET_MODE_LIBRARY_LOG = "cadence.socket_mode.library"
"""The logger handed to the Socket Mode client, so its notices can be told apart from the rest of Bolt's."""

PROBE_LOG = "cadence.startup.web_api"
"""The logger of the client that checks the tokens at start; its failures are told in Cadence's own one line."""

QUIET_BELOW_DEBUG = {
    PROBE_LOG: logging.CRITICAL,
    "alembic": logging.WARNING,
    "alembic.runtime.migration": logging.INFO,
    "apscheduler": logging.WARNING,
    SOCKET_MODE_LIBRARY_LOG: logging.WARNING,
    "websocket": logging.CRITICAL,
}


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format=FORMAT)
    if level == "DEBUG":
        return
    for name, floor in QUIET_BELOW_DEBUG.items():
        logging.getLogger(name).setLevel(floor)
    logging.getLogger("alembic.runtime.migration").addFilter(_migrations_run)
    logging.getLogger("slack_bolt.App").addFilter(_not_the_unused_token_warning)
    logging.getLogger(SOCKET_MODE_LIBRARY_LOG).addFilter(_not_connection_errors)


def _migrations_run(record: logging.LogRecord) -> bool:
    return record.getMessage().startswith(("Running upgrade", "Running downgrade"))


def _not_the_unused_token_warning(record: logging.LogRecord) -> bool:
    return record.getMessage() != warning_client_prioritized_and_token_skipped()


def _not_connection_errors(record: logging.LogRecord) -> bool:
    """The client reports a lost connection as an error; Cadence logs one warning of its own for it instead."""
    return not record.getMessage().startswith("on_error invoked")
