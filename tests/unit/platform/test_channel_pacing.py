"""`chat.postMessage` to a channel is paced by that channel and by the workspace: one busy channel's `429`s slow
that channel only, while DMs keep the workspace's pace."""

from __future__ import annotations

from datetime import timedelta

from slack_sdk.web.slack_response import SlackResponse

from bot.platform.outbox.pacer import CHANNEL_RATE, Later, Pacers
from bot.platform.slack_calls import CallOutcome, call
from bot.platform.timesource import ManualTime
from tests.unit.platform.test_pacer import START, LimitedMethod

POST = "chat.postMessage"
KUDOS, GENERAL = "C0KUDOS", "G0PRIVATE"


class Workspace:
    """`chat.postMessage` as Slack meters it: a bucket for the workspace, and one per channel."""

    def __init__(self, clock: ManualTime, *, channel_per_second: float, channel_burst: int = 1) -> None:
        self.clock = clock
        self.workspace = LimitedMethod(clock, per_second=100, burst=100, retry_after=5)
        self.channel = (channel_per_second, channel_burst)
        self.channels: dict[str, LimitedMethod] = {}

    def in_channel(self, channel: str) -> LimitedMethod:
        if channel not in self.channels:
            per_second, burst = self.channel
            self.channels[channel] = LimitedMethod(self.clock, per_second, burst, retry_after=30)
        return self.channels[channel]

    def post(self, channel: str) -> SlackResponse:
        if channel.startswith(("C", "G")):
            self.in_channel(channel)()
        return self.workspace()


def post(pacers: Pacers, slack: Workspace, channel: str, within: timedelta | None = None) -> CallOutcome | Later:
    return pacers.post(channel, lambda: call(slack.post, channel=channel), within=within)


def posted(outcome: CallOutcome | Later) -> CallOutcome:
    assert isinstance(outcome, CallOutcome), f"expected a call, got {outcome}"
    return outcome


def test_posts_to_a_channel_start_at_slacks_published_pace_and_dms_at_no_set_pace() -> None:
    clock = ManualTime(START)
    pacers, slack = Pacers(clock), Workspace(clock, channel_per_second=CHANNEL_RATE, channel_burst=3)

    assert all(posted(post(pacers, slack, f"U0{n:04d}")).ok for n in range(20))
    assert clock.now() == START  # DMs: the workspace's pace, unknown until Slack says more
    assert all(posted(post(pacers, slack, KUDOS)).ok for _ in range(10))

    # one a second, a little faster as the pacer probes for more (under ten per cent by the tenth post)
    assert timedelta(seconds=8) <= clock.now() - START <= timedelta(seconds=9 / CHANNEL_RATE)
    assert slack.in_channel(KUDOS).rate_limited() == 0


def busy_kudos(clock: ManualTime) -> tuple[Pacers, Workspace, CallOutcome]:
    """Pacers that met a `429` (Retry-After 30 s) in #kudos, whose limit is below Slack's published pace."""
    pacers, slack = Pacers(clock), Workspace(clock, channel_per_second=0.1)
    assert posted(post(pacers, slack, KUDOS)).ok
    refused = posted(post(pacers, slack, KUDOS))
    assert refused.rate_limited
    return pacers, slack, refused


def test_a_channels_429_pauses_and_slows_that_channel_only() -> None:
    clock = ManualTime(START)
    pacers, slack, _ = busy_kudos(clock)
    refused_at = clock.now()

    assert pacers.paused_until() is None  # no drain is held up for one channel
    assert pacers.of(POST).rate is None and pacers.of(POST).resume_at is None
    assert posted(post(pacers, slack, "U0ALICE")).ok and posted(post(pacers, slack, GENERAL)).ok
    assert clock.now() == refused_at  # the DM and the other channel went at once
    kudos = pacers.in_channel(KUDOS)
    assert kudos.resume_at == refused_at + timedelta(seconds=30)
    assert kudos.rate is not None and kudos.rate < CHANNEL_RATE


def test_a_channel_turn_beyond_the_wait_is_put_off_each_to_its_own_later_turn_and_nothing_is_posted() -> None:
    clock = ManualTime(START)
    pacers, slack, _ = busy_kudos(clock)
    calls = len(slack.in_channel(KUDOS).answered)
    resume_at = pacers.in_channel(KUDOS).resume_at
    assert resume_at is not None

    turns = [post(pacers, slack, KUDOS, within=timedelta(seconds=1)) for _ in range(3)]

    assert all(isinstance(t, Later) for t in turns)
    ats = [t.at for t in turns if isinstance(t, Later)]
    assert ats[0] == resume_at and ats[1] > ats[0] and ats[2] > ats[1]
    assert len(slack.in_channel(KUDOS).answered) == calls
    assert clock.now() == START + timedelta(seconds=1 / CHANNEL_RATE)  # nobody waited for them


def test_a_turn_within_the_wait_is_waited_for() -> None:
    clock = ManualTime(START)
    pacers, slack = Pacers(clock), Workspace(clock, channel_per_second=CHANNEL_RATE)
    posted(post(pacers, slack, KUDOS))

    second = post(pacers, slack, KUDOS, within=timedelta(seconds=1))

    assert posted(second).ok
    assert clock.now() == START + timedelta(seconds=1 / CHANNEL_RATE)


def test_dms_429s_still_teach_the_workspace() -> None:
    clock = ManualTime(START)
    pacers, slack = Pacers(clock), Workspace(clock, channel_per_second=CHANNEL_RATE)
    slack.workspace.tokens = slack.workspace.burst = 1

    assert posted(post(pacers, slack, "U0ALICE")).ok
    assert posted(post(pacers, slack, "D0BOB")).rate_limited

    paused = pacers.paused_until()
    assert paused is not None and paused == clock.now() + timedelta(seconds=slack.workspace.retry_after)


def test_a_429_on_a_quiet_channels_first_post_is_the_workspaces() -> None:
    """The channel's burst allowance would have let its first post after a quiet spell through: the workspace's
    limit refused it."""
    clock = ManualTime(START)
    pacers, slack = Pacers(clock), Workspace(clock, channel_per_second=CHANNEL_RATE)
    slack.workspace.tokens = slack.workspace.burst = 1
    assert posted(post(pacers, slack, "U0ALICE")).ok

    assert posted(post(pacers, slack, KUDOS)).rate_limited

    assert pacers.paused_until() is not None
    assert slack.in_channel(KUDOS).rate_limited() == 0


def test_each_channel_has_its_own_pacer() -> None:
    clock = ManualTime(START)
    pacers = Pacers(clock)

    assert pacers.in_channel(KUDOS) is pacers.in_channel(KUDOS)
    assert pacers.in_channel(KUDOS) is not pacers.in_channel(GENERAL)
    assert pacers.in_channel(KUDOS) is not pacers.of(POST)
