"""The sandbox in a real headless Chromium: a person gives a shout-out through the form and sees it celebrated,
answers a pulse with one tap, reacts and recognises a message, clicks a button in a command's private reply, clicks
their Home, and moves time to see a digest; all through the page's controls, against the real Cadence app behind it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.demo.actions import KEY_MESSAGE
from bot.demo.model import QUESTIONS
from bot.demo.organisation import CHAMPIONS, GENERAL, RECOGNITION
from bot.sandbox.runner import SandboxOptions, sandbox_world
from bot.sandbox.server import create_sandbox_app
from bot.sandbox.world import Sandbox
from bot.web import serve_in_thread
from storage import keymessages, pulses
from storage.models import PulseAnswer
from tests.support.browser import artifact, chromium

IDLE = "#sandbox:not([data-busy])"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def running(browser: Any) -> Iterator[tuple[str, Sandbox]]:
    """A small sandbox (12 people, one week of history) served on a free local port."""
    with sandbox_world(SandboxOptions(people=12, weeks=1)) as sandbox:
        server, thread, port = serve_in_thread(create_sandbox_app(sandbox))
        try:
            yield f"http://127.0.0.1:{port}", sandbox
        finally:
            server.should_exit = True
            thread.join(timeout=10)


@pytest.fixture
def page(browser: Any, running: tuple[str, Sandbox]) -> Iterator[Any]:
    """The sandbox open in a fresh 1280×860 window; fails the test on any script error or failed request."""
    url, _ = running
    opened = browser.new_page(viewport={"width": 1280, "height": 860})
    problems: list[str] = []
    opened.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    opened.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    opened.goto(url)
    opened.wait_for_selector("[data-testid=home] .bk-blocks")
    yield opened
    opened.close()
    assert problems == []


def be(page: Any, user: str) -> None:
    page.select_option("[data-testid=person-picker]", user)
    page.wait_for_selector(IDLE)


def go(page: Any, name: str) -> Any:
    page.click(f"[data-testid=nav][data-name='{name}']")
    page.wait_for_selector(IDLE)
    return page.locator(f"[data-testid=conversation][data-name='{name}']")


def type_in(page: Any, text: str) -> None:
    page.fill("[data-testid=composer]", text)
    page.click("[data-testid=send]")
    page.wait_for_selector(IDLE)


def submit(page: Any) -> None:
    page.click("[data-testid=modal-submit]")
    page.wait_for_selector(IDLE)


def test_a_shout_out_through_the_form_is_celebrated_in_kudos(page: Any, running: tuple[str, Sandbox]) -> None:
    org = running[1].stage.org
    giver, colleague = org.teams[0].members[1], org.teams[0].members[2]
    be(page, giver)
    go(page, "general")
    type_in(page, "/shoutout")
    modal = page.locator("[data-testid=modal]")
    assert modal.is_visible()

    submit(page)
    assert modal.locator("[data-testid=field-error]").first.is_visible()

    modal.locator("[data-input=recipients]").select_option(colleague)
    modal.locator("[data-input=behaviour]").select_option(index=1)
    modal.locator("[data-input=message]").fill("Sorted the double-charge loop before the weekend")
    submit(page)
    assert modal.get_by_text("is saved").is_visible()
    assert modal.locator("[data-testid=modal-submit]").count() == 0  # the form became its confirmation
    page.click("[data-testid=modal-close]")
    page.wait_for_selector(IDLE)

    assert not modal.is_visible()
    kudos = go(page, "kudos")
    assert kudos.get_by_text("Sorted the double-charge loop before the weekend").last.is_visible()
    assert "Sorted the double-charge loop" in _texts(running[1], RECOGNITION)


def test_a_pulse_is_answered_with_one_tap(page: Any, running: tuple[str, Sandbox]) -> None:
    sandbox = running[1]
    person = sandbox.stage.org.teams[0].members[1]  # in London, where Wednesday's pulse is already in working hours
    be(page, person)
    dm = go(page, "Cadence")
    latest = dm.locator(".msg:has([data-action-id^='pulse_answer:'])").last
    before = _answers(sandbox)

    latest.locator("[data-action-id='pulse_answer:4']").first.click()
    page.wait_for_selector(IDLE)

    assert dm.locator(".msg:has([data-action-id^='pulse_answer:'])").last.get_by_text("You answered").is_visible()
    assert _answers(sandbox) == before + 1


def test_a_reaction_and_recognise_this_give_shout_outs(page: Any, running: tuple[str, Sandbox]) -> None:
    sandbox = running[1]
    author, reactor = sandbox.stage.org.teams[2].members[0], sandbox.stage.org.teams[2].members[1]
    sandbox.say(author, GENERAL, "Rebooked a stranded family's delivery for the morning")
    be(page, reactor)
    general = go(page, "general")
    row = general.locator(".msg", has_text="Rebooked a stranded family").last
    link = "p" + row.get_attribute("data-ts").replace(".", "")  # the celebration links to the message

    row.hover()
    row.locator("[data-testid=react][data-emoji=clap]").click()
    page.wait_for_selector(IDLE)
    assert _texts(sandbox, RECOGNITION).count(link) >= 1
    assert go(page, "kudos").get_by_text("See what they were recognised for").last.is_visible()
    general = go(page, "general")

    row = general.locator(".msg", has_text="Rebooked a stranded family").last
    row.hover()
    row.locator("[data-testid=recognise]").click()
    page.wait_for_selector(IDLE)
    modal = page.locator("[data-testid=modal]")
    assert modal.is_visible()
    assert modal.locator("[data-input=recipients] option:checked").get_attribute("value") == author
    page.click("[data-testid=modal-close]")
    page.wait_for_selector(IDLE)


def test_a_click_in_a_command_reply_leaves_one_message_in_its_place(page: Any, running: tuple[str, Sandbox]) -> None:
    sandbox = running[1]
    owner, person = sandbox.stage.org.owner, sandbox.stage.org.teams[0].members[-1]
    be(page, owner)
    general = go(page, "general")
    type_in(page, f"/cadence forget @{sandbox.slack.workspace.users[person].name}")
    asked = general.locator(".msg.ephemeral:has([data-action-id=forget_cancel])")
    assert asked.count() == 1 and asked.get_by_text("Forget them").is_visible()
    before = general.locator(".msg.ephemeral").count()

    asked.locator("[data-action-id=forget_cancel]").click()
    page.wait_for_selector(IDLE)

    assert general.locator(".msg.ephemeral").count() == before
    assert general.locator(".msg.ephemeral:has([data-action-id=forget_cancel])").count() == 0
    assert general.locator(".msg.ephemeral", has_text="Cancelled: nothing was changed.").count() == 1


def test_the_home_buttons_open_what_the_commands_open(page: Any, running: tuple[str, Sandbox]) -> None:
    owner = running[1].stage.org.owner
    be(page, owner)
    home = page.locator("[data-testid=home]")
    assert home.get_by_text("Getting started").first.is_visible() or home.locator("[data-action-id]").count() > 2
    page.screenshot(path=str(artifact("sandbox-home.png")))

    home.locator("button", has_text="Give a shout-out").first.click()
    page.wait_for_selector(IDLE)

    assert page.locator("[data-testid=modal] header").inner_text() == "Give a shout-out"
    page.click("[data-testid=modal-close]")
    page.wait_for_selector(IDLE)


def test_moving_time_to_monday_brings_the_weeks_digest(page: Any, running: tuple[str, Sandbox]) -> None:
    sandbox = running[1]
    be(page, sandbox.stage.org.champions[0])
    champions = go(page, "champions")
    before = champions.get_by_text("Weekly digest").count()

    page.select_option("[data-testid=time-target]", "monday")
    page.click("[data-testid=time-forward]")
    page.wait_for_selector(IDLE)

    assert page.locator("[data-testid=clock]").inner_text().startswith("Mon 16 Nov 2026, 09:00")
    assert champions.get_by_text("Weekly digest").count() == before + 1
    assert champions.get_by_text("Weekly digest").last.is_visible()
    assert sum(m.text.startswith("Weekly digest") for m in sandbox.slack.messages(CHAMPIONS)) == before + 1
    page.screenshot(path=str(artifact("sandbox.png")))


def test_the_leader_schedules_a_key_message_in_the_composer(page: Any, running: tuple[str, Sandbox]) -> None:
    sandbox = running[1]
    org = sandbox.stage.org
    tuesday = (sandbox.now() + timedelta(days=6)).date()
    be(page, org.leader)
    go(page, "general")
    type_in(page, "/promise schedule")
    modal = page.locator("[data-testid=modal]")
    before = _schedules(sandbox)

    choose(modal, "library", KEY_MESSAGE)
    modal.locator("[data-input=channels]").select_option([team.channel for team in org.teams])
    for action_id, value in (
        ("mode", "dm"),
        ("kind", "weekly"),
        ("weekdays", str(tuesday.weekday())),
        ("zone", "local"),
    ):
        choose(modal, action_id, value)
    modal.locator("[data-input=date]").fill(tuesday.isoformat())
    modal.locator("[data-input=time]").fill("09:30")
    submit(page)

    assert modal.locator("[data-testid=field-error]").count() == 0, modal.inner_text()
    assert modal.locator("[data-testid=modal-submit]").count() == 0  # the form became its confirmation
    assert _schedules(sandbox) == before + 1
    page.click("[data-testid=modal-close]")
    page.wait_for_selector(IDLE)


def test_the_owner_starts_a_pulse_in_its_form(page: Any, running: tuple[str, Sandbox]) -> None:
    sandbox = running[1]
    org = sandbox.stage.org
    be(page, org.owner)
    page.locator("[data-testid=home]").locator("button", has_text="Start a pulse").first.click()
    page.wait_for_selector(IDLE)
    modal = page.locator("[data-testid=modal]")
    before = _campaigns(sandbox)

    modal.locator("[data-input=questions]").select_option(list(QUESTIONS))
    modal.locator("[data-input=channels]").select_option(org.teams[0].channel)
    for action_id, value in (("cadence", "1"), ("weekday", "3"), ("window", "48")):
        choose(modal, action_id, value)
    modal.locator("[data-input=time]").fill("11:00")
    submit(page)

    assert modal.locator("[data-testid=field-error]").count() == 0, modal.inner_text()
    assert _campaigns(sandbox) == before + 1
    page.click("[data-testid=modal-close]")
    page.wait_for_selector(IDLE)


def choose(modal: Any, action_id: str, value: str) -> None:
    """Pick `value` in the control for `action_id`, whether Cadence drew it as a menu or as choices."""
    control = modal.locator(f"[data-input={action_id}]")
    if control.evaluate("node => node.tagName") == "SELECT":
        control.select_option(value)
    else:
        control.locator(f"input[value='{value}']").check()


def _campaigns(sandbox: Sandbox) -> int:
    with sandbox.stage.runtime.session() as session:
        return len(pulses.active_campaigns(session))


def _schedules(sandbox: Sandbox) -> int:
    with sandbox.stage.runtime.session() as session:
        return len(keymessages.schedules_of(session, owner=None))


def _texts(sandbox: Sandbox, channel: str) -> str:
    return "\n".join(m.text + str(m.blocks) for m in sandbox.slack.messages(channel))


def _answers(sandbox: Sandbox) -> int:
    with sandbox.stage.runtime.session() as session:
        return int(session.exec(select(func.count()).select_from(PulseAnswer)).one()[0])
