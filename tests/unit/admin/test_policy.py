from collections.abc import Callable

import pytest

from bot.admin.policy import may_administer, may_forget
from bot.platform.policy import Decision
from bot.platform.roles import Actor, Role


@pytest.mark.parametrize("policy", [may_administer, may_forget])
def test_only_admins_administer_and_forget(policy: Callable[[Actor], Decision]) -> None:
    assert policy(Actor("U0OLIVIA", frozenset({Role.EMPLOYEE, Role.ADMIN}))).allowed
    for role in (Role.EMPLOYEE, Role.CHAMPION, Role.LEADER):
        refused = policy(Actor("U0SOMEONE", frozenset({Role.EMPLOYEE, role}), programme_owner="U0OLIVIA"))
        assert not refused.allowed and "Only programme admins" in refused.reason and "<@U0OLIVIA>" in refused.reason
