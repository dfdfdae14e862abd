"""The external upload pair: files.getUploadURLExternal, the upload URL itself, and
files.completeUploadExternal, which shares the file as a message."""

from __future__ import annotations

import mimetypes
from typing import Any

from emulator.errors import SlackError
from emulator.methods.args import text
from emulator.records import UploadedFile
from emulator.state import EmulatorState


def get_upload_url(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    try:
        length = int(args["length"])
    except (TypeError, ValueError):
        raise SlackError("invalid_arguments", "[ERROR] length must be an integer") from None
    if length <= 0:
        raise SlackError("invalid_arguments", "[ERROR] length must be positive")
    file_id = state.new_id("F")
    filename = text(args, "filename")
    state.files[file_id] = UploadedFile(file_id, filename, filename, b"", length=length)
    return {"ok": True, "upload_url": f"{state.base_url}/upload/v1/{file_id}", "file_id": file_id}


def receive_upload(state: EmulatorState, file_id: str, content: bytes) -> bool:
    """Store bytes POSTed to an upload URL; False when the URL was never issued or is spent."""
    upload = state.files.get(file_id)
    if upload is None or upload.completed:
        return False
    upload.content = content
    upload.uploaded = True
    return True


def complete_upload(state: EmulatorState, args: dict[str, Any]) -> dict[str, Any]:
    uploads = _uploads(state, args.get("files"))
    targets = _targets(state, args)
    comment = text(args, "initial_comment") or None
    for upload, title in uploads:
        upload.title = title or upload.filename
        upload.completed = True
        upload.channel_id = targets[0] if targets else None
        upload.initial_comment = comment
    shared = [file_dict(state, upload) for upload, _ in uploads]
    for channel_id in targets:
        state.add_message(channel_id, text=comment or "", files=shared, thread_ts=text(args, "thread_ts") or None)
    return {"ok": True, "files": shared}


def _uploads(state: EmulatorState, files: Any) -> list[tuple[UploadedFile, str]]:
    if not isinstance(files, list) or not files:
        raise SlackError("invalid_arguments", "[ERROR] files must be a non-empty array")
    found = []
    for item in files:
        upload = state.files.get(item.get("id", "")) if isinstance(item, dict) else None
        if upload is None or not upload.uploaded or upload.completed:
            raise SlackError("file_not_found")
        found.append((upload, str(item.get("title") or "")))
    return found


def _targets(state: EmulatorState, args: dict[str, Any]) -> list[str]:
    names = [text(args, "channel_id"), *text(args, "channels").split(",")]
    targets: list[str] = []
    for name in (n.strip() for n in names):
        if name:
            channel_id = state.post_target(name)
            if channel_id not in targets:
                targets.append(channel_id)
    return targets


def file_dict(state: EmulatorState, upload: UploadedFile) -> dict[str, Any]:
    ws = state.workspace
    return {
        "id": upload.id,
        "name": upload.filename,
        "title": upload.title,
        "mimetype": mimetypes.guess_type(upload.filename)[0] or "application/octet-stream",
        "filetype": upload.filename.rpartition(".")[2] if "." in upload.filename else "",
        "size": len(upload.content),
        "user": upload.shared_by or ws.bot_user_id,
        "permalink": f"https://{ws.domain}.slack.com/files/{ws.bot_user_id}/{upload.id}/{upload.filename}",
        "url_private_download": f"{state.base_url}/files-pri/{upload.id}/download/{upload.filename}",
    }


def private_download(state: EmulatorState, file_id: str, token: str | None) -> bytes | None:
    """A completed file's bytes for a request carrying the bot token (Slack answers others with a login page)."""
    upload = state.files.get(file_id)
    if upload is None or not upload.completed or token != state.workspace.bot_token:
        return None
    return upload.content
