"""The answer token: a keyed pseudonym, stable within a round, different across rounds, useless without the key."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from bot.pulses.campaigns import PulsesOff, answer_token


def test_the_same_person_in_the_same_round_gets_the_same_token() -> None:
    assert answer_token("k", 7, "U1") == answer_token("k", 7, "U1")


def test_tokens_differ_across_rounds_people_and_keys() -> None:
    tokens = {
        answer_token("k", 7, "U1"),
        answer_token("k", 8, "U1"),
        answer_token("k", 7, "U2"),
        answer_token("j", 7, "U1"),
    }
    assert len(tokens) == 4


def test_the_token_is_hmac_sha256_of_round_and_person() -> None:
    expected = hmac.new(b"k", b"7:U1", hashlib.sha256).hexdigest()
    assert answer_token("k", 7, "U1") == expected
    assert "U1" not in expected


def test_there_is_no_token_without_a_secret() -> None:
    with pytest.raises(PulsesOff, match="CADENCE_PULSE_SECRET is not set"):
        answer_token("", 7, "U1")
