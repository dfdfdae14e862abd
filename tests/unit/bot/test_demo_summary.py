"""The demo's closing summary names the digest's focus item once, with its roles, like the digest does."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.demo.summary import _flagged
from bot.digests.views import Digest, Driver, ItemResult, Period, PulseSection

PERIOD = Period.week_ending(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
FOCUS, OTHER = "I can fix it myself", "I know our promise"


def test_a_focus_item_that_is_also_a_driver_is_named_once_with_both_roles() -> None:
    drivers = (Driver("q-fix", FOCUS, 0.55, 40, (0.3, 0.7), 0.6), Driver("q-know", OTHER, 0.4, 40, (0.1, 0.6), 0.4))
    pulses = PulseSection(lowest=ItemResult("q-fix", FOCUS, 2.2, 40), drivers=drivers)

    [line] = _flagged(Digest("C1", "org", PERIOD, pulses=pulses))

    assert line.count(FOCUS) == 1
    assert f"focus item “{FOCUS}” (lowest, 2.2 on 1–5, also a driver (r = 0.55))" in line
    assert f"another driver of the outcome “{OTHER}” (r = 0.40)" in line
