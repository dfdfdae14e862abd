"""Every block the bot sends in a test is checked against slack_sdk's own Block Kit models, not only the
emulator's checks, so a message Slack would reject cannot pass."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from emulator import SlackEmulator

BLOCK_CARRYING_METHODS = ("chat.postMessage", "chat.postEphemeral", "chat.update")
VIEW_METHODS = ("views.open", "views.update", "views.push", "views.publish")


def assert_valid_blocks(blocks: list[dict[str, Any]], *, limit: int = 50) -> None:
    assert len(blocks) <= limit, f"{len(blocks)} blocks, Slack allows {limit}"
    for raw in blocks:
        block = Block.parse(raw)
        assert block is not None, f"unknown block type: {raw.get('type')}"
        block.validate_json()


def assert_valid_view(view: dict[str, Any]) -> None:
    View(**view).validate_json()
    assert_valid_blocks(view.get("blocks", []), limit=100)


def assert_valid_blocks_everywhere(slack: SlackEmulator) -> None:
    for call in slack.calls:
        if call.method in BLOCK_CARRYING_METHODS and call.args.get("blocks"):
            assert_valid_blocks(call.args["blocks"])
        if call.method in VIEW_METHODS:
            assert_valid_view(call.args["view"])
