"""`/cadence content export | import`, and the content pack an admin drops in their DM with Cadence (received by
`handlers.file_drop`)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.admin import content_pack as content_admin
from bot.admin.programme import AdminRefusal
from bot.platform.runtime import Runtime
from content.blocks.common import section
from handlers.admin_cmd import admins_only, done
from handlers.cadence_cmd import subcommand
from handlers.dm_files import upload_to_dm
from handlers.payload import Request

log = logging.getLogger(__name__)

USAGE = "Use `/cadence content export` (the pack in force, as a zip file) or `/cadence content import`."
IMPORT_HOW = (
    "To import a content pack, upload its zip file (the five .toml files, as `/cadence content export` gives them) "
    "in your messages with Cadence: open Cadence in Slack, then *Messages*, and drop the file there. "
    "I check the whole pack first; if anything is wrong I say which file and entry, and nothing changes."
)
EXPORT_COMMENT = "The content pack in force. Edit the .toml files, zip them again and upload the zip here to import it."


@subcommand("content")
@admins_only
def on_content(*, ack: Ack, rest: str, command: dict[str, Any], runtime: Runtime, **_: Any) -> None:
    word = rest.split()[0].lower() if rest else ""
    if word == "import":
        ack(text=IMPORT_HOW, blocks=[section(IMPORT_HOW)])
    elif word == "export":
        export_to_dm(ack, runtime, Request(command).user_id, runtime.client)
    else:
        raise AdminRefusal(USAGE)


def export_to_dm(ack: Ack, runtime: Runtime, user: str, client: WebClient) -> None:
    blob = content_admin.export_zip(runtime.config, actor=user, now=runtime.clock.now())
    upload_to_dm(
        client,
        user,
        content=blob,
        filename=content_admin.ZIP_NAME,
        title="Cadence content pack",
        comment=EXPORT_COMMENT,
        again="/cadence content export",
    )
    done(ack, "The content pack is in your messages with Cadence.")


def import_dropped_pack(runtime: Runtime, user: str, filename: str, blob: bytes) -> str:
    """A content pack an admin dropped in their DM with Cadence: imported whole, or refused naming what to fix."""
    try:
        pack = content_admin.import_pack(
            runtime.config, content_admin.read_zip(blob), actor=user, source=filename, now=runtime.clock.now()
        )
    except content_admin.ContentImportError as refusal:
        log.info("content pack import refused: user=%s", user)
        return f":warning: Nothing was imported. {refusal}"
    log.info("content pack imported: user=%s", user)
    return f":white_check_mark: Imported and in force: {content_admin.describe(pack)}."
