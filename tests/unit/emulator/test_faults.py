"""Injected faults, latency and rate limits reach slack_sdk exactly as Slack's would."""

from __future__ import annotations

import time

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from emulator import Fault, SlackEmulator
from tests.unit.emulator.expect import ALICE, GENERAL, TOKEN, ManualMonotonic, slack_error


def status_of_failure(call, **kwargs) -> SlackApiError:
    with pytest.raises(SlackApiError) as raised:
        call(**kwargs)
    return raised.value


def test_rate_limited_fault_is_a_real_429_with_retry_after(client: WebClient, emu: SlackEmulator) -> None:
    emu.faults.add(Fault.rate_limited("chat.postMessage", retry_after=7, times=2))

    failures = [status_of_failure(client.chat_postMessage, channel=GENERAL, text="x") for _ in range(2)]
    client.chat_postMessage(channel=GENERAL, text="third time")

    for failure in failures:
        assert failure.response.status_code == 429
        assert failure.response.headers["Retry-After"] == "7"
        assert failure.response["error"] == "ratelimited"
    assert [m.text for m in emu.messages(GENERAL)] == ["third time"]
    statuses = [c.status for c in emu.calls_to("chat.postMessage", include_failed=True)]
    assert statuses == [429, 429, 200]
    assert len(emu.calls_to("chat.postMessage")) == 1


def test_server_error_fault_is_a_real_5xx_with_a_body(client: WebClient, emu: SlackEmulator) -> None:
    emu.faults.add(Fault.server_error("users.info", status=503))

    failure = status_of_failure(client.users_info, user=ALICE)

    assert failure.response.status_code == 503
    assert failure.response["error"] == "service_unavailable"
    assert client.users_info(user=ALICE)["user"]["id"] == ALICE


def test_error_fault_answers_ok_false_then_recovers(client: WebClient, emu: SlackEmulator) -> None:
    emu.faults.add(Fault.error("chat.postMessage", "channel_not_found"))

    assert slack_error(client.chat_postMessage, channel=GENERAL, text="x") == "channel_not_found"
    assert client.chat_postMessage(channel=GENERAL, text="y")["ok"] is True


def test_a_filtered_fault_without_limit_fires_every_time_it_matches(client: WebClient, emu: SlackEmulator) -> None:
    emu.faults.add(
        Fault.error("chat.postMessage", "not_in_channel", times=None, when=lambda args: args.get("channel") == ALICE)
    )

    for _ in range(3):
        assert slack_error(client.chat_postMessage, channel=ALICE, text="x") == "not_in_channel"
    client.chat_postMessage(channel=GENERAL, text="fine")

    emu.faults.clear()
    client.chat_postMessage(channel=ALICE, text="now fine")
    assert len(emu.dms_to(ALICE)) == 1


def test_a_wildcard_fault_hits_any_method(client: WebClient, emu: SlackEmulator) -> None:
    emu.faults.add(Fault.server_error("*", status=500, times=2))

    assert status_of_failure(client.auth_test).response.status_code == 500
    assert status_of_failure(client.users_info, user=ALICE).response["error"] == "internal_error"
    assert client.auth_test()["ok"] is True


def test_slow_fault_outlasts_a_client_timeout(emu: SlackEmulator) -> None:
    impatient = WebClient(base_url=emu.api_url, token=TOKEN, timeout=0.1)  # type: ignore[arg-type]
    emu.faults.add(Fault.slow("users.info", seconds=0.3))

    with pytest.raises(TimeoutError):
        impatient.users_info(user=ALICE)
    assert impatient.users_info(user=ALICE)["ok"] is True


def test_latency_delays_every_call(client: WebClient, emu: SlackEmulator) -> None:
    emu.set_latency(0.05)

    started = time.perf_counter()
    client.auth_test()

    assert time.perf_counter() - started >= 0.05


def test_rate_limit_is_a_token_bucket(client: WebClient, emu: SlackEmulator, monotonic: ManualMonotonic) -> None:
    emu.set_rate_limit("chat.postMessage", per_minute=60, burst=2)

    client.chat_postMessage(channel=GENERAL, text="1")
    client.chat_postMessage(channel=GENERAL, text="2")
    limited = status_of_failure(client.chat_postMessage, channel=GENERAL, text="3")
    monotonic.advance(1.0)
    client.chat_postMessage(channel=GENERAL, text="4")

    assert limited.response.status_code == 429
    assert limited.response.headers["Retry-After"] == "1"
    assert emu.rate_limit_hits == 1
    assert [m.text for m in emu.messages(GENERAL)] == ["1", "2", "4"]
    assert client.users_info(user=ALICE)["ok"] is True


def test_retry_after_is_whole_seconds_until_a_token_is_free(
    client: WebClient, emu: SlackEmulator, monotonic: ManualMonotonic
) -> None:
    emu.set_rate_limit("chat.postMessage", per_minute=6, burst=1)
    client.chat_postMessage(channel=GENERAL, text="1")
    monotonic.advance(2.5)

    limited = status_of_failure(client.chat_postMessage, channel=GENERAL, text="2")

    assert limited.response.headers["Retry-After"] == "8"
    emu.set_rate_limit("chat.postMessage", per_minute=None)
    client.chat_postMessage(channel=GENERAL, text="unlimited")


def bare(emu: SlackEmulator, timeout: float = 5) -> WebClient:
    """A WebClient that never retries by itself, so the test sees each fault as the connection delivered it."""
    return WebClient(base_url=emu.api_url, token=TOKEN, timeout=timeout, retry_handlers=[])  # type: ignore[arg-type]


def test_a_dropped_connection_answers_nothing_and_applies_nothing(emu: SlackEmulator) -> None:
    emu.faults.add(Fault.dropped("chat.postMessage"))

    with pytest.raises(ConnectionError):
        bare(emu).chat_postMessage(channel=GENERAL, text="never arrives")

    assert emu.messages(GENERAL) == []
    [dropped] = emu.calls_to("chat.postMessage", include_failed=True)
    assert (dropped.status, dropped.ok) == (0, False)


def test_a_lost_answer_leaves_the_message_posted(emu: SlackEmulator) -> None:
    emu.faults.add(Fault.answer_lost("chat.postMessage"))

    with pytest.raises(ConnectionError):
        bare(emu).chat_postMessage(channel=GENERAL, text="posted, unanswered")

    assert [m.text for m in emu.messages(GENERAL)] == ["posted, unanswered"]
    assert len(emu.calls_to("chat.postMessage")) == 1


@pytest.mark.parametrize(
    "fault",
    [Fault.answer_lost("chat.postMessage", seconds=0.3), Fault.slow("chat.postMessage", seconds=0.3)],
    ids=["answer-held-after-posting", "slow-before-posting"],
)
def test_a_late_answer_times_the_client_out_and_wait_idle_sees_the_message_posted(
    emu: SlackEmulator, fault: Fault
) -> None:
    emu.faults.add(fault)

    with pytest.raises(TimeoutError):
        bare(emu, timeout=0.1).chat_postMessage(channel=GENERAL, text="late")
    emu.wait_idle()

    assert [m.text for m in emu.messages(GENERAL)] == ["late"]
    assert bare(emu).chat_postMessage(channel=GENERAL, text="next")["ok"] is True
