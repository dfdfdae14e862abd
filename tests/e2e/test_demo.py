"""`make demo` at a small size: the page shows what the database holds, its digest is the digest code's output, the
same seed gives the same page byte for byte, and the page works in a real browser."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from bot.demo.actions import KEY_MESSAGE, KEY_PROMPT
from bot.demo.model import SCRIPT, SHOUTOUT_WORDS
from bot.demo.organisation import CHAMPIONS, RECOGNITION, TEAMS
from bot.demo.runner import DemoOptions, DemoResult, run_demo
from bot.digests.channels import channel_config, compose
from bot.digests.views import Period
from bot.platform.runtime import Runtime, build_runtime
from bot.platform.settings import load_settings
from content.blocks.digests import SAID
from content.blocks.keymessage_compose import KIND_LABELS
from content.pack import load_pack
from emulator.page.blockkit import render_blocks
from emulator.page.lookup import lookup_for
from storage.db import create_db_engine, session_scope
from storage.models import Delivery, DeliveryState, PulseComment, PulseParticipation, Shoutout
from tests.support.browser import artifact, chromium

SMALL = {"weeks": 2, "people": 15, "seed": 11}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    return run_demo(DemoOptions(out=tmp_path_factory.mktemp("demo"), **SMALL))


@pytest.fixture(scope="module")
def page(demo: DemoResult) -> str:
    return demo.page.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo_db(demo: DemoResult) -> Iterator[Engine]:
    engine = create_db_engine(f"sqlite:///{demo.database}")
    yield engine
    engine.dispose()


def nav_count(page: str, anchor: str) -> int:
    found = re.search(rf'<a href="#{anchor}">.*?<span class="count">(\d+)</span></a>', page)
    assert found, anchor
    return int(found.group(1))


def test_the_summary_and_the_page_show_the_shoutouts_the_database_holds(page: str, demo_db: Engine) -> None:
    with session_scope(demo_db) as session:
        stored = len(session.exec(select(Shoutout).where(col(Shoutout.retracted_at).is_(None))).all())

    assert stored > 0
    assert f"Shout-outs: {stored} (" in page
    assert nav_count(page, f"ch-{RECOGNITION}") == stored  # each one celebrated once in #kudos


def test_the_summary_shows_the_stored_pulse_participation_and_messages_sent(
    demo: DemoResult, page: str, demo_db: Engine
) -> None:
    with session_scope(demo_db) as session:
        asked = session.exec(select(PulseParticipation)).all()
        sent = session.exec(select(Delivery).where(Delivery.state == DeliveryState.SENT)).all()
    answered = sum(1 for p in asked if p.answered)

    line = f"Pulse participation: {answered} of {len(asked)} invitations answered ({answered / len(asked):.0%})"
    assert 0.5 <= answered / len(asked) <= 0.95
    assert line in page and any(line in s for s in demo.summary)
    assert f"Cadence sent {len(sent)} messages" in page


def test_the_last_digest_on_the_page_is_what_the_digest_code_composes_for_that_week(
    demo: DemoResult, page: str, demo_db: Engine
) -> None:
    with session_scope(demo_db) as session:
        digests = session.exec(
            select(Delivery).where(col(Delivery.key).startswith(f"digest:{CHAMPIONS}:")).order_by(col(Delivery.id))
        ).all()
    assert len(digests) == SMALL["weeks"] and all(d.state == DeliveryState.SENT for d in digests)
    last = digests[-1]

    recomposed = _compose_again(demo_db, slot=last.created_at)

    posted, again = _without_comments(last.payload["blocks"]), _without_comments(recomposed["blocks"])
    assert again == posted  # comments are a fresh random sample on every look
    assert render_blocks(last.payload["blocks"], lookup_for(demo.slack)) in page
    assert "Weekly digest" in str(recomposed["blocks"][0])


def _without_comments(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [b for b in blocks if not str(b.get("text", {}).get("text", "")).startswith(f"*{SAID}*")]


def _without_comment_order(html: str) -> str:
    """The page with the digest's comments left out and the results form's comments sorted."""
    html = re.sub(rf"({re.escape(SAID)}</b>).*?</blockquote>", r"\1", html, flags=re.DOTALL)
    head, marker, tail = html.partition("Comments</b> (anonymous, in random order)")
    body, buttons, rest = tail.partition('<div class="form-buttons">')
    return head + marker + "".join(sorted(re.findall(r"<blockquote>.*?</blockquote>", body))) + buttons + rest


def _compose_again(engine: Engine, *, slot: Any) -> dict[str, Any]:
    """The digest code's output for the champions' channel and the week ending at `slot`, from the stored data."""
    env = {
        "SLACK_BOT_TOKEN": "xoxb-demo-token",
        "CADENCE_DIGEST_CHANNELS": CHAMPIONS,
        "CADENCE_TIMEZONE": "Europe/London",
    }
    runtime: Runtime = build_runtime(load_settings(env), engine=engine)
    with session_scope(engine) as session:
        config = channel_config(runtime, session, CHAMPIONS)
    assert config is not None
    composed = compose(runtime, config, Period.week_ending(config.slot.in_week_of(slot)))
    return composed.payload


def test_the_same_seed_gives_the_same_page(demo: DemoResult, page: str, tmp_path: Path) -> None:
    again = run_demo(DemoOptions(out=tmp_path, **SMALL))

    # Anonymous comments come in a fresh random order on every look, whatever the seed.
    assert _without_comment_order(again.page.read_text(encoding="utf-8")) == _without_comment_order(page)
    assert again.summary == demo.summary


def test_the_page_opens_in_a_browser_with_the_digest_and_its_chart(demo: DemoResult) -> None:
    with chromium() as browser:
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        problems: list[str] = []
        tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        tab.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
        tab.goto(demo.page.as_uri() + f"#ch-{CHAMPIONS}", wait_until="load")

        panel = tab.locator(f"#ch-{CHAMPIONS}")
        assert panel.get_by_text("Weekly digest").last.is_visible()
        chart = panel.get_by_role("img").last
        chart.scroll_into_view_if_needed()
        assert chart.is_visible()
        images = tab.evaluate("Array.from(document.images, i => [i.alt, i.complete, i.naturalWidth])")
        tab.screenshot(path=str(artifact("demo.png")))

    assert len(images) >= SMALL["weeks"]  # a chart a week, at least
    assert all(complete and width > 0 for _, complete, width in images), images
    assert problems == []


def forms_on(page: str) -> list[str]:
    return re.findall(r'<section class="panel" id="form-\d">.*?</section>', page, flags=re.DOTALL)


def test_the_page_shows_the_leaders_composer_the_pulse_form_and_a_closed_rounds_results(page: str) -> None:
    forms = forms_on(page)

    assert len(forms) == 3
    composer, pulse_form, results = forms
    assert "Schedule a key message" in composer and "From the library" in composer
    assert "New pulse" in pulse_form
    assert re.search(r"Pulse results: round #\d+", results) and "people answered" in results
    assert "Mean <b>" in results


def test_the_composer_on_the_page_is_filled_in_as_the_leader_scheduled_the_key_message(page: str) -> None:
    pack = load_pack()
    [message] = [m for m in pack.messages if m.key == KEY_MESSAGE]
    [prompt] = [p for p in pack.prompts if p.key == KEY_PROMPT]

    composer = forms_on(page)[0]

    chosen = re.findall(r'role="combobox" aria-disabled="true">([^<]+)<span class="bk-caret">', composer)
    assert chosen[:2] == [html.escape(message.title), html.escape(prompt.title)]
    channels = re.findall(r'<span class="bk-chip">#([\w-]+)</span>', composer)
    assert channels == [name for _, name, _ in TEAMS]
    assert '<span class="emoji">🕒</span> 09:30' in composer
    weekly = html.escape(KIND_LABELS["weekly"])
    assert f'<input type="radio" disabled checked><span>{weekly}</span>' in composer


def test_shout_out_words_do_not_repeat_and_fit_their_behaviour(demo_db: Engine) -> None:
    with session_scope(demo_db) as session:
        given = [(s.behaviour_key, s.message) for s in session.exec(select(Shoutout)).all() if s.message]
    fitting = {(b, words) for b, texts in SHOUTOUT_WORDS.items() for words in texts}
    fitting |= {(win["behaviour"], win["thanks"]) for win in SCRIPT["wins"]}

    assert len(given) >= 8
    assert len({words for _, words in given}) == len(given)
    assert set(given) <= fitting


def test_pulse_comments_are_not_the_same_each_week(demo_db: Engine) -> None:
    with session_scope(demo_db) as session:
        comments = [c.text for c in session.exec(select(PulseComment)).all()]

    assert len(comments) >= 2
    assert len(set(comments)) == len(comments)
