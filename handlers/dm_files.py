"""A file Cadence sends an admin in their DM with it (an export), through Slack's external upload flow."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.admin.programme import AdminRefusal
from bot.platform.slack_calls import call


def upload_to_dm(
    client: WebClient, user: str, *, content: bytes | str, filename: str, title: str, comment: str, again: str
) -> None:
    """Upload `content` to the user's DM with Cadence. Raises AdminRefusal, saying to run `again`, when Slack fails."""
    opened = call(client.conversations_open, users=user)
    if not opened.ok:
        raise AdminRefusal(f"Slack didn't open our DM ({opened.error}). Try `{again}` again.")
    uploaded = call(
        client.files_upload_v2,
        channel=(opened.data.get("channel") or {}).get("id", ""),
        content=content,
        filename=filename,
        title=title,
        initial_comment=comment,
    )
    if not uploaded.ok:
        raise AdminRefusal(f"Slack didn't take the file ({uploaded.error}). Try `{again}` again.")
