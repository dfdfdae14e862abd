from bot.help.commands import CATALOGUE, commands_for
from bot.platform.roles import Role


def test_an_employee_sees_only_everyones_commands() -> None:
    usages = [c.usage for c in commands_for({Role.EMPLOYEE})]

    assert "/cadence help" in usages
    assert all(Role.EMPLOYEE in c.roles for c in commands_for({Role.EMPLOYEE}))
    assert "/cadence settings" not in usages


def test_a_command_open_to_several_roles_is_listed_once_under_the_first_held() -> None:
    held = {Role.EMPLOYEE, Role.CHAMPION, Role.ADMIN}
    pulses = [c for c in commands_for(held) if c.usage.startswith("/pulse new")]

    assert len(pulses) == 1
    assert pulses[0].section(held) is Role.CHAMPION
    assert pulses[0].section({Role.EMPLOYEE, Role.LEADER}) is Role.LEADER


def test_commands_come_grouped_from_everyones_to_the_admins() -> None:
    held = set(Role)
    order = [list(Role).index(c.section(held)) for c in commands_for(held)]

    assert order == sorted(order)
    assert len(commands_for(held)) == len(CATALOGUE)
