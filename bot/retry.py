"""One short retry for the application's own calls when Telegram answers 429.

A 429 on an interactive reply usually asks for a second or two (a chat's own limit). The
reply is still wanted then, so the call waits once, for at most MAX_WAIT seconds, and is
made again; a longer wait, or a second 429, goes to the error handler, which logs it
without an apology (the apology would be rate-limited too). This is PTB's rate-limiter
hook used for that alone: nothing is throttled or queued, so interactive replies never
wait behind each other or behind a broadcast (daily delivery paces itself, bot.delivery.sending).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)
MAX_WAIT = 5.0

Result = bool | dict[str, Any] | list[dict[str, Any]]


class RetryOnce(BaseRateLimiter[None]):
    """Retry a call once after a 429 whose retry_after is at most `max_wait` seconds;
    `sleep` waits it out (a test passes one that records the wait instead)."""

    def __init__(
        self,
        max_wait: float = MAX_WAIT,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.max_wait = max_wait
        self.sleep = sleep

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> Result:
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as error:
            wait = error.retry_after
            seconds = wait if isinstance(wait, int | float) else wait.total_seconds()
            if seconds > self.max_wait:
                raise
            log.info("%s: 429, retrying once in %.1f s", endpoint, seconds)
            await self.sleep(seconds)
        return await callback(*args, **kwargs)
