"""The admin's first-run Home, as the bot published it, in a real headless Chromium: the checklist and every
step's button are on screen, and nothing errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from emulator import SlackEmulator
from emulator.page import render_page
from tests.e2e.conftest import ADMIN
from tests.e2e.test_home import open_home
from tests.e2e.test_home_checklist import FIRST_RUN
from tests.support.bot import BotUnderTest
from tests.support.browser import artifact, chromium


@pytest.fixture
def env_overrides() -> dict[str, str]:
    return FIRST_RUN


def test_the_first_run_checklist_is_visible_with_a_button_for_every_step(
    bot: BotUnderTest, slack: SlackEmulator, tmp_path: Path
) -> None:
    open_home(bot, slack, ADMIN)
    page_file = tmp_path / "index.html"
    html = render_page(slack, title="Cadence", dms_for=[], home_for={"Admin": ADMIN}, summary=[])
    page_file.write_text(html, encoding="utf-8")

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri() + "#home-0")
        home = page.locator("#home-0")
        assert home.get_by_text("Getting started").first.is_visible()
        for label in ("Show roles", "How to set it", "Set up a digest", "How to turn pulses on", "Schedule one"):
            assert home.get_by_text(label, exact=True).first.is_visible(), label
        assert home.get_by_text("Give a shout-out", exact=True).is_visible()
        page.screenshot(path=str(artifact("home-first-run.png")), full_page=True)
        page.close()
    assert errors == []
