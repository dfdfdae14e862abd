"""Nothing acknowledged is lost: `python -m bot serve` killed with SIGKILL in the middle of a burst of pulse answers
still has every answer whose click it acknowledged.

The bot runs as deployed, in a process of its own against the emulator; the clicks are real buttons from the DMs
it sent, signed as Slack signs them. The process is killed as soon as `KILL_AFTER` clicks have been acknowledged,
with the rest still arriving, so the kill lands where answers are being written.
"""

from __future__ import annotations

import http.client
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from tests.bench.pulse_crowd import Answer, Crowd, click, deliver_round, served_crowd, stored_answers

PEOPLE = [f"U0K{n:04d}" for n in range(80)]
KILL_AFTER = 25
CLIENTS = 16
PATIENCE_SECONDS = 30


def _post(url: str, body: str, headers: dict[str, str]) -> int:
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=PATIENCE_SECONDS)
    try:
        connection.request("POST", "/slack/events", body=body, headers=headers)
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return 0  # the process died before answering: this click was never acknowledged
    finally:
        connection.close()


def _burst_then_kill(crowd: Crowd, clicks: list[tuple[str, dict[str, str], Answer]]) -> set[Answer]:
    """Send every click at once over `CLIENTS` connections; SIGKILL the bot once `KILL_AFTER` are acknowledged.
    Returns the answers of the acknowledged clicks."""
    acknowledged: set[Answer] = set()
    lock = threading.Lock()
    enough = threading.Event()
    process = crowd.bot.process
    assert process is not None

    def send(body: str, headers: dict[str, str], answer: Answer) -> None:
        if _post(crowd.bot.url, body, headers) == 200:
            with lock:
                acknowledged.add(answer)
                if len(acknowledged) >= KILL_AFTER:
                    enough.set()

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        for body, headers, answer in clicks:
            pool.submit(send, body, headers, answer)
        assert enough.wait(timeout=PATIENCE_SECONDS), "the bot acknowledged too few clicks"
        process.kill()
        process.wait(timeout=PATIENCE_SECONDS)
    return acknowledged


def test_every_acknowledged_answer_is_stored_when_the_server_is_killed_mid_burst(
    database_url: str, tmp_path: Path
) -> None:
    with served_crowd(database_url, tmp_path, PEOPLE) as crowd:
        deliver_round(crowd)
        clicks = [click(crowd.slack, n, user) for n, user in enumerate(PEOPLE)]

        acknowledged = _burst_then_kill(crowd, clicks)

        stored = set(stored_answers(crowd.engine))
    assert len(acknowledged) < len(PEOPLE), "the kill cut the burst short"
    assert acknowledged <= stored, f"{len(acknowledged - stored)} acknowledged answers were lost"
