"""What a Slack id looks like, and how Slack writes people, channels and user groups in text: the one reader every
surface asks.

Slash commands created with `should_escape: true` (see manifest.yml) send mentions escaped: a person as `<@U123>`
or `<@U123|alice>`, a channel as `<#C123|kudos>`, a user group as `<!subteam^S123|@support>`, a broadcast as
`<!here>`, `<!channel>` or `<!everyone>`. Modal text fields and typed arguments carry bare ids (`S123`) or a user
group's @handle instead. Whether an id names something Slack knows is the directory's question
(`Directory.named_usergroup`); this module only reads the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_BARE = r"[A-Z0-9]{2,39}"
"""A bare id's characters after its first letter: at least two, so that a word like `US` is not read as an id."""
_LINKED = r"[A-Z0-9]{1,39}"
"""Inside Slack's `<…>` the sigil says what the id is, so any length is read."""

USER_ID = re.compile(rf"^[UW]{_BARE}$")
GROUP_ID = re.compile(rf"^S{_BARE}$")
CHANNEL_ID = re.compile(rf"^[CG]{_BARE}$")
CONVERSATION_ID = re.compile(rf"^[CGD]{_BARE}$")
"""Where a request can happen: a channel, or a direct message (D…)."""
ROLE_HOLDER_ID = re.compile(rf"^[UWS]{_BARE}$")
"""Who can hold a role: a person or a user group."""

_ESCAPED = re.compile(r"<([^<>]*)>")
_HANDLE = re.compile(r"^@[\w.\-]+$")


class Kind(StrEnum):
    USER = "user"
    GROUP = "group"
    CHANNEL = "channel"
    BROADCAST = "broadcast"


_FORMS = (
    (Kind.USER, re.compile(rf"^@([UW]{_LINKED})(?:\|([^<>]*))?$")),
    (Kind.GROUP, re.compile(rf"^!subteam\^(S{_LINKED})(?:\|([^<>]*))?$")),
    (Kind.CHANNEL, re.compile(rf"^#([CG]{_LINKED})(?:\|([^<>]*))?$")),
    (Kind.BROADCAST, re.compile(r"^!(here|channel|everyone)(?:\|([^<>]*))?$")),
)


@dataclass(frozen=True)
class Mention:
    """One escaped mention: what it names, its id (`here`, `channel` or `everyone` for a broadcast), the name Slack
    wrote after `|` ("" when none), and the text it was read from."""

    kind: Kind
    id: str
    label: str
    text: str


def mention(token: str) -> Mention | None:
    """The mention `token` is, whole (`<@U123|alice>`), or None for anything else."""
    match = _ESCAPED.fullmatch(token)
    return _read(match.group(1), token) if match else None


def mentions_in(text: str) -> list[Mention]:
    """Every mention in `text`, in order; a `<…>` that is no mention (a link, `<@alice>`) is left out."""
    found = (_read(match.group(1), match.group(0)) for match in _ESCAPED.finditer(text))
    return [m for m in found if m is not None]


def ids_in(text: str) -> list[str]:
    """Every user, channel and user group id mentioned in `text`, in order (broadcasts are not ids)."""
    return [m.id for m in mentions_in(text) if m.kind is not Kind.BROADCAST]


def plain_ids(text: str) -> str:
    """`text` with each user, channel and user group mention replaced by its bare id (`<#C123|kudos>` becomes
    `C123`), trimmed."""

    def bare(match: re.Match[str]) -> str:
        found = _read(match.group(1), match.group(0))
        return found.id if found is not None and found.kind is not Kind.BROADCAST else match.group(0)

    return _ESCAPED.sub(bare, text).strip()


def without_names(text: str) -> str:
    """`text` with people's mentions kept but their typed names dropped (`<@U1|alice>` becomes `<@U1>`), so what is
    stored names the person, not what they were called when it was written."""

    def unnamed(match: re.Match[str]) -> str:
        found = _read(match.group(1), match.group(0))
        return f"<@{found.id}>" if found is not None and found.kind is Kind.USER else match.group(0)

    return _ESCAPED.sub(unnamed, text).strip()


def listed(text: str) -> list[str]:
    """The items of a field that lists ids, mentions or handles, separated by commas or spaces."""
    return [item for item in re.split(r"[\s,]+", text.strip()) if item]


def user_id_of(token: str) -> str | None:
    """The person `token` names, as a mention or a bare id (U…/W…), or None."""
    found = mention(token)
    if found is not None:
        return found.id if found.kind is Kind.USER else None
    return token if USER_ID.match(token) else None


def group_id_of(token: str) -> str | None:
    """The user group `token` names, as a mention or a bare id (S…), or None (a handle needs the directory)."""
    found = mention(token)
    if found is not None:
        return found.id if found.kind is Kind.GROUP else None
    return token if GROUP_ID.match(token) else None


def channel_id_of(token: str) -> str | None:
    """The channel `token` names, as a mention or a bare id (C…/G…), or None."""
    found = mention(token)
    if found is not None:
        return found.id if found.kind is Kind.CHANNEL else None
    return token if CHANNEL_ID.match(token) else None


def is_user_id(token: str) -> bool:
    return bool(USER_ID.match(token))


def is_channel_id(token: str) -> bool:
    return bool(CHANNEL_ID.match(token))


def is_handle(token: str) -> bool:
    """Whether `token` is a typed `@name` Slack did not turn into a mention (a user group's handle, or a person
    not picked from Slack's list)."""
    return bool(_HANDLE.match(token))


def _read(inner: str, text: str) -> Mention | None:
    for kind, form in _FORMS:
        if match := form.match(inner):
            return Mention(kind, match.group(1), match.group(2) or "", text)
    return None
