"""Files people share with Cadence in Slack, fetched with the bot token. The token goes to Slack's file host (or
the configured Web API host, for a proxy) and nowhere else."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from urllib.parse import urlsplit

SLACK_FILE_HOSTS = ("files.slack.com",)
DOWNLOAD_TIMEOUT_SECONDS = 15

log = logging.getLogger(__name__)


class SlackFileError(ValueError):
    """A shared file Cadence could not read; the message says what to do."""


def download(url: str, *, token: str, api_url: str, max_bytes: int) -> bytes:
    """The file's bytes, at most `max_bytes` + 1 of them (so the caller can tell a file too large)."""
    target, api = urlsplit(url), urlsplit(api_url)
    own_host = target.scheme == "https" and target.hostname in SLACK_FILE_HOSTS
    if not own_host and (target.scheme, target.netloc) != (api.scheme, api.netloc):
        raise SlackFileError("I can only read files shared in Slack. Upload the file here again.")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response:
            if "text/html" in response.headers.get("Content-Type", ""):
                raise SlackFileError("Slack didn't let me read that file. Check Cadence has `files:read`.")
            return bytes(response.read(max_bytes + 1))
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        log.warning("shared file download failed: %s", type(error).__name__)
        raise SlackFileError("Slack didn't hand me the file just now. Upload it here again.") from None
