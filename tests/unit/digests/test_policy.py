from bot.digests.policy import may_post_digest, may_post_digests, may_set_up_digests
from bot.platform.roles import Actor, Role

CHANNEL = "C0CHAMPS"


def person(*roles: Role, user_id: str = "U0CARA") -> Actor:
    return Actor(user_id, frozenset({Role.EMPLOYEE, *roles}), programme_owner="U0OWNER")


def test_a_champion_posts_the_digest_of_a_champions_channel_they_are_in() -> None:
    assert may_post_digest(person(Role.CHAMPION), channel=CHANNEL, members={"U0CARA", "U0LEO"}).allowed


def test_a_champion_outside_the_channel_is_refused_and_told_whom_to_ask() -> None:
    refused = may_post_digest(person(Role.CHAMPION), channel=CHANNEL, members={"U0LEO"})

    assert not refused.allowed
    assert f"<#{CHANNEL}>" in refused.reason and "<@U0OWNER>" in refused.reason


def test_an_admin_posts_any_channels_digest_even_when_slack_cannot_say_who_is_in_it() -> None:
    assert may_post_digest(person(Role.ADMIN), channel=CHANNEL, members=set()).allowed
    assert may_post_digest(person(Role.ADMIN), channel=CHANNEL, members=None).allowed


def test_a_champion_is_refused_when_membership_cannot_be_checked() -> None:
    refused = may_post_digest(person(Role.CHAMPION), channel=CHANNEL, members=None)

    assert not refused.allowed and "Try again" in refused.reason


def test_someone_in_the_channel_without_the_champion_role_is_refused() -> None:
    refused = may_post_digest(person(Role.LEADER), channel=CHANNEL, members={"U0CARA"})

    assert not refused.allowed and "Only change champions and admins" in refused.reason
    assert not may_post_digests(person(Role.LEADER)).allowed and may_post_digests(person(Role.CHAMPION)).allowed


def test_only_admins_set_up_digests() -> None:
    assert may_set_up_digests(person(Role.ADMIN)).allowed
    refused = may_set_up_digests(person(Role.CHAMPION))
    assert not refused.allowed and "Only Cadence admins" in refused.reason
