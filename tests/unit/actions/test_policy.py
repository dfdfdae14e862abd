from bot.actions.policy import may_list_actions, may_take_on, may_update_status
from bot.platform.roles import Actor, Role

CHANNEL = "C0CHAMPS"


def person(*roles: Role, user_id: str = "U0CARA") -> Actor:
    return Actor(user_id, frozenset({Role.EMPLOYEE, *roles}), programme_owner="U0OWNER")


def test_a_champion_in_the_digest_channel_takes_an_action_on() -> None:
    assert may_take_on(person(Role.CHAMPION), channel=CHANNEL, members={"U0CARA"}).allowed


def test_a_champion_of_another_channel_is_refused_and_told_whom_to_ask() -> None:
    refused = may_take_on(person(Role.CHAMPION), channel=CHANNEL, members={"U0LEO"})

    assert not refused.allowed and f"<#{CHANNEL}>" in refused.reason and "<@U0OWNER>" in refused.reason


def test_a_member_without_the_champion_role_is_refused() -> None:
    refused = may_take_on(person(Role.LEADER), channel=CHANNEL, members={"U0CARA"})

    assert not refused.allowed and "Only change champions and admins" in refused.reason
    assert not may_list_actions(person()).allowed


def test_an_admin_may_whoever_is_in_the_channel_and_a_champion_waits_when_slack_cannot_say() -> None:
    assert may_take_on(person(Role.ADMIN), channel=CHANNEL, members=None).allowed
    unknown = may_take_on(person(Role.CHAMPION), channel=CHANNEL, members=None)
    assert not unknown.allowed and "Try again" in unknown.reason


def test_only_the_owner_changes_an_actions_status_not_even_an_admin() -> None:
    assert may_update_status(person(user_id="U0BOB"), owner="U0BOB").allowed
    refused = may_update_status(person(Role.ADMIN), owner="U0BOB")
    assert not refused.allowed and "<@U0BOB>" in refused.reason
