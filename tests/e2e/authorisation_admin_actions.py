"""The matrix's attempts at programme administration (see `tests/e2e/authorisation_support.py`)."""

from __future__ import annotations

import json
from pathlib import Path

from bot.admin.programme import change_setting, grant_role, revoke_role
from bot.platform.roles import Role
from content.pack import PACK_FILES
from storage.models import AuditEntry, ContentPackVersion, TeamMember
from tests.e2e.authorisation_support import (
    Attempt,
    Attempts,
    Seen,
    World,
    as_message,
    clicked,
    command,
    refusal_in,
    replied,
)
from tests.e2e.conftest import ADMIN, BOB, CAROL
from tests.e2e.test_content_admin import upload, zipped

ATTEMPTS = Attempts()
action = ATTEMPTS.add
PACK_DIR = Path(__file__).resolve().parents[2] / "content" / "pack"


@action("/cadence settings")
def show_settings(world: World, user: str) -> Seen:
    return replied(world, user, "settings", "Cadence settings")


@action("/cadence set")
def set_setting(world: World, user: str) -> Seen:
    size = world.bot.runtime.settings.min_group_size + 1
    reply = command(world, user, f"set min-group-size {size}")
    return Seen(world.bot.runtime.settings.min_group_size == size, refusal_in(reply))


@action("/cadence reset")
def reset_setting(world: World, user: str) -> Seen:
    runtime = world.bot.runtime
    change_setting(runtime.config, actor=ADMIN, name="min-group-size", value="7", now=world.clock.now())
    reply = command(world, user, "reset min-group-size")
    return Seen(runtime.settings.min_group_size == 5, refusal_in(reply))


@action("/cadence roles")
def show_roles(world: World, user: str) -> Seen:
    return replied(world, user, "roles", "Cadence roles")


def _carol_leads(world: World, leads: bool) -> None:
    runtime = world.bot.runtime
    if (CAROL in runtime.settings.leaders) != leads:
        change = grant_role if leads else revoke_role
        change(runtime.config, actor=ADMIN, role=Role.LEADER, holders=[CAROL], now=world.clock.now())


def _role_change(verb: str, *, leads_after: bool) -> Attempt:
    def attempt(world: World, user: str) -> Seen:
        _carol_leads(world, not leads_after)
        reply = command(world, user, f"role {verb} leader <@{CAROL}|carol>")
        return Seen((CAROL in world.bot.runtime.settings.leaders) == leads_after, refusal_in(reply))

    return attempt


action("/cadence role add")(_role_change("add", leads_after=True))
action("/cadence role remove")(_role_change("remove", leads_after=False))


@action("/cadence audit")
def show_audit(world: World, user: str) -> Seen:
    return replied(world, user, "audit", "Audit log")


@action("audit log: Older")
def audit_older(world: World, user: str) -> Seen:
    runtime = world.bot.runtime
    for size in range(3, 20):
        change_setting(runtime.config, actor=ADMIN, name="min-group-size", value=str(size), now=world.clock.now())
    first = command(world, ADMIN, "audit")
    posts = clicked(world, user, "audit_page", None, as_message(world, ADMIN, first))
    return Seen(any("Page 2 of" in json.dumps(p) for p in posts if p.get("replace_original")), refusal_in(*posts))


@action("/cadence forget")
def forget(world: World, user: str) -> Seen:
    return replied(world, user, f"forget <@{BOB}|bob>", "Forget this person?")


@action("forget: Confirm")
def forget_confirm(world: World, user: str) -> Seen:
    asked = command(world, ADMIN, f"forget <@{BOB}|bob>")
    forgotten = AuditEntry.action == "person.forgotten"
    before = world.count(AuditEntry, forgotten)
    posts = clicked(world, user, "forget_confirm", BOB, as_message(world, ADMIN, asked))
    return Seen(world.count(AuditEntry, forgotten) > before, refusal_in(*posts))


@action("/cadence content export")
def content_export(world: World, user: str) -> Seen:
    before = len(world.slack.uploaded_files)
    reply = command(world, user, "content export")
    return Seen(len(world.slack.uploaded_files) > before, refusal_in(reply))


@action("/cadence content import")
def content_import(world: World, user: str) -> Seen:
    return replied(world, user, "content import", "To import a content pack")


@action("a content pack shared in the DM with Cadence")
def content_upload(world: World, user: str) -> Seen:
    pack = zipped({f"{stem}.toml": (PACK_DIR / f"{stem}.toml").read_bytes() for stem in PACK_FILES})
    before = world.count(ContentPackVersion)
    answer = upload(world.bot, world.slack, user, "pack.zip", pack)
    refused = "I don't read files" in answer
    return Seen(world.count(ContentPackVersion) > before, answer if refused else "")


@action("/cadence teams")
def teams_summary(world: World, user: str) -> Seen:
    return replied(world, user, "teams", "Cadence knows no teams yet")


@action("a teams file shared in the DM with Cadence")
def teams_upload(world: World, user: str) -> Seen:
    before = world.count(TeamMember)
    answer = upload(world.bot, world.slack, user, "teams.csv", f"manager,member\n{BOB},{CAROL}\n".encode())
    refused = "I don't read files" in answer
    return Seen(world.count(TeamMember) > before, answer if refused else "")
