"""`/cadence help` and the refusal for an unknown subcommand."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.help.views import CommandHelp
from bot.platform.views import ROLE_ORDER, Role
from content.blocks.common import Block, context, escape, header, section

ROLE_TITLES = {
    Role.EMPLOYEE: "For everyone",
    Role.CHAMPION: "For change champions",
    Role.LEADER: "For leaders",
    Role.ADMIN: "For programme admins",
}


def help_blocks(commands: Sequence[CommandHelp], roles: Iterable[Role], *, command: str = "") -> list[Block]:
    """`/cadence help`, or one command's part of it (`command`, e.g. "/pulse")."""
    held = [r for r in ROLE_ORDER if r in set(roles)]
    blocks: list[Block] = [header(f"{command or 'Cadence'} — what you can do")]
    for role in held:
        lines = [f"`{c.usage}` — {c.summary}" for c in commands if c.section(held) == role]
        if lines:
            blocks.append(section(f"*{ROLE_TITLES[role]}*\n" + "\n".join(lines)))
    roles_line = "Your roles: " + ", ".join(r.value for r in held)
    blocks.append(context(roles_line + ("; `/cadence help` shows everything you can do." if command else "")))
    return blocks


def unknown_subcommand_text(command: str, word: str) -> str:
    return f"I don't know `{command} {escape(word)}`. Try `{command} help` to see what you can do."
