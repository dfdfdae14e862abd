"""`python -m bot digest --channel C… [--dry-run]`: a champions' channel's digest from the command line."""

from __future__ import annotations

import json
import sys

from bot.digests.on_demand import NowResult, post_now, preview
from bot.platform.runtime import Runtime
from content.blocks.digest_replies import now_reply


def run_digest(runtime: Runtime, channel: str, *, dry_run: bool) -> int:
    """Print the digest's Block Kit (dry run), or post it through the outbox and wait for Slack's answer."""
    if dry_run:
        found = preview(runtime, channel)
        if found is None:
            print(f"cadence: {channel} is not a digest channel (CADENCE_DIGEST_CHANNELS or /cadence digest setup).")
            return 1
        print(json.dumps(found, indent=2, ensure_ascii=False))
        return 0
    outcome = post_now(runtime, channel)
    text, _ = now_reply(outcome)
    print(f"cadence: {text}", file=sys.stdout if outcome.result == NowResult.POSTED else sys.stderr)
    return 0 if outcome.result in (NowResult.POSTED, NowResult.QUEUED) else 1
