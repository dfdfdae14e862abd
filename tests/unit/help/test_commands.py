from bot.help.commands import CATALOGUE, commands_for
from bot.platform.roles import Actor, Role


def actor(*roles: Role) -> Actor:
    return Actor("U0SOMEONE", frozenset({Role.EMPLOYEE, *roles}), programme_owner="U0OWNER")


def test_an_employee_sees_only_everyones_commands() -> None:
    usages = [c.usage for c in commands_for(actor())]

    assert "/cadence help" in usages and "/pulse" in usages
    assert "/cadence settings" not in usages
    assert "/promise schedule" not in usages and "/cadence digest now [#channel]" not in usages


def test_help_lists_a_command_exactly_when_its_policy_allows_it() -> None:
    for held in ((), (Role.CHAMPION,), (Role.LEADER,), (Role.ADMIN,)):
        person = actor(*held)
        listed = {c.usage for c in commands_for(person)}

        assert listed == {c.usage for c in CATALOGUE if c.allows(person).allowed}, held


def test_a_command_open_to_several_roles_is_listed_once_under_the_first_held() -> None:
    held = actor(Role.CHAMPION, Role.ADMIN)
    pulses = [c for c in commands_for(held) if c.usage.startswith("/pulse new")]

    assert len(pulses) == 1
    assert pulses[0].section(held.roles) is Role.CHAMPION
    assert pulses[0].section({Role.EMPLOYEE, Role.LEADER}) is Role.LEADER


def test_commands_come_grouped_from_everyones_to_the_admins() -> None:
    everything = actor(*Role)
    order = [list(Role).index(c.section(everything.roles)) for c in commands_for(everything)]

    assert order == sorted(order)
    assert len(commands_for(everything)) == len(CATALOGUE)


def test_one_commands_help_lists_only_that_command_as_the_policies_allow() -> None:
    employee = [c.usage for c in commands_for(actor(), "/pulse")]
    leader = [c.usage for c in commands_for(actor(Role.LEADER), "/pulse")]

    assert employee == ["/pulse"]
    assert leader == ["/pulse", "/pulse new", "/pulse results [latest|round]", "/pulse close [latest|round]"]
    assert [c.usage for c in commands_for(actor(), "/shoutout")] == [
        "/shoutout @who behaviour message",
        "/shoutout",
        "/shoutout stats",
    ]


def test_every_refusal_of_a_listed_command_names_the_programme_owner_to_ask() -> None:
    for held in ((), (Role.CHAMPION,), (Role.LEADER,)):
        person = actor(*held)
        for command in CATALOGUE:
            decision = command.allows(person)
            assert decision.allowed or "<@U0OWNER>" in decision.reason, (command.usage, held)
