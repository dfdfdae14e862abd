"""Slack's escaped forms in command text (`<@U123|alice>`, `<#C123|kudos>`, `<!subteam^S123|@support>`), turned into
plain ids. Slash commands created with `should_escape: true` (see manifest.yml) send mentions in these forms."""

from __future__ import annotations

import re

MENTION = re.compile(r"<(@[UW][A-Z0-9]+|#[CG][A-Z0-9]+|!subteam\^S[A-Z0-9]+)(?:\|[^>]*)?>")


def ids_in(text: str) -> list[str]:
    """Every user, channel and user group id mentioned in `text`, in order."""
    return [_bare_id(match.group(1)) for match in MENTION.finditer(text)]


def plain_ids(text: str) -> str:
    """`text` with each escaped mention replaced by its bare id (so `<#C123|kudos>` becomes `C123`)."""
    return MENTION.sub(lambda match: _bare_id(match.group(1)), text).strip()


def _bare_id(token: str) -> str:
    return token.split("^", 1)[1] if token.startswith("!subteam^") else token[1:]
