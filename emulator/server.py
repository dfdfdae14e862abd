"""The HTTP face of the emulator: request decoding the way Slack accepts it, and routing."""

from __future__ import annotations

import json
import logging
from email import policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from emulator.dispatch import Application, Reply
from emulator.errors import SlackError

logger = logging.getLogger(__name__)

JSON_STRING_ARGS = ("blocks", "attachments", "metadata", "view", "files")


class EmulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # dozens of concurrent senders connect at once; Slack never resets them

    def __init__(self, address: tuple[str, int], application: Application) -> None:
        super().__init__(address, _Handler)
        self.application = application

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (a timeout test, say) closes its socket mid-answer; that is no error."""
        logger.debug("connection from %s ended abruptly", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    server: EmulatorHTTPServer
    server_version = "SlackEmulator/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the emulator records calls instead of logging them."""

    def do_GET(self) -> None:
        self._route()

    def do_POST(self) -> None:
        self._route()

    def _route(self) -> None:
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        application = self.server.application
        try:
            if url.path.startswith("/api/"):
                args, token, error = parse_api_request(self.headers, url.query, body)
                reply = application.api(url.path.removeprefix("/api/"), args, token, error)
            elif url.path.startswith("/upload/v1/"):
                content = upload_content(self.headers.get("Content-Type", ""), body)
                reply = application.upload(url.path.removeprefix("/upload/v1/"), content)
            elif url.path.startswith("/files-pri/"):
                file_id = url.path.removeprefix("/files-pri/").split("/", 1)[0]
                reply = application.download(file_id, _bearer(self.headers.get("Authorization", "")))
            elif url.path.startswith("/response/"):
                reply = application.response_url(url.path.removeprefix("/response/"), _json_or_none(body))
            else:
                reply = Reply(404, {"ok": False, "error": "not_found"})
        except Exception:
            logger.exception("emulator failed to answer %s", url.path)
            reply = Reply(500, {"ok": False, "error": "internal_error"})
        if reply.dropped:
            self.close_connection = True  # no status line: the client sees the connection closed unanswered
            return
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        if isinstance(reply.body, dict):
            payload, content_type = json.dumps(reply.body).encode(), "application/json; charset=utf-8"
        elif isinstance(reply.body, bytes):
            payload, content_type = reply.body, "application/octet-stream"
        else:
            payload, content_type = reply.body.encode(), "text/plain; charset=utf-8"
        self.send_response(reply.status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


def parse_api_request(headers: Any, query: str, body: bytes) -> tuple[dict[str, Any], str | None, SlackError | None]:
    """Decode a Web API call sent as a query string, a form, multipart, or JSON, as Slack accepts.

    JSON-valued arguments sent inside forms (blocks, view, metadata…) are decoded, so every caller
    sees the same shapes whichever encoding the client chose.
    """
    args: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    error: SlackError | None = None
    content_type = headers.get("Content-Type", "")
    try:
        args.update(_body_args(content_type, body))
    except SlackError as exc:
        error = exc
    token = _bearer(headers.get("Authorization", ""))
    form_token = args.pop("token", None)
    for name in JSON_STRING_ARGS:
        if isinstance(args.get(name), str):
            args[name] = _decode_json_arg(args[name])
    return args, token or form_token, error


def _body_args(content_type: str, body: bytes) -> dict[str, Any]:
    if not body:
        return {}
    media_type = content_type.split(";")[0].strip().lower()
    if media_type == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError:
            raise SlackError("invalid_json") from None
        if not isinstance(decoded, dict):
            raise SlackError("json_not_object")
        return decoded
    if media_type == "multipart/form-data":
        parts = _multipart_parts(content_type, body)
        return {name: data.decode("utf-8", "replace") for name, data, is_file in parts if not is_file}
    try:
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        raise SlackError("invalid_form_data") from None


def upload_content(content_type: str, body: bytes) -> bytes:
    """The file bytes of an upload: the raw body, or the file part of a multipart form."""
    if content_type.split(";")[0].strip().lower() != "multipart/form-data":
        return body
    files = [data for _, data, is_file in _multipart_parts(content_type, body) if is_file]
    return files[0] if files else b""


def _multipart_parts(content_type: str, body: bytes) -> list[tuple[str, bytes, bool]]:
    """(field name, bytes, is a file) for each part of a multipart/form-data body."""
    envelope = f"Content-Type: {content_type}\r\n\r\n".encode() + body
    message = BytesParser(policy=policy.HTTP).parsebytes(envelope)
    parts: list[tuple[str, bytes, bool]] = []
    for part in message.iter_parts() if message.is_multipart() else ():
        name = str(part.get_param("name", header="content-disposition") or "")
        data = part.get_payload(decode=True)
        is_file = part.get_param("filename", header="content-disposition") is not None
        parts.append((name, data if isinstance(data, bytes) else b"", is_file))
    return parts


def _bearer(authorization: str) -> str | None:
    scheme, _, credentials = authorization.partition(" ")
    return credentials.strip() or None if scheme.lower() == "bearer" else None


def _decode_json_arg(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


def _json_or_none(body: bytes) -> Any:
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None
