"""A Slack user object as a Person: what events and the Web API say, read without trusting its shape."""

from __future__ import annotations

from typing import Any

import pytest

from bot.platform.people import person_from_slack


def test_a_user_object_reads_as_the_person_it_describes() -> None:
    user = {"id": "U0ALICE", "name": "alice", "profile": {"real_name": "Alice Ng"}, "tz": "Europe/London"}

    person = person_from_slack(user)

    assert (person.id, person.display_name, person.zone.key, person.reachable) == (
        "U0ALICE",
        "Alice Ng",
        "Europe/London",
        True,
    )


@pytest.mark.parametrize(
    "user",
    [
        {"id": "U0ALICE", "profile": "not an object", "real_name": 7, "tz": ["UTC"]},
        {"id": "U0ALICE", "tz": "Not/AZone", "name": None},
        {"id": "U0ALICE", "tz": "../../etc/passwd"},
    ],
)
def test_fields_of_another_shape_read_as_empty_and_an_unknown_zone_as_utc(user: dict[str, Any]) -> None:
    person = person_from_slack(user)

    assert (person.display_name, person.zone.key, person.reachable) == ("U0ALICE", "UTC", True)


def test_only_a_true_flag_makes_a_bot_or_a_deactivated_account() -> None:
    assert person_from_slack({"id": "U0ALICE", "is_bot": "false", "deleted": "no"}).reachable
    assert not person_from_slack({"id": "U0ALICE", "deleted": True}).reachable
    assert not person_from_slack({"id": "USLACKBOT"}).reachable
