"""The whole page rendered from an emulator's state: a panel per channel, DM and App Home, in Slack's layout."""

from __future__ import annotations

import base64

import pytest

from emulator import SlackEmulator
from emulator.page import render_page
from tests.support.page_state import ALICE, BOB, CAROL, CHAMPIONS, GENERAL, KUDOS, TYPED, chart_png, populated_emulator
from tests.unit.emulator.page.dom import Node, parse

HOMES = {"Employee": ALICE, "Leader": BOB, "Champion": CAROL}


@pytest.fixture(scope="module")
def emulator() -> SlackEmulator:
    return populated_emulator()


def page_for(emulator: SlackEmulator, dms_for: list[str] | None = None) -> str:
    return render_page(
        emulator,
        title="Cadence demo",
        dms_for=[ALICE] if dms_for is None else dms_for,
        home_for=HOMES,
        summary=["41 messages sent", ":tada: 9 shout-outs"],
    )


@pytest.fixture(scope="module")
def doc(emulator: SlackEmulator) -> Node:
    return parse(page_for(emulator))


def panel(doc: Node, anchor: str) -> Node:
    [found] = [p for p in doc.all("section", "panel") if p.attrs["id"] == anchor]
    return found


def test_every_conversation_has_a_panel_and_a_sidebar_link(doc: Node) -> None:
    anchors = [p.attrs["id"] for p in doc.all("section", "panel")]

    assert anchors == [
        "overview",
        f"ch-{CHAMPIONS}",
        f"ch-{GENERAL}",
        f"ch-{KUDOS}",
        f"dm-{ALICE}",
        "home-0",
        "home-1",
        "home-2",
    ]
    assert [a.attrs["href"] for a in doc.one("nav").all("a")] == [f"#{a}" for a in anchors]


def test_a_channel_the_bot_is_not_in_and_never_posted_to_is_left_out(doc: Node) -> None:
    assert "elsewhere" not in doc.one("nav").text


def test_the_overview_shows_the_summary(doc: Node) -> None:
    assert [li.text for li in panel(doc, "overview").one("ul", "summary").all("li")] == [
        "41 messages sent",
        "🎉 9 shout-outs",
    ]


def test_channel_messages_show_author_time_of_day_and_day(doc: Node) -> None:
    general = panel(doc, f"ch-{GENERAL}")
    first = general.all("div", "msg")[0]
    head = first.all("div", "msg-head")[0]

    assert (head.one("span", "author").text, head.one("span", "app-badge").text) == ("Cadence", "APP")
    assert head.one("time").text == "08:00"
    assert general.one("div", "day-divider").text == "Monday, 23 November 2026"
    assert first.one("div", "bk-header").text == "This week's key message"


def test_a_thread_reply_sits_under_its_parent_and_an_edit_is_marked(doc: Node) -> None:
    parent = panel(doc, f"ch-{GENERAL}").all("div", "msg")[0]

    thread = parent.one("div", "thread")
    assert thread.one("div", "thread-count").text == "1 reply"
    assert thread.one("div", "bk-text").text == "Reminder: read the key message"
    assert parent.one("span", "edited").text == "(edited)"


def test_an_ephemeral_shows_only_for_a_person_whose_view_is_on_the_page(emulator: SlackEmulator, doc: Node) -> None:
    [seen] = panel(doc, f"ch-{GENERAL}").all("div", "ephemeral")

    assert seen.one("div", "only-you").text == "👁 Only visible to Alice Archer"
    assert parse(page_for(emulator, dms_for=[])).all("div", "ephemeral") == []


def test_a_typed_script_stays_text_in_the_channel(doc: Node) -> None:
    kudos = panel(doc, f"ch-{KUDOS}")

    assert kudos.one("blockquote").text == TYPED
    assert doc.all("script") == []
    assert kudos.one("span", "reaction").text == "🎉1"


def test_the_uploaded_chart_is_embedded_as_a_data_uri(doc: Node) -> None:
    image = panel(doc, f"ch-{CHAMPIONS}").one("figure", "file-image").one("img")

    assert image.attrs["src"] == "data:image/png;base64," + base64.b64encode(chart_png()).decode()
    assert image.attrs["alt"] == "Pulse trend"


def test_nothing_is_loaded_from_anywhere_else(doc: Node) -> None:
    sources = [n.attrs.get("src", "") for n in doc.all() if "src" in n.attrs]

    assert sources and all(s.startswith("data:image/") for s in sources)
    assert doc.all("link") == [] and doc.all("script") == []


def test_the_dm_panel_shows_what_the_bot_sent_that_person(doc: Node) -> None:
    dm = panel(doc, f"dm-{ALICE}")

    assert dm.one("span", "panel-title").text == "Cadence"
    assert dm.one("div", "bk-text").text == "How clear is our customer promise to you? 🤔"


def test_each_role_sees_its_own_home_tab_or_a_note_that_there_is_none(doc: Node) -> None:
    employee, leader, champion = (panel(doc, f"home-{i}") for i in range(3))

    assert employee.one("div", "bk-header").text == "Welcome to Cadence"
    assert leader.one("div", "bk-header").text == "Your key messages"
    assert "Bob Baker (Leader)" in leader.one("div", "panel-head").text
    assert champion.one("div", "empty").text == "Cadence has not published a Home tab for this person."


def test_the_same_state_gives_the_same_page(emulator: SlackEmulator) -> None:
    assert page_for(emulator) == page_for(emulator)
