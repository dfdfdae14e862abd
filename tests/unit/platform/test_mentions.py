import pytest

from bot.platform.mentions import (
    Kind,
    Mention,
    channel_id_of,
    group_id_of,
    ids_in,
    is_channel_id,
    is_handle,
    is_user_id,
    listed,
    mention,
    mentions_in,
    plain_ids,
    user_id_of,
    without_names,
)


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("<@U123>", Mention(Kind.USER, "U123", "", "<@U123>")),
        ("<@U123|alice>", Mention(Kind.USER, "U123", "alice", "<@U123|alice>")),
        ("<@W7>", Mention(Kind.USER, "W7", "", "<@W7>")),
        ("<!subteam^S42>", Mention(Kind.GROUP, "S42", "", "<!subteam^S42>")),
        ("<!subteam^S42|@support>", Mention(Kind.GROUP, "S42", "@support", "<!subteam^S42|@support>")),
        ("<#C999|kudos>", Mention(Kind.CHANNEL, "C999", "kudos", "<#C999|kudos>")),
        ("<#G1>", Mention(Kind.CHANNEL, "G1", "", "<#G1>")),
        ("<!here>", Mention(Kind.BROADCAST, "here", "", "<!here>")),
        ("<!channel|channel>", Mention(Kind.BROADCAST, "channel", "channel", "<!channel|channel>")),
        ("<!everyone>", Mention(Kind.BROADCAST, "everyone", "", "<!everyone>")),
    ],
)
def test_every_mention_form_is_read(token: str, expected: Mention) -> None:
    assert mention(token) == expected


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "@alice",
        "<@alice>",
        "<#general>",
        "<!subteam^X42>",
        "<!subteam^>",
        "<@u123>",
        "<@U123",
        "@U123>",
        "<<@U123>>",
        "<@U123> ",
        "<https://example.com|a link>",
        "<!date^1392734382^{date}|Feb 18>",
        "<@U" + "1" * 40 + ">",
    ],
)
def test_junk_is_no_mention_and_names_nobody(junk: str) -> None:
    assert mention(junk) is None
    assert user_id_of(junk) is None
    assert group_id_of(junk) is None and channel_id_of(junk) is None


def test_every_escaped_mention_becomes_its_id_in_order() -> None:
    text = "<@U123|alice> and <#C999|kudos> with <!subteam^S42|@support> and <@W7> <!here>"

    assert ids_in(text) == ["U123", "C999", "S42", "W7"]
    assert [m.kind for m in mentions_in(text)] == [Kind.USER, Kind.CHANNEL, Kind.GROUP, Kind.USER, Kind.BROADCAST]


def test_plain_ids_replaces_mentions_and_keeps_other_text() -> None:
    assert plain_ids(" <#C999|kudos> ") == "C999"
    assert plain_ids("set <@U1|ann> <!subteam^S9|@ops> <!here>") == "set U1 S9 <!here>"
    assert plain_ids("Europe/London <https://x.test>") == "Europe/London <https://x.test>"


def test_broadcasts_and_malformed_mentions_are_not_ids() -> None:
    assert ids_in("<!here> <!channel> <@alice> <#general>") == []


def test_without_names_drops_only_peoples_typed_names() -> None:
    assert without_names("thanks <@U1|ann> in <#C1|kudos> ") == "thanks <@U1> in <#C1|kudos>"


def test_a_token_names_a_person_group_or_channel_as_mention_or_bare_id() -> None:
    assert user_id_of("<@U123|alice>") == "U123" and user_id_of("W123") == "W123"
    assert group_id_of("<!subteam^S42|@support>") == "S42" and group_id_of("S42") == "S42"
    assert channel_id_of("<#C999|kudos>") == "C999" and channel_id_of("G999") == "G999"
    assert user_id_of("<#C999>") is None and group_id_of("<@U123>") is None and channel_id_of("S42") is None


def test_a_bare_id_needs_two_characters_after_its_letter() -> None:
    """So a word such as a country code is never read as an id."""
    assert not is_user_id("US") and not is_user_id("U") and is_user_id("U12")
    assert group_id_of("S1") is None and not is_channel_id("CA")
    assert not is_user_id("u123") and not is_user_id("U12-3") and not is_user_id("U" + "1" * 40)


def test_a_typed_handle_is_told_apart_from_a_mention() -> None:
    assert is_handle("@support") and is_handle("@sales.emea-team")
    assert not is_handle("support") and not is_handle("<!subteam^S42>") and not is_handle("@")


def test_a_listing_field_splits_on_commas_and_spaces() -> None:
    assert listed(" S0A, @ops\n<!subteam^S0B|@b>,,S0C ") == ["S0A", "@ops", "<!subteam^S0B|@b>", "S0C"]
    assert listed(" , ") == []
