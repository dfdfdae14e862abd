from bot.keymessages.policy import may_change_schedule, may_schedule, may_see_every_schedule
from bot.platform.roles import Actor, Role

OWNER = "U0OWNER"


def person(*roles: Role, user_id: str = "U0SOMEONE") -> Actor:
    return Actor(user_id, frozenset({Role.EMPLOYEE, *roles}), programme_owner=OWNER)


def test_leaders_and_admins_schedule_and_others_are_told_whom_to_ask() -> None:
    assert may_schedule(person(Role.LEADER)).allowed and may_schedule(person(Role.ADMIN)).allowed

    refused = may_schedule(person(Role.CHAMPION))
    assert not refused.allowed
    assert "Only leaders and programme admins" in refused.reason and f"<@{OWNER}>" in refused.reason


def test_a_schedule_is_changed_by_its_owner_or_an_admin_only() -> None:
    assert may_change_schedule(person(user_id="U0LEO"), "U0LEO").allowed
    assert may_change_schedule(person(Role.ADMIN), "U0LEO").allowed

    refused = may_change_schedule(person(Role.LEADER), "U0LEO")
    assert not refused.allowed and "<@U0LEO>" in refused.reason


def test_only_admins_see_everyones_schedules() -> None:
    assert may_see_every_schedule(person(Role.ADMIN)).allowed
    assert not may_see_every_schedule(person(Role.LEADER)).allowed
