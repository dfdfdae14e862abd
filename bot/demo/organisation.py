"""The demo's fictional organisation, as a Slack workspace: a programme owner, a leader, two change champions and
front-line people in three teams across time zones, with the channels and user groups Cadence works with.

Everything is drawn from `seed`, so the same seed always gives the same people with the same names and ids.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from emulator.workspace import Workspace

BOT_TOKEN = "xoxb-demo-token"
TEAM_ID = "T0NORTHWIND"
GENERAL, RECOGNITION, CHAMPIONS = "C0GENERAL", "C0KUDOS", "C0CHAMPIONS"
CHAMPIONS_GROUP, FRONTLINE_GROUP = "S0CHAMPIONS", "S0FRONTLINE"
MIN_PEOPLE = 12
ORG_TIMEZONE = "Europe/London"

TEAMS = (
    ("C0CARELDN", "care-london", "Europe/London"),
    ("C0CARETOR", "care-toronto", "America/Toronto"),
    ("C0CAREMNL", "care-manila", "Asia/Manila"),
)
FIRST_NAMES = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Farah",
    "Gus",
    "Hana",
    "Ivan",
    "Jia",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Xavier",
    "Yara",
    "Zane",
    "Aisha",
    "Bruno",
    "Carmen",
    "Diego",
    "Esme",
    "Felix",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kaia",
    "Luis",
    "Maya",
    "Noor",
    "Otto",
    "Paloma",
    "Rafael",
    "Sofia",
    "Theo",
    "Valeria",
    "Will",
    "Yusuf",
    "Zoe",
]
LAST_NAMES = [
    "Adeyemi",
    "Bauer",
    "Castro",
    "Dubois",
    "Eriksen",
    "Fernandes",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Mensah",
    "Novak",
    "Okafor",
    "Patel",
    "Quispe",
    "Rossi",
    "Santos",
    "Tanaka",
    "Urban",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhou",
    "Abara",
    "Bianchi",
    "Cruz",
    "Dias",
    "Evans",
    "Fischer",
    "Gomez",
    "Horvat",
    "Ibrahim",
    "Jovanovic",
    "Kim",
    "Larsen",
    "Moreau",
    "Nakamura",
]


@dataclass(frozen=True)
class Team:
    channel: str
    name: str
    zone: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Organisation:
    workspace: Workspace
    owner: str
    leader: str
    champions: tuple[str, str]
    teams: tuple[Team, ...]

    @property
    def frontline(self) -> tuple[str, ...]:
        return tuple(p for team in self.teams for p in team.members)

    @property
    def everyone(self) -> tuple[str, ...]:
        return (self.owner, self.leader, *self.frontline)

    def team_of(self, user_id: str) -> Team:
        return next(team for team in self.teams if user_id in team.members)

    def name(self, user_id: str) -> str:
        return self.workspace.users[user_id].real_name


def build_organisation(seed: int, people: int) -> Organisation:
    """`people` in all: the owner, the leader, and the rest front-line, shared out over the three teams."""
    if people < MIN_PEOPLE:
        raise ValueError(f"the demo needs at least {MIN_PEOPLE} people")
    rng = random.Random(seed)
    names = _names(rng, people)
    ws = Workspace(team_id=TEAM_ID, team_name="Northwind", bot_user_id="U0CADENCE", bot_token=BOT_TOKEN)
    owner, leader = "U0OWNER", "U0LEADER"
    _add_person(ws, owner, names[0], ORG_TIMEZONE, is_admin=True)
    _add_person(ws, leader, names[1], ORG_TIMEZONE)
    teams = []
    for index, (channel, name, zone) in enumerate(TEAMS):
        members = tuple(f"U0P{n:03d}" for n in range(index, people - 2, len(TEAMS)))
        for member in members:
            _add_person(ws, member, names[2 + int(member[3:])], zone)
        ws.add_channel(channel, name=name, members=list(members), bot_is_member=False)
        teams.append(Team(channel, name, zone, members))
    champions = (teams[0].members[0], teams[1].members[0])
    org = Organisation(ws, owner, leader, champions, tuple(teams))
    everyone = list(org.everyone)
    ws.add_channel(GENERAL, name="general", members=everyone)
    ws.add_channel(RECOGNITION, name="kudos", members=everyone)
    ws.add_channel(CHAMPIONS, name="champions", members=[owner, leader, *champions])
    ws.add_usergroup(CHAMPIONS_GROUP, handle="change-champions", users=list(champions))
    ws.add_usergroup(FRONTLINE_GROUP, handle="front-line", users=list(org.frontline))
    return org


def _names(rng: random.Random, count: int) -> list[str]:
    firsts = rng.sample(FIRST_NAMES, len(FIRST_NAMES))
    lasts = rng.sample(LAST_NAMES, len(LAST_NAMES))
    return [f"{firsts[i % len(firsts)]} {lasts[(i * 7 + i // len(lasts)) % len(lasts)]}" for i in range(count)]


def _add_person(ws: Workspace, user_id: str, full_name: str, zone: str, *, is_admin: bool = False) -> None:
    handle = full_name.lower().replace(" ", ".")
    ws.add_user(user_id, name=handle, real_name=full_name, tz=zone, is_admin=is_admin)
