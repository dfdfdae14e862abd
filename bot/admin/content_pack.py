"""Exporting the content pack in force, and importing an edited one: validated whole, stored as the active
`ContentPackVersion` with an audit entry in one unit of work, or refused with the file and entry at fault and
nothing changed.

A pack travels as its five TOML files, the same files as `CADENCE_CONTENT_DIR` (in Slack: zipped in one file).
"""

from __future__ import annotations

import io
import tomllib
import zipfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from bot.platform.config import ProgrammeConfig
from content import pack_toml
from content.pack import DEFAULT_PACK_DIR, PACK_FILES, ContentPack, ContentPackError, validate_pack_data
from storage import admin
from storage.db import session_scope

ZIP_NAME = "cadence-content-pack.zip"
MAX_FILE_BYTES = 512 * 1024
MAX_ZIP_BYTES = 2 * 1024 * 1024
IMPORT_ACTION = "content.imported"


class ContentImportError(ValueError):
    """A pack that cannot be imported; the message names the file and entry at fault."""


def pack_data(config: ProgrammeConfig) -> dict[str, Any]:
    """The raw tables of the pack in force: the last imported one, or the deployment's files."""
    with session_scope(config.engine) as session:
        stored = admin.active_pack_data(session)
    if stored:
        return stored
    return read_files(read_dir(Path(config.base.content_dir or DEFAULT_PACK_DIR)))


def export_files(config: ProgrammeConfig) -> dict[str, str]:
    """The pack in force as `<stem>.toml` texts."""
    data = pack_data(config)
    return {f"{stem}.toml": pack_toml.dumps(data[stem]) for stem in PACK_FILES}


def export_zip(config: ProgrammeConfig, *, actor: str, now: datetime) -> bytes:
    """The pack in force as a zip of its five files; the export is written to the audit log."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in export_files(config).items():
            archive.writestr(name, text)
    with session_scope(config.engine) as session:
        admin.record(session, actor=actor, action="content.exported", detail={"format": "zip"}, now=now)
    return buffer.getvalue()


def read_zip(blob: bytes) -> dict[str, bytes]:
    """The pack files in a zip (at its top or in one folder); other files are ignored."""
    if len(blob) > MAX_ZIP_BYTES:
        raise ContentImportError(f"The file is larger than {MAX_ZIP_BYTES // 1024} KB; a content pack is far smaller.")
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            wanted = {f"{stem}.toml" for stem in PACK_FILES}
            found: dict[str, bytes] = {}
            for info in archive.infolist():
                name = PurePosixPath(info.filename).name
                if name not in wanted or info.is_dir():
                    continue
                if info.file_size > MAX_FILE_BYTES:
                    raise ContentImportError(f"{name}: larger than {MAX_FILE_BYTES // 1024} KB.")
                found[name] = archive.read(info)
            return found
    except zipfile.BadZipFile:
        raise ContentImportError(f"That is not a zip file. Send the {ZIP_NAME} you exported, edited.") from None


def read_dir(folder: Path) -> dict[str, bytes]:
    found = {}
    for stem in PACK_FILES:
        path = folder / f"{stem}.toml"
        if path.is_file():
            found[path.name] = path.read_bytes()
    return found


def read_files(files: Mapping[str, bytes]) -> dict[str, Any]:
    """Parse each `<stem>.toml`; a missing or unreadable file is refused by name."""
    data: dict[str, Any] = {}
    for stem in PACK_FILES:
        name = f"{stem}.toml"
        if name not in files:
            raise ContentImportError(f"{name}: missing (a pack has {', '.join(f'{s}.toml' for s in PACK_FILES)}).")
        try:
            data[stem] = tomllib.loads(files[name].decode("utf-8"))
        except UnicodeDecodeError:
            raise ContentImportError(f"{name}: not UTF-8 text.") from None
        except tomllib.TOMLDecodeError as error:
            raise ContentImportError(f"{name}: not valid TOML ({error}).") from None
    return data


def import_pack(
    config: ProgrammeConfig, files: Mapping[str, bytes], *, actor: str, source: str, now: datetime
) -> ContentPack:
    """Validate the files as one pack and make it the pack in force. Raises ContentImportError, changing nothing."""
    data = read_files(files)
    try:
        pack = validate_pack_data(data)
    except ContentPackError as error:
        raise ContentImportError(str(error)) from None
    detail = {
        "source": source[:120],
        "behaviours": len(pack.behaviours),
        "questions": len(pack.questions),
        "messages": len(pack.messages),
        "prompts": len(pack.prompts),
    }
    with session_scope(config.engine) as session:
        admin.save_pack(session, data=data, actor=actor, now=now)
        admin.record(session, actor=actor, action=IMPORT_ACTION, detail=detail, now=now)
    config.invalidate()
    return pack


def describe(pack: ContentPack) -> str:
    return (
        f"{len(pack.behaviours)} behaviours, {len(pack.questions)} questions, "
        f"{len(pack.messages)} key messages, {len(pack.prompts)} prompts"
    )
