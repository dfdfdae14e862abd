"""`/shoutout` text: any text gives a draft or a clear refusal, never an exception."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.recognition.parser import ParsedShoutout, ParseRefusal, parse_shoutout
from content.pack import load_pack

PACK = load_pack()


def find(words: str) -> str | None:
    behaviour = PACK.find_behaviour(words)
    return behaviour.key if behaviour else None


def parse(text: str) -> ParsedShoutout | ParseRefusal:
    return parse_shoutout(text, find)


user_ids = st.from_regex(r"U[A-Z0-9]{2,10}", fullmatch=True)
mentions = st.one_of(
    user_ids.map(lambda u: f"<@{u}>"),
    st.tuples(user_ids, st.text(max_size=10)).map(lambda t: f"<@{t[0]}|{t[1].replace('>', '')}>"),
)
slack_tokens = st.sampled_from(
    [
        "<!here>",
        "<!channel>",
        "<!everyone>",
        "<#C0TEAMA|team-a>",
        "<#C0TEAMA>",
        "<!subteam^S0SUP|@support>",
        "<",
        ">",
        "<@>",
        "<@U1|>",
        "@alice",
        ":zap:",
        "own-it",
        "Went the extra mile",
        "\n",
        "\t",
        "&lt;",
        "|",
    ]
)
words = st.one_of(st.text(max_size=20), mentions, slack_tokens)


@given(st.text())
def test_any_text_gives_a_draft_or_a_refusal(text: str) -> None:
    result = parse(text)

    assert isinstance(result, ParsedShoutout | ParseRefusal)
    if isinstance(result, ParseRefusal):
        assert result.reason
    else:
        assert result.behaviour_key is None or PACK.behaviour(result.behaviour_key) is not None


@given(st.lists(words, max_size=12))
def test_any_slack_like_text_gives_a_draft_or_a_refusal(parts: list[str]) -> None:
    result = parse(" ".join(parts))

    assert isinstance(result, ParsedShoutout | ParseRefusal)
    if isinstance(result, ParsedShoutout):
        assert all(r.startswith(("U", "W")) for r in result.recipients)
        assert len(set(result.recipients)) == len(result.recipients)


@given(st.lists(user_ids, min_size=1, max_size=5, unique=True), st.text(min_size=1).filter(lambda t: "<" not in t))
def test_leading_mentions_become_recipients_in_order(users: list[str], tail: str) -> None:
    text = " ".join(f"<@{u}|name>" for u in users) + " own-it " + tail

    result = parse(text)

    assert isinstance(result, ParsedShoutout)
    assert result.recipients == tuple(users)
    assert result.behaviour_key == "own-it"


@given(st.text(), st.sampled_from(["<!here>", "<!channel|channel>", "<!everyone>"]), st.text())
def test_broadcasts_anywhere_are_refused(before: str, broadcast: str, after: str) -> None:
    assert isinstance(parse(f"{before} {broadcast} {after}"), ParseRefusal)


def test_full_command_is_parsed() -> None:
    result = parse("<@U0BOB|bob> <@U0CAROL> own-it Stayed with them <@U0DAN|dan> too")

    assert result == ParsedShoutout(("U0BOB", "U0CAROL"), "own-it", "Stayed with them <@U0DAN> too")
    assert result.complete


def test_behaviour_by_multi_word_label_and_by_emoji() -> None:
    by_label = parse("<@U0BOB> went the extra mile for the Hendersons")
    by_emoji = parse("<@U0BOB> :zap: refund in minutes")

    assert isinstance(by_label, ParsedShoutout) and by_label.behaviour_key == "extra-mile"
    assert by_label.message == "for the Hendersons"
    assert isinstance(by_emoji, ParsedShoutout) and by_emoji.behaviour_key == "put-it-right"


def test_missing_parts_leave_an_incomplete_draft() -> None:
    assert parse("") == ParsedShoutout((), None, "")
    assert parse("<@U0BOB>") == ParsedShoutout(("U0BOB",), None, "")
    assert not parse("<@U0BOB> own-it").complete  # type: ignore[union-attr]
    assert parse("<@U0BOB> thanks a lot") == ParsedShoutout(("U0BOB",), None, "thanks a lot")


def test_user_groups_and_channels_are_refused_by_name() -> None:
    group = parse("<!subteam^S0SUP|@support> own-it thanks")
    channel = parse("<@U0BOB> own-it thanks <#C0TEAMA|team-a>")

    assert isinstance(group, ParseRefusal) and "@support" in group.reason and "user groups" in group.reason
    assert isinstance(channel, ParseRefusal) and "#team-a" in channel.reason


def test_unresolved_name_is_refused_with_how_to_pick_people() -> None:
    result = parse("@alice own-it thanks")

    assert isinstance(result, ParseRefusal) and "@alice" in result.reason
