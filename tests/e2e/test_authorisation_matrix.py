"""Who may do what, end to end: every privileged action, attempted by every role through the real app, is allowed or
refused exactly as the one matrix below says; a refusal is private and says whom to ask. `/cadence help` and the
App Home offer each person what the same matrix allows them."""

from __future__ import annotations

import json

import pytest

from bot.platform.timesource import ManualTime
from emulator import SlackEmulator
from tests.e2e import authorisation_actions, authorisation_admin_actions
from tests.e2e.authorisation_support import World, open_home
from tests.e2e.conftest import ADMIN, ALICE, CHAMPION, CHAMPIONS, DAN, ERIN, LEADER
from tests.support.bot import BotUnderTest

ROLES = ("employee", "champion in #champions", "champion not in #champions", "leader", "admin")
PEOPLE = dict(zip(ROLES, (ALICE, CHAMPION, DAN, LEADER, ADMIN), strict=True))
Y, n = True, False

# fmt: off
#                                                       employee  champion  champion  leader  admin
#                                                                 in #champ not in
MATRIX: dict[str, tuple[bool, bool, bool, bool, bool]] = {
    "/promise schedule":                                    (n,       n,        n,        Y,      Y),
    "submit the key-message composer":                      (n,       n,        n,        Y,      Y),
    "/promise list":                                        (n,       n,        n,        Y,      Y),
    "Pause on someone else's schedule":                     (n,       n,        n,        n,      Y),
    "Resume on someone else's schedule":                    (n,       n,        n,        n,      Y),
    "Edit on someone else's schedule":                      (n,       n,        n,        n,      Y),
    "Cancel on someone else's schedule":                    (n,       n,        n,        n,      Y),
    "/pulse new":                                           (n,       Y,        Y,        Y,      Y),
    "submit the new-pulse form":                            (n,       Y,        Y,        Y,      Y),
    "/pulse results":                                       (n,       Y,        Y,        Y,      Y),
    "/cadence digest setup":                                (n,       n,        n,        n,      Y),
    "submit the digest setup form":                         (n,       n,        n,        n,      Y),
    "/cadence digest now, typed in #champions":             (n,       Y,        n,        n,      Y),
    "/cadence digest now #champions, typed elsewhere":      (n,       Y,        n,        n,      Y),
    "Home: Post digest now for #champions":                 (n,       Y,        n,        n,      Y),
    "/cadence settings":                                    (n,       n,        n,        n,      Y),
    "/cadence set":                                         (n,       n,        n,        n,      Y),
    "/cadence reset":                                       (n,       n,        n,        n,      Y),
    "/cadence roles":                                       (n,       n,        n,        n,      Y),
    "/cadence role add":                                    (n,       n,        n,        n,      Y),
    "/cadence role remove":                                 (n,       n,        n,        n,      Y),
    "/cadence audit":                                       (n,       n,        n,        n,      Y),
    "audit log: Older":                                     (n,       n,        n,        n,      Y),
    "/cadence forget":                                      (n,       n,        n,        n,      Y),
    "forget: Confirm":                                      (n,       n,        n,        n,      Y),
    "/cadence content export":                              (n,       n,        n,        n,      Y),
    "/cadence content import":                              (n,       n,        n,        n,      Y),
    "a content pack shared in the DM with Cadence":         (n,       n,        n,        n,      Y),
    "/cadence teams":                                       (n,       n,        n,        n,      Y),
    "a teams file shared in the DM with Cadence":           (n,       n,        n,        n,      Y),
}
# fmt: on

ACTIONS = authorisation_actions.ATTEMPTS | authorisation_admin_actions.ATTEMPTS
HELP_LISTS = {
    "/promise schedule": "/promise schedule",
    "/promise list": "/promise list",
    "/pulse new": "/pulse new",
    "/pulse results": "/pulse results [latest|round]",
    "/cadence digest setup": "/cadence digest setup",
    "/cadence settings": "/cadence settings",
    "/cadence roles": "/cadence roles",
    "/cadence audit": "/cadence audit",
    "/cadence content export": "/cadence content export|import",
    "/cadence forget": "/cadence forget @person",
    "/cadence teams": "/cadence teams",
}
"""The `/cadence help` line of each action whose rule is a role alone (whether a champion may post a digest also
depends on the channel, so help lists `/cadence digest now` to every champion)."""


@pytest.fixture
def env_overrides() -> dict[str, str]:
    """A second champion, outside #champions, and a second leader whose schedules are someone else's to the rest."""
    return {"CADENCE_CHAMPIONS": f"{CHAMPION},{DAN}", "CADENCE_LEADERS": f"{LEADER},{ERIN}"}


def allowed(name: str) -> dict[str, bool]:
    return dict(zip(ROLES, MATRIX[name], strict=True))


def test_every_privileged_action_is_in_the_matrix() -> None:
    assert set(MATRIX) == set(ACTIONS)


@pytest.mark.parametrize("name", list(MATRIX))
def test_each_role_is_allowed_or_refused_as_the_matrix_says(
    name: str, bot: BotUnderTest, slack: SlackEmulator, clock: ManualTime
) -> None:
    world = World(bot, slack, clock)
    for role, expected in allowed(name).items():
        seen = ACTIONS[name](world, PEOPLE[role])
        if expected:
            assert seen.took_effect and not seen.refusal, (role, seen)
        else:
            assert not seen.took_effect, (role, "took effect though the matrix refuses it")
            assert "Only" in seen.refusal and "<@" in seen.refusal, (role, "no private reason naming whom to ask", seen)


@pytest.mark.parametrize("role", ROLES)
def test_help_and_home_offer_what_the_matrix_allows(role: str, bot: BotUnderTest, slack: SlackEmulator) -> None:
    person = PEOPLE[role]
    listed = bot.command(person, "/cadence", "help").text
    home = json.dumps(open_home(bot, slack, person)["blocks"])

    for name, usage in HELP_LISTS.items():
        assert (f"`{usage}`" in listed) is allowed(name)[role], (name, usage)
    posts_here = f'"value": "{CHAMPIONS}"' in home and "home_digest_now" in home
    assert posts_here is allowed("Home: Post digest now for #champions")[role]
    assert ("key message schedules" in home.lower()) is allowed("/promise list")[role]
    assert ("Programme settings" in home) is allowed("/cadence settings")[role]
