"""How deliveries are named: a stable key, a kind, and the record each is about."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.platform.outbox import keys
from bot.platform.outbox.keys import DeliveryKey, DeliveryKind, Selection

NOW = datetime(2026, 12, 1, 9, 30, 15, tzinfo=UTC)


def test_keys_keep_the_spelling_deliveries_queued_before_were_given() -> None:
    # A delivery queued by an older Cadence must be found again under the same key, or it would be sent twice.
    assert keys.key_message(12, "20261130T0900", "U1").key == "keymsg:12:20261130T0900:U1"
    assert keys.pulse_invite(3, "U1").key == "pulse:3:U1"
    assert keys.pulse_reminder(3, "U1").key == "pulse-reminder:3:U1"
    assert keys.shoutout_post(5).key == "shoutout:5:channel"
    assert keys.shoutout_dm(5, "U2").key == "shoutout:5:dm:U2"
    assert keys.weekly_digest("C1", "2026-W49").key == "digest:C1:2026-W49"
    assert keys.digest_now("C1", NOW).key == f"digest-now:C1:{NOW.timestamp():.0f}"
    assert keys.key_messages_missed(12, "20261130T0900", "20261201T0900").key == (
        "keymsg-missed:12:20261130T0900:20261201T0900"
    )
    assert keys.schedules_handed_over("U9", [4, 7, 9]).key == "keymsg-handover:U9:4-9:3"


def about(key: DeliveryKey) -> tuple[DeliveryKind, int | None, str | None]:
    return key.kind, key.ref_id, key.ref


def test_each_delivery_names_its_kind_and_the_record_it_is_about() -> None:
    assert keys.key_message(12, "20261130T0900", "U1") == DeliveryKey(
        "keymsg:12:20261130T0900:U1", DeliveryKind.KEY_MESSAGE, 12, "20261130T0900"
    )
    assert about(keys.pulse_invite(3, "U1")) == (DeliveryKind.PULSE_INVITE, 3, None)
    assert about(keys.pulse_reminder(3, "U1")) == (DeliveryKind.PULSE_REMINDER, 3, None)
    assert about(keys.shoutout_post(5)) == (DeliveryKind.SHOUTOUT_POST, 5, None)
    assert about(keys.shoutout_dm(5, "U2")) == (DeliveryKind.SHOUTOUT_DM, 5, None)
    assert about(keys.weekly_digest("C1", "2026-W49")) == (DeliveryKind.DIGEST, None, "2026-W49")
    assert about(keys.key_message_preview(12, "U1", NOW)) == (DeliveryKind.KEY_MESSAGE_PREVIEW, 12, None)
    assert about(keys.failure_notice("shoutout:5:channel", 41)) == (DeliveryKind.NOTICE, 41, None)


def test_selections_cover_a_record_s_deliveries_and_no_one_else_s() -> None:
    assert keys.key_messages_of(12) == Selection((DeliveryKind.KEY_MESSAGE,), 12)
    assert keys.key_messages_of(12, "20261130T0900") == Selection((DeliveryKind.KEY_MESSAGE,), 12, "20261130T0900")
    assert keys.pulses_of(3) == Selection((DeliveryKind.PULSE_INVITE, DeliveryKind.PULSE_REMINDER), 3)
    assert keys.shoutout_deliveries(5) == Selection((DeliveryKind.SHOUTOUT_POST, DeliveryKind.SHOUTOUT_DM), 5)


def test_a_missed_week_holds_the_week_s_key_so_it_is_never_sent_late() -> None:
    missed = keys.digest_missed("C1", "2026-W49")

    assert missed.key == keys.weekly_digest("C1", "2026-W49").key
    assert (missed.kind, missed.ref) == (DeliveryKind.DIGEST_MISSED, "2026-W49")


def test_a_chart_follows_its_digest_under_a_key_of_its_own() -> None:
    weekly, now = keys.weekly_digest("C1", "2026-W49"), keys.digest_now("C1", NOW)

    charts = [keys.digest_chart(weekly), keys.digest_chart(now)]

    assert [c.key for c in charts] == ["digest-chart:C1:2026-W49", f"digest-chart:C1:{NOW.timestamp():.0f}"]
    assert {c.kind for c in charts} == {DeliveryKind.DIGEST_CHART}
    assert charts[0].ref == weekly.ref and charts[1].ref == now.ref == "20261201T093015"


def test_long_keys_are_cut_to_what_the_column_holds_and_different_notes_stay_apart() -> None:
    request = "modal:" + "v" * 300

    first, second = keys.shoutout_note(request, "aaaa"), keys.shoutout_note("modal:V1", "bbbb")

    assert len(first.key) == keys.MAX_KEY
    assert second.key == "shoutout-note:modal:V1:bbbb" != keys.shoutout_note("modal:V1", "cccc").key
    assert len(keys.failure_notice("x" * 300, 1).key) == keys.MAX_KEY


def test_kinds_fit_their_column() -> None:
    assert all(len(kind) <= 40 for kind in DeliveryKind)
    assert len(set(DeliveryKind)) == len(list(DeliveryKind))
