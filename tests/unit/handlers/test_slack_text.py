from handlers.slack_text import ids_in, plain_ids


def test_every_escaped_mention_becomes_its_id_in_order() -> None:
    text = "<@U123|alice> and <#C999|kudos> with <!subteam^S42|@support> and <@W7>"

    assert ids_in(text) == ["U123", "C999", "S42", "W7"]


def test_plain_ids_replaces_mentions_and_keeps_other_text() -> None:
    assert plain_ids(" <#C999|kudos> ") == "C999"
    assert plain_ids("Europe/London") == "Europe/London"


def test_broadcasts_and_malformed_mentions_are_not_ids() -> None:
    assert ids_in("<!here> <!channel> <@alice> <#general>") == []
