from collections.abc import Callable

import pytest

from bot.platform.policy import Decision
from bot.platform.roles import Actor, Role
from bot.pulses.policy import may_create_pulse, may_see_results


def person(*roles: Role) -> Actor:
    return Actor("U0SOMEONE", frozenset({Role.EMPLOYEE, *roles}), programme_owner="U0OWNER")


@pytest.mark.parametrize("policy", [may_create_pulse, may_see_results])
def test_leaders_champions_and_admins_run_pulses(policy: Callable[[Actor], Decision]) -> None:
    for role in (Role.LEADER, Role.CHAMPION, Role.ADMIN):
        assert policy(person(role)).allowed, role

    refused = policy(person())
    assert not refused.allowed
    assert "Only leaders, change champions and programme admins" in refused.reason and "<@U0OWNER>" in refused.reason


def test_the_refusal_says_what_was_refused() -> None:
    assert "start pulses" in may_create_pulse(person()).reason
    assert "see pulse results" in may_see_results(person()).reason
