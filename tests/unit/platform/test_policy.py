from bot.platform.policy import ALLOWED, anyone, refuse, who_to_ask
from bot.platform.roles import Actor, Role

EMPLOYEE = frozenset({Role.EMPLOYEE})


def test_a_refusal_sends_the_person_to_the_programme_owner() -> None:
    assert who_to_ask(Actor("U0ALICE", EMPLOYEE, programme_owner="U0OLIVIA")) == "<@U0OLIVIA>, the programme owner"


def test_without_an_owner_or_for_the_owner_themselves_it_names_the_admins() -> None:
    assert who_to_ask(Actor("U0ALICE", EMPLOYEE)) == "a programme admin"
    assert who_to_ask(Actor("U0OLIVIA", EMPLOYEE, programme_owner="U0OLIVIA")) == "a programme admin"


def test_everyone_is_allowed_what_anyone_may_do_and_a_refusal_carries_its_reason() -> None:
    assert anyone(Actor("U0ALICE", EMPLOYEE)) == ALLOWED and ALLOWED.reason == ""
    refused = refuse("Ask someone.")
    assert not refused.allowed and refused.reason == "Ask someone."
