from datetime import UTC, date, datetime

from bot.actions import ActionView
from bot.digests.health import HealthFacts, warnings


def test_an_overdue_action_is_a_warning_naming_its_owner_and_its_words_escaped() -> None:
    late = ActionView(1, "C1", "Fix <it>", "item", "U0BOB", date(2026, 11, 25), "blocked", datetime.now(UTC))

    found = warnings(HealthFacts(days_since_key_message=1, overdue_actions=(late,)))

    assert found == [
        "The action *Fix &lt;it&gt;* was due on 25 Nov and is not done. "
        "Ask <@U0BOB> where it stands, or agree a new date."
    ]
