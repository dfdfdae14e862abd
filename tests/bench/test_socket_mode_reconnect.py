"""How fast `python -m bot run` listens again after each way a Socket Mode connection ends, over many rounds.

    make bench   # or: python -m pytest tests/bench/test_socket_mode_reconnect.py -s

Prints, per fault, the fastest, median and slowest time from the fault to the ack of the next envelope, and the CPU
the bot used meanwhile; fails if any round took 5 s or more.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path

from emulator import SlackEmulator
from emulator.socket_client import SocketModeSlackClient
from tests.e2e.conftest import build_workspace
from tests.e2e.socket_mode_support import Reconnect, promise_after, start_bot

ROUNDS = 10


def test_every_kind_of_connection_end_is_recovered_from_within_5_s(tmp_path: Path) -> None:
    with SlackEmulator(build_workspace()) as slack:
        bot = start_bot(slack, tmp_path)
        person = SocketModeSlackClient(slack, timeout=60)
        server = slack.socket_mode
        faults: dict[str, Callable[[], None]] = {
            "disconnect (refresh_requested)": lambda: server.disconnect("refresh_requested"),
            "close frame": server.close_connections,
            "TCP drop, no close frame": server.drop_connections,
            "reset": server.reset_connections,
        }
        try:
            results = {
                name: [promise_after(fault, slack, person, bot) for _ in range(ROUNDS)]
                for name, fault in faults.items()
            }
        finally:
            bot.stop()

    print(f"\n{'fault':32} {'fastest':>8} {'median':>8} {'slowest':>8} {'CPU max':>8}  ({ROUNDS} rounds)")
    for name, rounds in results.items():
        print(f"{name:32} {_row(rounds)}")
    assert max(r.seconds for rounds in results.values() for r in rounds) < 5.0


def _row(rounds: list[Reconnect]) -> str:
    seconds = [r.seconds for r in rounds]
    figures = (min(seconds), statistics.median(seconds), max(seconds), max(r.cpu_seconds for r in rounds))
    return " ".join(f"{figure:7.2f}s" for figure in figures)
