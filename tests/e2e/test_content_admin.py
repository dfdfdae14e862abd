"""Content pack export and import in Slack: the admin downloads the pack in force, edits it, uploads it back in
their DM with Cadence; a broken pack is refused by file and entry, and nothing changes."""

from __future__ import annotations

import io
import tomllib
import zipfile

from sqlmodel import func, select

from content.pack import PACK_FILES, load_pack
from emulator import SlackEmulator
from storage.models import AuditEntry, ContentPackVersion
from tests.e2e.conftest import ADMIN, ALICE
from tests.support.bot import BotUnderTest

SHIPPED = load_pack()


def exported_files(bot: BotUnderTest, slack: SlackEmulator) -> dict[str, bytes]:
    reply = bot.command(ADMIN, "/cadence", "content export")
    assert "in your messages with Cadence" in reply.text, reply.text
    [upload] = slack.uploaded_files
    assert upload.channel_id == slack.dm_channel_id(ADMIN) and upload.filename == "cadence-content-pack.zip"
    with zipfile.ZipFile(io.BytesIO(upload.content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(f"my-pack/{name}", content)
    return buffer.getvalue()


def upload(bot: BotUnderTest, slack: SlackEmulator, user: str, filename: str, content: bytes) -> str:
    """Share a file in the user's DM with Cadence; returns what Cadence answered there."""
    before = len(slack.dms_to(user))
    bot.event(slack.share_file_as(user, filename, content))
    replies = [m for m in slack.dms_to(user)[before:] if m.user != user]
    assert len(replies) == 1, replies
    return replies[0].text


def stored(bot: BotUnderTest, model: type) -> int:
    with bot.runtime.session() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_export_sends_the_five_pack_files_as_a_zip_that_reads_back_as_the_pack_in_force(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    files = exported_files(bot, slack)

    assert sorted(files) == sorted(f"{stem}.toml" for stem in PACK_FILES)
    behaviours = tomllib.loads(files["behaviours.toml"].decode())["behaviours"]
    assert [b["key"] for b in behaviours] == [b.key for b in SHIPPED.behaviours]
    with bot.runtime.session() as session:
        assert session.exec(select(AuditEntry.action)).all() == ["content.exported"]


def test_an_edited_pack_uploaded_in_the_dm_is_imported_audited_and_in_force(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    files = exported_files(bot, slack)
    first = SHIPPED.behaviours[0]
    files["behaviours.toml"] = files["behaviours.toml"].replace(f'"{first.label}"'.encode(), b'"Owned it, end to end"')

    answer = upload(bot, slack, ADMIN, "my-pack.zip", zipped(files))

    assert "Imported and in force" in answer
    assert bot.runtime.pack.behaviour(first.key).label == "Owned it, end to end"
    assert stored(bot, ContentPackVersion) == 1
    with bot.runtime.session() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "content.imported")).one()
    assert entry.actor == ADMIN and entry.detail["behaviours"] == len(SHIPPED.behaviours)


def test_a_broken_pack_is_refused_by_file_and_entry_and_nothing_changes(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    files = exported_files(bot, slack)
    files["prompts.toml"] = files["prompts.toml"].replace(b'"align-role-meaning"', b'"no-such-question"', 1)
    files["behaviours.toml"] = files["behaviours.toml"].replace(b"Customer", b"Changed", 1)

    answer = upload(bot, slack, ADMIN, "my-pack.zip", zipped(files))

    assert "Nothing was imported" in answer and "prompts.toml" in answer and "no-such-question" in answer
    assert stored(bot, ContentPackVersion) == 0
    assert bot.runtime.pack.behaviours == SHIPPED.behaviours


def test_a_pack_missing_a_file_or_not_a_zip_is_refused(bot: BotUnderTest, slack: SlackEmulator) -> None:
    files = exported_files(bot, slack)
    del files["questions.toml"]

    assert "questions.toml: missing" in upload(bot, slack, ADMIN, "pack.zip", zipped(files))
    assert "not a zip file" in upload(bot, slack, ADMIN, "pack.zip", b"plain words")
    assert "one .zip file" in upload(bot, slack, ADMIN, "notes.txt", b"plain words")
    assert stored(bot, ContentPackVersion) == 0


def test_only_admins_export_or_import_content(bot: BotUnderTest, slack: SlackEmulator) -> None:
    for words in ("content export", "content import"):
        assert "Only programme admins" in bot.command(ALICE, "/cadence", words).text
    files = exported_files(bot, slack)

    assert "Only programme admins" in upload(bot, slack, ALICE, "pack.zip", zipped(files))
    assert stored(bot, ContentPackVersion) == 0
    assert [f.channel_id for f in slack.uploaded_files if f.shared_by is None] == [slack.dm_channel_id(ADMIN)]


def test_content_import_explains_the_upload_and_an_unknown_word_shows_usage(bot: BotUnderTest) -> None:
    assert "upload its zip file" in bot.command(ADMIN, "/cadence", "content import").text
    assert "/cadence content export" in bot.command(ADMIN, "/cadence", "content publish").text


def test_a_plain_message_in_the_dm_gets_no_answer(bot: BotUnderTest, slack: SlackEmulator) -> None:
    message = slack.post_as(ADMIN, slack.dm_channel_id(ADMIN), "hello")
    event = {"type": "message", "user": ADMIN, "channel": message.channel, "channel_type": "im", "text": "hello"}
    reply = bot.event({**event, "ts": message.ts})

    assert reply.status == 200
    assert [m.text for m in slack.dms_to(ADMIN)] == ["hello"]
