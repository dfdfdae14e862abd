"""Slack's rate-limit tiers, on by default: each method's per-minute allowance with bursts, `chat.postMessage` per
channel and per workspace, answered with `429` and `Retry-After`."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from emulator import SlackEmulator
from emulator.ratelimit import POST_CHANNEL_BURST, POST_WORKSPACE_PER_MINUTE, TIER_PER_MINUTE, RateLimiter
from tests.unit.emulator.expect import ALICE, GENERAL, PRIVATE, ManualMonotonic


def retry_after(call: object, **kwargs: object) -> str:
    """The Retry-After of the 429 the call must get."""
    try:
        call(**kwargs)  # type: ignore[operator]
    except SlackApiError as exc:
        assert exc.response.status_code == 429
        return str(exc.response.headers["Retry-After"])
    raise AssertionError("expected a 429")


def test_users_list_allows_a_tier_2_minute_then_one_call_every_three_seconds(
    client: WebClient, emu: SlackEmulator, monotonic: ManualMonotonic
) -> None:
    for _ in range(TIER_PER_MINUTE[2]):
        client.users_list()

    wait = retry_after(client.users_list)
    monotonic.advance(3)
    client.users_list()

    assert wait == "3"
    assert emu.rate_limit_hits == 1
    assert client.users_info(user=ALICE)["ok"] is True  # each method has its own allowance


def test_users_info_is_tier_4(client: WebClient, emu: SlackEmulator) -> None:
    for _ in range(TIER_PER_MINUTE[4]):
        client.users_info(user=ALICE)

    assert retry_after(client.users_info, user=ALICE) == "1"


def test_posting_is_limited_per_channel_with_a_short_burst(
    client: WebClient, emu: SlackEmulator, monotonic: ManualMonotonic
) -> None:
    for n in range(POST_CHANNEL_BURST):
        client.chat_postMessage(channel=GENERAL, text=str(n))

    wait = retry_after(client.chat_postMessage, channel=GENERAL, text="one too many")
    client.chat_postMessage(channel=PRIVATE, text="another channel has its own second")
    monotonic.advance(1)
    client.chat_postMessage(channel=GENERAL, text="a second later")

    assert wait == "1"
    assert len(emu.messages(GENERAL)) == POST_CHANNEL_BURST + 1


def test_posting_is_limited_across_the_workspace(monotonic: ManualMonotonic) -> None:
    limiter = RateLimiter(monotonic)

    allowed = [limiter.check("chat.postMessage", {"channel": f"D{n:05d}"}) for n in range(POST_WORKSPACE_PER_MINUTE)]

    assert allowed == [None] * POST_WORKSPACE_PER_MINUTE
    assert limiter.check("chat.postMessage", {"channel": "D99999"}) == 1


def test_tiers_can_be_turned_off_for_a_test(client: WebClient, emu: SlackEmulator) -> None:
    emu.set_tiers(False)

    for _ in range(TIER_PER_MINUTE[2] + 5):
        client.users_list()

    assert emu.rate_limit_hits == 0


def test_a_limit_set_by_a_test_replaces_the_tier(client: WebClient, emu: SlackEmulator) -> None:
    emu.set_rate_limit("users.list", per_minute=60, burst=1)
    client.users_list()

    assert retry_after(client.users_list) == "1"
    emu.set_rate_limit("users.list", per_minute=None)
    for _ in range(TIER_PER_MINUTE[2] + 5):
        client.users_list()
