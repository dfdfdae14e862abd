"""Short replies of the digest commands: usage, the outcome of `/cadence digest now`, the saved setup."""

from __future__ import annotations

from typing import Any

from bot.digests.views import WEEKDAYS, NowOutcome, NowResult
from content.blocks.common import Block, channel_link, error_text, plain, section


def usage_text() -> str:
    return (
        "Use `/cadence digest now [#channel]` to post a champions' channel's digest now, "
        "or `/cadence digest setup` (admins) to choose a channel, whose figures it gets and when."
    )


def now_reply(outcome: NowOutcome, *, ask: str = "an admin") -> tuple[str, list[Block]]:
    """What became of a digest asked for now; `ask` is whom a refusal sends the person to."""
    where = channel_link(outcome.channel)
    if outcome.result == NowResult.POSTED:
        text = f"Posted the digest in {where}."
        return text, [section(f":white_check_mark: {text}")]
    messages = {
        NowResult.NOT_A_DIGEST_CHANNEL: (
            f"{where} is not a digest channel. Name one (`/cadence digest now #champions`), "
            f"or ask {ask} to set this one up with `/cadence digest setup`."
        ),
        NowResult.QUEUED: f"Slack is busy ({outcome.error or 'retrying'}): the digest for {where} follows shortly.",
        NowResult.FAILED: (
            f"Slack refused the digest for {where} (`{outcome.error}`). "
            "If it says not_in_channel, invite Cadence to the channel and try again."
        ),
        NowResult.DIRECTORY_UNAVAILABLE: (
            f"Slack couldn't tell me who is in this digest's scope ({outcome.error}). Try again in a minute."
        ),
    }
    text = messages[outcome.result]
    return text, error_text(text)


def saved_view(channel: str, weekday: int, at_time: str, timezone: str) -> dict[str, Any]:
    text = (
        f":white_check_mark: {channel_link(channel)} will get its weekly digest on {WEEKDAYS[weekday % 7]}s at "
        f"{at_time} ({timezone}). Type `/cadence digest now` there to see one straight away."
    )
    return {"type": "modal", "title": plain("Weekly digest"), "close": plain("Done"), "blocks": [section(text)]}
