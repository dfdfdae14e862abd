"""Slack call outcomes: what may have happened is told apart from what did not, and no write is re-sent blindly."""

from __future__ import annotations

import http.client
import urllib.error
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot.platform.slack_calls import CallOutcome, Verdict, call, create_web_client, outcome_of_error, share_file
from emulator import Fault, SlackEmulator, Workspace

TOKEN = "xoxb-test-token"
ALICE, GENERAL = "U0ALICE", "C0GENERAL"


@pytest.fixture
def emu() -> Iterator[SlackEmulator]:
    workspace = Workspace(team_id="T0CADENCE", team_name="Acme", bot_user_id="U0CADENCE", bot_token=TOKEN)
    workspace.add_user(ALICE, name="alice", real_name="Alice Archer", tz="UTC")
    workspace.add_channel(GENERAL, name="general", members=[ALICE])
    with SlackEmulator(workspace) as emulator:
        yield emulator


@pytest.fixture
def client(emu: SlackEmulator) -> WebClient:
    return create_web_client(TOKEN, emu.api_url)


def test_a_lost_answer_to_a_post_is_ambiguous_and_not_sent_again_by_the_library(
    client: WebClient, emu: SlackEmulator
) -> None:
    emu.faults.add(Fault.answer_lost("chat.postMessage"))

    outcome = call(client.chat_postMessage, channel=GENERAL, text="once")

    assert outcome.verdict is Verdict.AMBIGUOUS
    assert outcome.transient
    assert [m.text for m in emu.messages(GENERAL)] == ["once"]
    assert len(emu.calls_to("chat.postMessage", include_failed=True)) == 1


def test_a_connection_dropped_under_a_post_is_ambiguous_too(client: WebClient, emu: SlackEmulator) -> None:
    emu.faults.add(Fault.dropped("chat.postMessage"))

    outcome = call(client.chat_postMessage, channel=GENERAL, text="maybe")

    assert (outcome.verdict, outcome.error) == (Verdict.AMBIGUOUS, "network:RemoteDisconnected")
    assert emu.messages(GENERAL) == []
    assert len(emu.calls_to("chat.postMessage", include_failed=True)) == 1


def test_a_read_on_a_dropped_connection_is_asked_again(client: WebClient, emu: SlackEmulator) -> None:
    emu.faults.add(Fault.dropped("users.info"))

    outcome = call(client.users_info, user=ALICE)

    assert outcome.ok
    assert [c.status for c in emu.calls_to("users.info", include_failed=True)] == [0, 200]


def test_a_timeout_is_ambiguous(emu: SlackEmulator) -> None:
    impatient = create_web_client(TOKEN, emu.api_url)
    impatient.timeout = 0.1
    emu.faults.add(Fault.slow("chat.postMessage", seconds=0.3))

    outcome = call(impatient.chat_postMessage, channel=GENERAL, text="late")
    emu.wait_idle()

    assert (outcome.verdict, outcome.error) == (Verdict.AMBIGUOUS, "network:TimeoutError")


@pytest.mark.parametrize(
    ("fault", "verdict"),
    [
        (Fault.rate_limited("chat.postMessage", retry_after=7), Verdict.RETRY),
        (Fault.server_error("chat.postMessage", status=502), Verdict.AMBIGUOUS),
        (Fault.error("chat.postMessage", "internal_error"), Verdict.AMBIGUOUS),
        (Fault.error("chat.postMessage", "fatal_error"), Verdict.AMBIGUOUS),
        (Fault.error("chat.postMessage", "service_unavailable"), Verdict.RETRY),
        (Fault.error("chat.postMessage", "channel_not_found"), Verdict.PERMANENT),
    ],
)
def test_slack_answers_are_classified(client: WebClient, emu: SlackEmulator, fault: Fault, verdict: Verdict) -> None:
    emu.faults.add(fault)

    outcome = call(client.chat_postMessage, channel=GENERAL, text="x")

    assert outcome.verdict is verdict
    assert outcome.rate_limited == (fault.kind.value == "rate_limited")


def test_a_request_that_never_left_in_full_is_safe_to_send_again() -> None:
    refused = outcome_of_error(urllib.error.URLError(ConnectionRefusedError(111, "refused")))
    cut = outcome_of_error(http.client.IncompleteRead(b""))

    assert (refused.verdict, refused.error) == (Verdict.RETRY, "network:ConnectionRefusedError")
    assert cut.verdict is Verdict.AMBIGUOUS


def share_chart(client: WebClient, noted: list[str]) -> CallOutcome:
    return share_file(
        client,
        channel=GENERAL,
        content=b"png",
        filename="trend.png",
        title="Trend",
        initial_comment=None,
        before_share=noted.append,
    )


def test_a_file_is_shared_after_its_id_is_noted(client: WebClient, emu: SlackEmulator) -> None:
    noted: list[str] = []
    emu.faults.add(Fault.answer_lost("files.completeUploadExternal"))

    outcome = share_chart(client, noted)

    assert outcome.verdict is Verdict.AMBIGUOUS
    [shared] = emu.uploaded_files
    assert noted == [shared.id]
    assert shared.channel_id == GENERAL


def test_a_failure_before_the_share_is_never_ambiguous(client: WebClient, emu: SlackEmulator) -> None:
    noted: list[str] = []
    emu.faults.add(Fault.answer_lost("files.getUploadURLExternal"))

    outcome = share_chart(client, noted)

    assert outcome.verdict is Verdict.RETRY
    assert (noted, emu.uploaded_files) == ([], [])
