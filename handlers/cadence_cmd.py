"""`/cadence …`: help, and the subcommands features add with `subcommand(name)`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.help.commands import commands_for
from bot.platform.runtime import Runtime
from content.blocks.common import error_text
from content.blocks.help import help_blocks, unknown_subcommand_text
from handlers.payload import Request

COMMAND = "/cadence"

Subcommand = Callable[..., None]
"""Called as fn(ack=…, rest=…, command=…, context=…, client=…, respond=…) with the text after the subcommand."""

SUBCOMMANDS: dict[str, Subcommand] = {}


def subcommand(name: str) -> Callable[[Subcommand], Subcommand]:
    def add(fn: Subcommand) -> Subcommand:
        SUBCOMMANDS[name] = fn
        return fn

    return add


def register(app: App) -> None:
    app.command(COMMAND)(on_cadence)


def on_cadence(ack: Ack, command: dict[str, Any], context: BoltContext, **kwargs: Any) -> None:
    word, _, rest = Request(command).text("text").strip().partition(" ")
    word = word.lower() or "help"
    if word == "help":
        show_help(ack, command, context)
        return
    handler = SUBCOMMANDS.get(word)
    if handler is None:
        text = unknown_subcommand_text(COMMAND, word)
        ack(text=text, blocks=error_text(text))
        return
    handler(ack=ack, rest=rest.strip(), command=command, context=context, **kwargs)


def show_help(ack: Ack, command: dict[str, Any], context: BoltContext) -> None:
    runtime: Runtime = context["runtime"]
    actor = runtime.roles.actor(Request(command).user_id)
    ack(text="What you can do with Cadence", blocks=help_blocks(commands_for(actor), actor.roles))


def command_help(ack: Ack, runtime: Runtime, user_id: str, command: str) -> None:
    """`/pulse help` and its kind: that command's part of `/cadence help`, as the person's roles allow."""
    actor = runtime.roles.actor(user_id)
    blocks = help_blocks(commands_for(actor, command), actor.roles, command=command)
    ack(text=f"What you can do with {command}", blocks=blocks)
