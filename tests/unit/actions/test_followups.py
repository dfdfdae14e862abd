import pytest

from bot.actions.followups import as_clause, followed_up, followup_id
from content.pack import FollowUp, load_pack


@pytest.mark.parametrize(
    ("typed", "clause"),
    [
        ("Let people refund up to £50.", "let people refund up to £50"),
        ("NPS huddles every Friday", "NPS huddles every Friday"),
        ("  call back within a day ", "call back within a day"),
    ],
)
def test_the_action_reads_as_what_we_did(typed: str, clause: str) -> None:
    assert as_clause(typed) == clause


def test_the_question_bank_words_the_follow_up_with_the_date_and_the_action() -> None:
    question = load_pack().followup.question("followup-7", since="23 November", action="let people refund")

    assert question.text == "Since 23 November we let people refund: has it made a difference?"
    assert question.dimension == "followup" and question.id == "followup-7"
    assert question.choices[0] == (1, "None at all")


def test_a_pack_without_a_follow_up_uses_the_standard_wording() -> None:
    assert FollowUp().text == "Since {date} we {action}: has it made a difference?"


@pytest.mark.parametrize("question_id", ["followup-", "followup-x7", "followup-99999999999", "empower-fix", "7"])
def test_only_a_follow_up_id_names_an_action(question_id: str) -> None:
    assert followed_up(question_id) is None


def test_a_follow_up_id_names_the_action_it_was_made_for() -> None:
    assert followed_up(followup_id(7)) == 7
