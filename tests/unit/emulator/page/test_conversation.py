"""A conversation laid out as Slack's client does: folded follow-ups, day dividers, threads, files, attachments."""

from __future__ import annotations

from typing import Any

from emulator.page.conversation import Entry, conversation
from emulator.page.lookup import Lookup
from tests.unit.emulator.page.dom import Node, parse

MONDAY_8AM = 1_795_420_800  # 2026-11-23 08:00:00 UTC
LOOKUP = Lookup(users={"UBOT": "Cadence", "U1": "Alice Archer"}, images={"F1": "data:image/png;base64,iVBORw0KGgo="})


def at(seconds: int, **fields: Any) -> Entry:
    return Entry(ts=f"{MONDAY_8AM + seconds}.000100", user=fields.pop("user", "UBOT"), **fields)


def render(*entries: Entry) -> Node:
    return parse(conversation(list(entries), LOOKUP))


def test_a_follow_up_within_five_minutes_folds_under_the_first_message() -> None:
    rows = render(at(0, text="one"), at(240, text="two"), at(600, text="three")).all("div", "msg")

    assert ["folded" in r.classes for r in rows] == [False, True, False]
    assert rows[1].all("div", "msg-head") == [] and rows[1].one("time").text == "08:04"


def test_another_sender_or_a_new_day_starts_a_new_group() -> None:
    doc = render(at(0, text="a"), at(60, text="b", user="U1"), at(86_400, text="c"))

    assert [d.text for d in doc.all("div", "day-divider")] == ["Monday, 23 November 2026", "Tuesday, 24 November 2026"]
    assert not any("folded" in r.classes for r in doc.all("div", "msg"))
    assert [a.text for a in doc.all("div", "avatar")] == ["C", "AA", "C"]


def test_messages_are_shown_in_time_order_whatever_order_they_come_in() -> None:
    doc = render(at(120, text="later"), at(0, text="earlier"))

    assert [t.text for t in doc.all("div", "bk-text")] == ["earlier", "later"]


def test_a_reply_whose_parent_is_gone_is_still_shown() -> None:
    doc = render(at(60, text="orphan", thread_ts="1.000000"))

    assert doc.one("div", "bk-text").text == "orphan"
    assert doc.all("div", "thread") == []


def test_a_file_that_is_no_image_is_a_card_with_its_type_and_size() -> None:
    card = render(at(0, files=[{"id": "F2", "title": "export.csv", "filetype": "csv", "size": 2048}])).one(
        "div", "file-card"
    )

    assert card.one("span", "file-name").text == "export.csv"
    assert card.one("span", "file-meta").text == "CSV · 2 KB"


def test_a_legacy_attachment_keeps_a_safe_colour_bar() -> None:
    doc = render(
        at(0, attachments=[{"color": "good", "text": "ok"}, {"color": "#abc", "title": "T"}, {"color": "red;x:url(y)"}])
    )

    assert [a.attrs["style"] for a in doc.all("div", "attachment")] == [
        "border-left-color:#2eb67d",
        "border-left-color:#abc",
        "border-left-color:#dddddd",
    ]


def test_an_empty_conversation_says_so() -> None:
    assert render().one("div", "empty").text == "No messages yet."
