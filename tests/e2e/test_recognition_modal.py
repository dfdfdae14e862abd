"""The shout-out modal end to end: from the bare command and from "Recognise this", its field errors, double
submission, and what happens when Slack will not open it."""

from __future__ import annotations

from sqlmodel import select

from emulator import Fault, SlackEmulator
from emulator.signing import interactive_body, signed_headers
from storage import recognition as store
from storage.models import Shoutout
from tests.e2e.conftest import ALICE, BOB, CAROL, GENERAL, GONE, RECOGNITION
from tests.e2e.recognition_support import post_as, shortcut_message
from tests.support.bot import BotUnderTest

FILLED = {"recipients": [BOB, CAROL], "behaviour": "closed-the-loop", "message": "Called the customer back"}


def open_form(bot: BotUnderTest, slack: SlackEmulator, user: str = ALICE) -> dict:
    bot.command(user, "/shoutout", "")
    return slack.opened_views(user)[-1]


def shoutouts(bot: BotUnderTest) -> list[Shoutout]:
    with bot.runtime.session() as session:
        return list(session.exec(select(Shoutout)))


def test_submitting_the_modal_gives_the_shoutout(bot: BotUnderTest, slack: SlackEmulator) -> None:
    reply = bot.submit(ALICE, open_form(bot, slack), FILLED)

    assert reply.json["response_action"] == "update"
    assert "is saved" in reply.json["view"]["blocks"][0]["text"]["text"]
    [post] = slack.messages(RECOGNITION)
    assert "Listened and closed the loop" in post.blocks[0]["text"]["text"]
    assert len(slack.dms_to(BOB)) == 1 and len(slack.dms_to(CAROL)) == 1


def test_modal_errors_name_the_field_to_change(bot: BotUnderTest, slack: SlackEmulator) -> None:
    view = open_form(bot, slack)

    cases = [
        ({**FILLED, "recipients": []}, "recipients", "at least one colleague"),
        ({**FILLED, "recipients": [ALICE]}, "recipients", "can't give yourself"),
        ({**FILLED, "recipients": [GONE]}, "recipients", "deactivated"),
        ({**FILLED, "behaviour": None}, "behaviour", "Choose the behaviour"),
        ({**FILLED, "message": "   "}, "message", "Say in a few words"),
    ]
    for values, field, words in cases:
        reply = bot.submit(ALICE, view, values)
        assert reply.json["response_action"] == "errors"
        assert words in reply.json["errors"][field], (field, reply.json)
    assert shoutouts(bot) == [] and slack.messages(RECOGNITION) == []


def test_double_submission_stores_and_celebrates_once(bot: BotUnderTest, slack: SlackEmulator) -> None:
    view = open_form(bot, slack)

    first = bot.submit(ALICE, view, FILLED)
    second = bot.submit(ALICE, view, FILLED)
    bot.tick()

    assert first.json["response_action"] == second.json["response_action"] == "update"
    assert len(shoutouts(bot)) == 1
    assert len(slack.messages(RECOGNITION)) == 1 and len(slack.dms_to(BOB)) == 1


def test_recognise_this_prefills_the_author_and_links_the_message(bot: BotUnderTest, slack: SlackEmulator) -> None:
    message = post_as(slack, BOB, GENERAL, "Refund done, customer called back")

    bot.shortcut(ALICE, "recognise_message", shortcut_message(message), GENERAL)
    [view] = slack.opened_views(ALICE)
    recipients = next(b for b in view["blocks"] if b.get("block_id") == "recipients")
    assert recipients["element"]["initial_users"] == [BOB]
    assert "this message" in view["blocks"][0]["elements"][0]["text"]

    bot.submit(ALICE, view, {"recipients": [BOB], "behaviour": "own-it", "message": "Saw it through"})

    [post] = slack.messages(RECOGNITION)
    permalink = slack.calls_to("chat.getPermalink")[0].response["permalink"]
    assert f"<{permalink}|See what they were recognised for>" in str(post.blocks)
    with bot.runtime.session() as session:
        row = store.by_request_key(session, shoutouts(bot)[0].request_key)
        assert row is not None and row.source == "shortcut" and row.link == permalink


def test_recognise_this_still_opens_the_form_when_the_permalink_fails(bot: BotUnderTest, slack: SlackEmulator) -> None:
    message = post_as(slack, BOB, GENERAL, "Done")
    slack.faults.add(Fault.server_error("chat.getPermalink"))

    bot.shortcut(ALICE, "recognise_message", shortcut_message(message), GENERAL)
    bot.submit(ALICE, slack.opened_views(ALICE)[-1], {"recipients": [BOB], "behaviour": "own-it", "message": "Thanks"})

    [post] = slack.messages(RECOGNITION)
    assert f"<#{GENERAL}>" in str(post.blocks)


def test_form_that_slack_will_not_open_is_reported_privately(bot: BotUnderTest, slack: SlackEmulator) -> None:
    slack.faults.add(Fault.error("views.open", "internal_error"))
    bot.command(ALICE, "/shoutout", "")
    assert "couldn't open the shout-out form" in slack.ephemerals(user=ALICE)[-1].text

    message = post_as(slack, BOB, GENERAL, "Done")
    slack.faults.add(Fault.server_error("views.open"))
    bot.shortcut(ALICE, "recognise_message", shortcut_message(message), GENERAL)
    assert "couldn't open the shout-out form" in slack.ephemerals(user=ALICE)[-1].text
    assert shoutouts(bot) == []


def test_a_response_url_that_is_no_web_address_gets_a_private_answer_instead(
    bot: BotUnderTest, slack: SlackEmulator
) -> None:
    """A signed request whose response URL is junk: Cadence answers by ephemeral message rather than fetching it."""
    message = post_as(slack, BOB, GENERAL, "Done")
    slack.faults.add(Fault.server_error("views.open"))
    payload = {
        "type": "message_action",
        "callback_id": "recognise_message",
        "user": {"id": ALICE, "username": "alice"},
        "channel": {"id": GENERAL},
        "message": shortcut_message(message),
        "trigger_id": slack.new_trigger_id(ALICE),
        "response_url": "0",
    }
    body = interactive_body(payload)

    reply = bot.post(body, signed_headers(bot.secret, body, content_type="application/x-www-form-urlencoded"))

    assert reply.status == 200
    assert "couldn't open the shout-out form" in slack.ephemerals(user=ALICE)[-1].text
    assert shoutouts(bot) == []
