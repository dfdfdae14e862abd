"""The getting-started checklist an admin sees on Home: each step of setting Cadence up and whether it is done, read
from the settings, from Slack (is Cadence in the channels it posts to) and from what the programme has done so far.
"""

from __future__ import annotations

from bot.digests import digest_channels
from bot.home.views import ChecklistItem, Step
from bot.platform.directory import DirectoryError
from bot.platform.runtime import Runtime
from bot.platform.views import Role
from storage import home as store


def checklist(runtime: Runtime) -> tuple[ChecklistItem, ...]:
    """The steps, read from the database first: whether Cadence is in a channel is asked of Slack afterwards, with
    no unit of work open."""
    with runtime.session() as session:
        digests = tuple(c.channel for c in digest_channels(runtime, session))
        key_message, pulse = store.any_key_schedule(session), store.any_pulse_campaign(session)
    return (
        _roles(runtime),
        _channels(runtime, Step.RECOGNITION, _recognition_channels(runtime)),
        _channels(runtime, Step.DIGESTS, digests),
        _pulse_secret(runtime),
        _first(Step.KEY_MESSAGE, key_message, "A key message is scheduled."),
        _first(Step.PULSE, pulse, "A pulse is set up."),
    )


def _roles(runtime: Runtime) -> ChecklistItem:
    """Done once someone besides the first admin holds a role: one admin alone is a programme of one."""
    holders = runtime.roles.holders()
    admins = holders[Role.ADMIN]
    others = {h for held in holders.values() for h in held} - set(admins[:1])
    if not others:
        return ChecklistItem(Step.ROLES, False, "Only the first admin holds a role: add leaders and change champions.")
    counts = ", ".join(f"{len(holders[role])} {role.value}" for role in (Role.ADMIN, Role.LEADER, Role.CHAMPION))
    return ChecklistItem(Step.ROLES, True, f"Holders (people or user groups): {counts}.")


def _recognition_channels(runtime: Runtime) -> tuple[str, ...]:
    channel = runtime.settings.recognition_channel
    return (channel,) if channel else ()


def _channels(runtime: Runtime, step: Step, channels: tuple[str, ...]) -> ChecklistItem:
    """Done when the step's channels are set and Cadence is in each of them, so what it posts there arrives."""
    if not channels:
        return ChecklistItem(step, False, "Not set yet.")
    problems = [problem for channel in channels if (problem := _membership_problem(runtime, channel))]
    if problems:
        return ChecklistItem(step, False, " ".join(problems))
    listed = ", ".join(f"<#{c}>" for c in channels)
    return ChecklistItem(step, True, f"{listed}, with Cadence in {'it' if len(channels) == 1 else 'each'}.")


def _membership_problem(runtime: Runtime, channel: str) -> str:
    try:
        member = runtime.directory.cadence_is_in(channel)
    except DirectoryError:
        return f"Slack didn't say just now whether Cadence is in <#{channel}>; check again in a minute."
    if member is None:
        return f"Slack knows no channel `{channel}` (deleted, or private without Cadence): choose another."
    return "" if member else f"Cadence is not in <#{channel}>: type `/invite @Cadence` there."


def _pulse_secret(runtime: Runtime) -> ChecklistItem:
    if runtime.settings.pulse_secret:
        return ChecklistItem(Step.PULSE_SECRET, True, "Set: pulses are on.")
    return ChecklistItem(
        Step.PULSE_SECRET,
        False,
        "Pulses are off until whoever runs Cadence sets `CADENCE_PULSE_SECRET` in its environment.",
    )


def _first(step: Step, done: bool, done_text: str) -> ChecklistItem:
    return ChecklistItem(step, done, done_text if done else "Not yet.")
