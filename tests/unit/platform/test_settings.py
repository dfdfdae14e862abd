from __future__ import annotations

from pathlib import Path

import pytest

from bot.platform.settings import DEFAULT_DATABASE_URL, DEFAULT_SLACK_API_URL, SettingsError, load_settings

VALID = {"SLACK_BOT_TOKEN": "xoxb-1-2-abc"}


def test_defaults_fill_everything_not_given() -> None:
    settings = load_settings(VALID)

    assert settings.slack_api_url == DEFAULT_SLACK_API_URL
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.min_group_size == 5
    assert settings.port == 3000
    assert str(settings.timezone) == "UTC"


def test_lists_of_ids_are_split_and_trimmed() -> None:
    settings = load_settings(VALID | {"CADENCE_ADMINS": " U111 , S222,", "CADENCE_DIGEST_CHANNELS": "C1AA,G2BB"})

    assert settings.admins == ("U111", "S222")
    assert settings.digest_channels == ("C1AA", "G2BB")


def test_owner_defaults_to_the_first_admin_who_is_a_person() -> None:
    assert load_settings(VALID | {"CADENCE_ADMINS": "S999,U123"}).programme_owner == "U123"
    assert load_settings(VALID | {"CADENCE_ADMINS": "U123", "CADENCE_OWNER": "U777"}).programme_owner == "U777"


def test_slack_api_url_gets_a_trailing_slash() -> None:
    assert load_settings(VALID | {"SLACK_API_URL": "http://127.0.0.1:9999/api"}).slack_api_url.endswith("/api/")


def test_plain_postgres_urls_use_the_psycopg_driver() -> None:
    settings = load_settings(VALID | {"DATABASE_URL": "postgres://u@h/db"})

    assert settings.database_url == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize(
    ("env", "named", "advice"),
    [
        ({}, "SLACK_BOT_TOKEN", "is not set"),
        ({"SLACK_BOT_TOKEN": "xoxp-user-token"}, "SLACK_BOT_TOKEN", "must start with xoxb-"),
        (VALID | {"SLACK_APP_TOKEN": "xoxb-nope"}, "SLACK_APP_TOKEN", "must start with xapp-"),
        (VALID | {"CADENCE_MIN_GROUP_SIZE": "2"}, "CADENCE_MIN_GROUP_SIZE", "from 3 to"),
        (VALID | {"CADENCE_MIN_GROUP_SIZE": "five"}, "CADENCE_MIN_GROUP_SIZE", "whole number"),
        (VALID | {"CADENCE_TIMEZONE": "Mars/Olympus"}, "CADENCE_TIMEZONE", "IANA time zone"),
        (VALID | {"CADENCE_ADMINS": "alice"}, "CADENCE_ADMINS", "user ids"),
        (VALID | {"CADENCE_RECOGNITION_CHANNEL": "#kudos"}, "CADENCE_RECOGNITION_CHANNEL", "channel id"),
        (VALID | {"DATABASE_URL": "mysql://x"}, "DATABASE_URL", "sqlite:///"),
        (VALID | {"PORT": "99999"}, "PORT", "from 1 to 65535"),
        (VALID | {"SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL", "http(s) URL"),
        (VALID | {"CADENCE_CONTENT_DIR": "/no/such/folder"}, "CADENCE_CONTENT_DIR", "existing folder"),
        (VALID | {"LOG_LEVEL": "LOUD"}, "LOG_LEVEL", "one of"),
    ],
)
def test_bad_settings_stop_with_one_line_naming_the_setting(env: dict[str, str], named: str, advice: str) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(env)

    message = str(raised.value)
    assert message.startswith(named)
    assert advice in message
    assert "\n" not in message
    assert ".env" in message


def test_each_process_requires_its_own_credentials() -> None:
    with pytest.raises(SettingsError, match=r"^SLACK_APP_TOKEN is not set"):
        load_settings(VALID, require=("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"))
    with pytest.raises(SettingsError, match=r"^SLACK_SIGNING_SECRET is not set"):
        load_settings(VALID, require=("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"))


def test_content_dir_accepts_an_existing_folder(tmp_path: Path) -> None:
    assert load_settings(VALID | {"CADENCE_CONTENT_DIR": str(tmp_path)}).content_dir == tmp_path


def test_working_hours_default_to_weekdays_eight_to_six_and_refuse_a_malformed_week() -> None:
    assert load_settings(VALID).working_hours.describe() == "Mon-Fri 08:00-18:00"
    assert load_settings(VALID | {"CADENCE_WORKING_HOURS": "Sun-Thu 09:00-17:00"}).working_hours.days == frozenset(
        {6, 0, 1, 2, 3}
    )
    with pytest.raises(SettingsError, match="CADENCE_WORKING_HOURS must be working days and hours such as Mon-Fri"):
        load_settings(VALID | {"CADENCE_WORKING_HOURS": "9 to 5"})
