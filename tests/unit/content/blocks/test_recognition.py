"""Shout-out builders: what people wrote is shown as written, and can name a person but never broadcast or link."""

from __future__ import annotations

from content.blocks.recognition import ShoutoutView, celebration, escape_message, recipient_dm
from content.pack import load_pack

OWN_IT = load_pack().behaviour("own-it")


def test_message_is_escaped_but_keeps_plain_user_mentions() -> None:
    text = escape_message("thanks <@U0DAN> & <!here> <https://evil.example|click>")

    assert text == "thanks <@U0DAN> &amp; &lt;!here&gt; &lt;https://evil.example|click&gt;"


def test_celebration_names_giver_recipients_behaviour_and_only_safe_links() -> None:
    view = ShoutoutView("U0A", ("U0B", "U0C"), OWN_IT, "line one\nline two", link="https://x.slack.com/p1")

    text = str(celebration(view)["blocks"])

    assert "<@U0A> recognised <@U0B> and <@U0C> for :handshake: *Owned it end to end*" in text
    assert ">line one\\n>line two" in text
    assert "<https://x.slack.com/p1|See what they were recognised for>" in text
    unsafe = ShoutoutView("U0A", ("U0B",), OWN_IT, "", link="https://x|<!here>", origin_channel="C0X")
    assert "<!here>" not in str(celebration(unsafe)) and "<#C0X>" in str(celebration(unsafe))


def test_recipient_dm_names_the_others_recognised_with_them() -> None:
    view = ShoutoutView("U0A", ("U0B", "U0C"), None, "")

    dm = recipient_dm(view, "U0B", "C0RECOG")

    assert "Together with <@U0C>." in dm["blocks"][0]["text"]["text"]
    assert "<@U0B>" not in dm["blocks"][0]["text"]["text"]
    assert "Celebrated in <#C0RECOG>" in str(dm["blocks"][1])
