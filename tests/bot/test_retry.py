"""A 429 on an interactive reply: one bounded wait and retry, never an apology."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from telegram.error import NetworkError

from bot.config import Settings
from bot.console.offline import OfflineCall, OfflineRequest
from bot.retry import RetryOnce
from tests.support.harness import Harness, running
from tests.support.virtual_time import VirtualTime


class Throttled(OfflineRequest):
    """Answers the next call to a method with 429 and retry_after, as Telegram does."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: dict[str, int] = {}

    async def do_request(
        self, url: str, method: str, request_data: Any = None, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        wait = self.waits.pop(name, None)
        if wait is None:
            return await super().do_request(url, method, request_data, *args, **kwargs)
        self.calls.append(OfflineCall(name, dict(request_data.parameters), None))
        body = {
            "ok": False,
            "error_code": 429,
            "description": f"Too Many Requests: retry after {wait}",
            "parameters": {"retry_after": wait},
        }
        return 429, json.dumps(body).encode()


def virtual_waits(harness: Harness) -> VirtualTime:
    """Make the application's RetryOnce wait on virtual time; what it waited is recorded."""
    limiter = harness.app.bot.rate_limiter
    assert isinstance(limiter, RetryOnce)
    virtual = VirtualTime()
    limiter.sleep = virtual.sleep
    return virtual


async def test_short_retry_after_is_waited_once_and_the_reply_sent(settings: Settings) -> None:
    """A 429 asking for one second: the same reply goes out after the wait, with no apology."""
    request = Throttled()
    async with running(settings, request) as harness:
        virtual = virtual_waits(harness)
        request.waits["sendMessage"] = 1
        calls = await harness.say("/summary")
    assert [c.method for c in calls] == ["sendMessage", "sendMessage"]
    assert calls[0].params["text"] == calls[1].params["text"]
    assert virtual.waits == [1]


async def test_long_retry_after_is_logged_without_an_apology(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """A 429 asking for longer than the bound drops the reply with one warning, no apology."""
    request = Throttled()
    async with running(settings, request) as harness:
        virtual = virtual_waits(harness)
        request.waits["sendMessage"] = 30
        with caplog.at_level(logging.WARNING):
            calls = await harness.say("/summary")
    assert [c.method for c in calls] == ["sendMessage"]
    assert virtual.waits == []
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert caplog.records[0].exc_info is None


async def test_network_error_between_polls_is_one_warning_line(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """The network failing while polling (no update) logs one warning line, no traceback."""
    async with running(settings) as harness:
        with caplog.at_level(logging.WARNING):
            await harness.app.process_error(None, NetworkError("httpx.ConnectError: refused"))
    assert [(r.levelname, r.exc_info) for r in caplog.records] == [("WARNING", None)]
    assert "retrying" in caplog.text
