"""A delivery worker in a process of its own, so the fan-out benchmark can kill it with SIGKILL mid-way.

Usage: python -m tests.bench.fanout_worker DATABASE_URL SLACK_API_URL CONCURRENCY BATCH LEASE_SECONDS

Like every sender, it is not told Slack's limit: its pacer learns it.
"""

from __future__ import annotations

import sys
from datetime import timedelta

from bot.platform.outbox.pacer import Pacers
from bot.platform.outbox.sender import DeliveryWorker
from bot.platform.slack_calls import create_web_client
from bot.platform.timesource import SystemTime
from storage.db import create_db_engine
from tests.e2e.conftest import BOT_TOKEN


def main(argv: list[str]) -> None:
    database_url, api_url, concurrency, batch, lease = argv
    clock = SystemTime()
    worker = DeliveryWorker(
        create_db_engine(database_url),
        create_web_client(BOT_TOKEN, api_url),
        clock,
        pacers=Pacers(clock, max_in_flight=int(concurrency)),
        concurrency=int(concurrency),
        batch_size=int(batch),
        lease=timedelta(seconds=float(lease)),
    )
    worker.drain()


if __name__ == "__main__":
    main(sys.argv[1:])
