"""The rendered page in a real headless Chromium: it shows what Cadence sent, every picture loads, nothing errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from emulator.page import render_page
from tests.support.browser import artifact, chromium
from tests.support.page_state import ALICE, BOB, CAROL, CHAMPIONS, GENERAL, populated_emulator


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    html = render_page(
        populated_emulator(),
        title="Cadence demo",
        dms_for=[ALICE],
        home_for={"Employee": ALICE, "Leader": BOB, "Champion": CAROL},
        summary=["5 messages sent", "1 shout-out"],
    )
    path = tmp_path_factory.mktemp("page") / "index.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as running:
        yield running


@pytest.fixture
def browser_page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A fresh page in a 1280×800 window, and the console errors, page errors and failed requests it reports."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    yield page, problems
    page.close()


def test_the_digest_and_its_chart_are_visible(browser_page: tuple[Any, list[str]], page_file: Path) -> None:
    page, problems = browser_page
    page.goto(page_file.as_uri() + f"#ch-{CHAMPIONS}")

    panel = page.locator(f"#ch-{CHAMPIONS}")
    assert panel.get_by_text("Weekly digest", exact=True).is_visible()
    assert panel.get_by_text("Team A is quiet").is_visible()
    assert panel.get_by_role("img", name="Pulse trend").is_visible()
    assert not page.locator("#overview").is_visible()
    page.screenshot(path=str(artifact("demo-page.png")))
    assert problems == []


def test_every_image_on_the_page_loads(browser_page: tuple[Any, list[str]], page_file: Path) -> None:
    page, problems = browser_page
    page.goto(page_file.as_uri(), wait_until="load")

    sizes = page.evaluate("Array.from(document.images, i => [i.alt, i.complete, i.naturalWidth])")

    assert sizes, "the page should hold the uploaded chart"
    assert all(complete and width > 0 for _, complete, width in sizes), sizes
    assert problems == []


def test_the_sidebar_switches_panels_without_a_script(browser_page: tuple[Any, list[str]], page_file: Path) -> None:
    page, problems = browser_page
    page.goto(page_file.as_uri())
    assert page.locator("#overview").is_visible()

    page.locator("nav").get_by_role("link", name="general").click()

    assert page.locator(f"#ch-{GENERAL}").get_by_text("This week's key message").is_visible()
    assert not page.locator("#overview").is_visible()
    assert page.evaluate("document.scripts.length") == 0
    assert problems == []
