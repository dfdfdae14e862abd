"""Slack mrkdwn shown as Slack shows it, and nothing a person typed ever becoming markup."""

from __future__ import annotations

import pytest

from emulator.page.lookup import Lookup
from emulator.page.mrkdwn import mrkdwn, plain_text
from tests.unit.emulator.page.dom import Node, parse

LOOKUP = Lookup(
    users={"U1": "Alice Archer"}, channels={"C1": "kudos"}, groups={"S1": "support"}, bots=frozenset({"UBOT"})
)


def render(text: str) -> Node:
    return parse(mrkdwn(text, LOOKUP))


@pytest.mark.parametrize(
    ("text", "tag", "inner"),
    [
        ("*bold* move", "b", "bold"),
        ("an _italic_ word", "i", "italic"),
        ("~gone~", "s", "gone"),
        ("`x = 1`", "code", "x = 1"),
    ],
)
def test_styles_become_their_tags(text: str, tag: str, inner: str) -> None:
    assert render(text).one(tag).text == inner


def test_style_markers_inside_words_and_snake_case_stay_text() -> None:
    doc = render("file_name_here and 2*3*4")

    assert (doc.all("i"), doc.all("b")) == ([], [])
    assert doc.text == "file_name_here and 2*3*4"


def test_fenced_code_keeps_its_text_unformatted() -> None:
    doc = render("Run:\n```*not bold* &lt;tag&gt;```")

    assert doc.one("pre").text == "*not bold* <tag>"
    assert doc.all("b") == []


def test_quoted_lines_form_one_blockquote() -> None:
    doc = render("Said:\n&gt; first\n> second\nafter")

    assert doc.one("blockquote").text == "first\nsecond"
    assert doc.text.endswith("after")


def test_a_typed_script_tag_stays_visible_text() -> None:
    doc = render("Thanks &lt;script&gt;alert(1)&lt;/script&gt; &amp; more")

    assert doc.all("script") == []
    assert doc.text == "Thanks <script>alert(1)</script> & more"


def test_raw_angle_brackets_that_are_no_slack_control_sequence_stay_text() -> None:
    doc = render('<script>alert(1)</script> <img src=x onerror="alert(1)">')

    assert [n.tag for n in doc.all()] == []
    assert "<script>" in doc.text


def test_quotes_in_a_link_cannot_break_out_of_the_attribute() -> None:
    anchor = render('<https://example.com/?q="x" onmouseover="alert(1)|look>').one("a")

    assert set(anchor.attrs) == {"href", "rel", "target"}
    assert anchor.attrs["href"] == 'https://example.com/?q="x" onmouseover="alert(1)'


def test_links_show_their_label_and_point_at_their_url() -> None:
    anchor = render("See <https://example.com/a?b=1&amp;c=2|the plan>").one("a")

    assert (anchor.text, anchor.attrs["href"]) == ("the plan", "https://example.com/a?b=1&c=2")
    assert render("<mailto:ops@example.com>").one("a").attrs["href"] == "mailto:ops@example.com"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x"]
)
def test_links_with_any_other_scheme_are_not_links(url: str) -> None:
    doc = render(f"<{url}|click me>")

    assert doc.all("a") == []
    assert doc.text == "click me"


def test_mentions_resolve_to_names() -> None:
    doc = render("<@U1> in <#C1> asks <!subteam^S1> and <!here>")

    assert [m.text for m in doc.all("span", "mention")] == ["@Alice Archer", "#kudos", "@support", "@here"]


def test_unknown_ids_fall_back_to_the_label_slack_sent_then_the_id() -> None:
    doc = render("<@U9|dana> <@U8> <#C9|random> <!subteam^S9|@ops>")

    assert [m.text for m in doc.all("span", "mention")] == ["@dana", "@U8", "#random", "@ops"]


def test_known_emoji_become_glyphs_and_unknown_ones_stay_as_their_name() -> None:
    doc = render(":tada: done :party-parrot: at 10:30:00")

    assert doc.one("span", "emoji").text == "🎉"
    assert doc.text == "🎉 done :party-parrot: at 10:30:00"


def test_formatting_applies_around_mentions_and_emoji() -> None:
    bold = render("*:clap: <@U1>*").one("b")

    assert bold.text == "👏 @Alice Archer"


def test_plain_text_is_escaped_as_typed_with_emoji() -> None:
    doc = parse(plain_text("1 < 2 & <b>not bold</b> :star:"))

    assert doc.all("b") == []
    assert doc.text == "1 < 2 & <b>not bold</b> ⭐"
    assert parse(plain_text(":star:", with_emoji=False)).text == ":star:"


def test_the_line_breaks_around_a_fence_add_no_blank_lines() -> None:
    doc = render("Before\n```code```\nafter")

    assert [c.tag if isinstance(c, Node) else c for c in doc.children] == ["Before", "pre", "after"]
