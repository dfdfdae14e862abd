"""HTTP mode reads a request body no further than its limit, whether or not the request declares its length."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request

from bot.web import MAX_BODY_BYTES, body_within_limit


def request(chunks: list[bytes], headers: dict[str, str] | None = None) -> tuple[Request, list[int]]:
    """A request streaming `chunks`, and the count of chunks read from it so far."""
    read = [0]

    async def receive() -> dict[str, Any]:
        read[0] += 1
        last = read[0] >= len(chunks)
        return {"type": "http.request", "body": chunks[read[0] - 1] if chunks else b"", "more_body": not last}

    raw = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return Request({"type": "http", "method": "POST", "headers": raw}, receive), read


def test_a_body_within_the_limit_is_read_whole() -> None:
    got, _ = request([b"a" * 10, b"b" * 10])
    assert asyncio.run(body_within_limit(got)) == b"a" * 10 + b"b" * 10


def test_a_streamed_body_over_the_limit_is_refused_once_it_passes_it_not_read_to_its_end() -> None:
    chunk = b"x" * (MAX_BODY_BYTES // 4)
    got, read = request([chunk] * 40)
    assert asyncio.run(body_within_limit(got)) is None
    assert read[0] == 5


def test_a_declared_length_over_the_limit_or_not_a_number_is_refused_before_reading() -> None:
    for length in (str(MAX_BODY_BYTES + 1), "12abc", "-1"):
        got, read = request([b"small"], {"Content-Length": length})
        assert asyncio.run(body_within_limit(got)) is None
        assert read[0] == 0
