"""The external upload pair, driven by slack_sdk's own files_upload_v2."""

from __future__ import annotations

import json
import uuid

from slack_sdk import WebClient

from emulator import SlackEmulator
from tests.unit.emulator.expect import ALICE, GENERAL, OUTSIDE, raw_request, slack_error

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def test_files_upload_v2_shares_the_file_in_the_channel(client: WebClient, emu: SlackEmulator) -> None:
    reply = client.files_upload_v2(
        channel=GENERAL, content=PNG, filename="trend.png", title="Weekly trend", initial_comment="This week"
    )

    [uploaded] = emu.uploaded_files
    assert (uploaded.id, uploaded.filename, uploaded.title) == (reply["file"]["id"], "trend.png", "Weekly trend")
    assert (uploaded.content, uploaded.channel_id, uploaded.initial_comment) == (PNG, GENERAL, "This week")
    [message] = emu.messages(GENERAL)
    assert message.text == "This week"
    assert [f["id"] for f in message.files] == [uploaded.id]
    assert reply["file"]["size"] == len(PNG)


def test_files_upload_v2_to_a_user_lands_in_the_dm(client: WebClient, emu: SlackEmulator) -> None:
    client.files_upload_v2(channel=ALICE, content=b"a,b\n1,2\n", filename="data.csv")

    assert [m.files[0]["name"] for m in emu.dms_to(ALICE)] == ["data.csv"]


def test_upload_url_accepts_multipart(client: WebClient, emu: SlackEmulator) -> None:
    ticket = client.files_getUploadURLExternal(filename="notes.txt", length=5)
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="filename"; filename="notes.txt"\r\n'
        f"Content-Type: text/plain\r\n\r\nhello\r\n--{boundary}--\r\n"
    ).encode()

    status, _, answer = raw_request(
        ticket["upload_url"], body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    client.files_completeUploadExternal(files=[{"id": ticket["file_id"]}], channel_id=GENERAL)

    assert (status, answer) == (200, b"OK - 5")
    assert emu.uploaded_files[0].content == b"hello"
    assert emu.uploaded_files[0].title == "notes.txt"


def test_completing_an_unknown_or_unsent_file_is_file_not_found(client: WebClient) -> None:
    unsent = client.files_getUploadURLExternal(filename="x.txt", length=3)["file_id"]

    assert slack_error(client.files_completeUploadExternal, files=[{"id": "F404"}]) == "file_not_found"
    assert slack_error(client.files_completeUploadExternal, files=[{"id": unsent}]) == "file_not_found"


def test_upload_url_needs_filename_and_positive_length(client: WebClient) -> None:
    missing = slack_error(client.api_call, api_method="files.getUploadURLExternal", params={"filename": "x"})

    assert missing == "invalid_arguments"
    assert slack_error(client.files_getUploadURLExternal, filename="x", length=0) == "invalid_arguments"


def test_sharing_where_the_bot_is_not_a_member_is_refused(client: WebClient, emu: SlackEmulator) -> None:
    ticket = client.files_getUploadURLExternal(filename="x.txt", length=1)
    raw_request(ticket["upload_url"], b"x")

    files = json.dumps([{"id": ticket["file_id"]}])
    error = slack_error(
        client.api_call, api_method="files.completeUploadExternal", params={"files": files, "channel_id": OUTSIDE}
    )

    assert error == "not_in_channel"
    assert emu.uploaded_files == []
