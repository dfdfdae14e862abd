"""The digest commands' replies: every outcome of `/cadence digest now` has words of its own, and the saved setup
names its weekly slot."""

from __future__ import annotations

import pytest

from bot.digests.views import NowOutcome, NowResult
from content.blocks.digest_replies import now_reply, saved_view
from tests.support.blockkit import assert_valid_blocks, assert_valid_view


@pytest.mark.parametrize("result", list(NowResult))
def test_every_outcome_of_digest_now_has_a_reply_whose_text_matches_its_blocks(result: NowResult) -> None:
    text, blocks = now_reply(NowOutcome(result, "C0CHAMPS", error="ratelimited"))

    assert_valid_blocks(blocks)
    assert text and text in blocks[0]["text"]["text"]


def test_each_outcome_says_something_different() -> None:
    texts = {now_reply(NowOutcome(result, "C0CHAMPS"))[0] for result in NowResult}

    assert len(texts) == len(NowResult)


def test_only_a_posted_digest_is_a_success() -> None:
    replies = {result: now_reply(NowOutcome(result, "C0CHAMPS"))[1][0]["text"]["text"] for result in NowResult}

    assert [r for r, shown in replies.items() if shown.startswith(":white_check_mark:")] == [NowResult.POSTED]
    assert all(shown.startswith(":warning:") for r, shown in replies.items() if r is not NowResult.POSTED)


def test_a_refused_digest_quotes_slacks_error_and_what_to_do() -> None:
    text, _ = now_reply(NowOutcome(NowResult.FAILED, "C0CHAMPS", error="not_in_channel"))

    assert "`not_in_channel`" in text and "invite Cadence" in text


def test_the_saved_setup_names_the_weekday_time_and_zone() -> None:
    view = saved_view("C0CHAMPS", 3, "08:30", "Europe/Paris")

    assert_valid_view(view)
    text = view["blocks"][0]["text"]["text"]
    assert "<#C0CHAMPS> will get its weekly digest on Thursdays at 08:30 (Europe/Paris)" in text


def test_a_channel_that_is_not_a_digest_channel_names_whom_to_ask() -> None:
    text, _ = now_reply(NowOutcome(NowResult.NOT_A_DIGEST_CHANNEL, "C0GENERAL"), ask="<@U0OWNER>, the programme owner")

    assert "ask <@U0OWNER>, the programme owner to set this one up" in text
