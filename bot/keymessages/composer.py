"""The key-message composer a leader opens: a new draft's defaults, and the form for a draft (new or an edit)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.keymessages.draft import Draft
from bot.platform.runtime import Runtime
from bot.teams import lines
from content.blocks.keymessage_compose import compose_view


def new_draft(runtime: Runtime) -> Draft:
    """A new message starts tomorrow in the organisation's zone, with the clarity check ticked wherever it can run:
    a message's reach is worth most with it."""
    tomorrow = (runtime.clock.now().astimezone(runtime.settings.timezone) + timedelta(days=1)).date()
    return Draft(start=tomorrow, zone=runtime.settings.timezone.key, clarity=bool(runtime.settings.pulse_secret))


def composer_view(runtime: Runtime, draft: Draft, *, schedule_id: int | None) -> dict[str, Any]:
    """The composer for `draft` (`schedule_id` when editing), offering "through managers" once teams are known."""
    pack = runtime.pack
    return compose_view(
        draft,
        pack.messages,
        pack.prompts,
        schedule_id=schedule_id,
        tracks=pack.tracks,
        teams_known=bool(lines(runtime)),
    )
