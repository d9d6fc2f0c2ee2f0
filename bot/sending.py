"""Sending one chat its message(s) and classifying what Telegram answered.

- 429 RetryAfter: everyone pauses for `retry_after` (Telegram throttles the whole bot), then
  the SAME message is sent again; this does not use up an attempt (up to a bound).
- 403 Forbidden (blocked, kicked) and 400 "chat not found" (or a deleted account): the chat
  is gone; the subscription is deactivated with the reason.
- Network errors, timeouts and 5xx: retried with exponential backoff, `attempts` in all,
  then the result is a failure with the reason.
- Any other 400: the message itself was refused; retrying would not help.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.pacing import ChatPace, RateLimit

if TYPE_CHECKING:
    from bot.delivery import Limits

_GONE = ("chat not found", "user is deactivated", "bot was kicked", "not a member")
_MAX_RETRY_AFTERS = 5
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass(frozen=True, slots=True)
class SendResult:
    """How sending a chat its parts ended: `reason` explains any failure, for the log."""

    ok: bool
    attempts: int
    reason: str | None = None
    deactivate: bool = False


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class Sender:
    """Sends through the bot it is given, paced by its own limits (see bot.pacing)."""

    def __init__(
        self,
        bot: Bot,
        limits: Limits,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.limits = limits
        self.overall = RateLimit(limits.rate, burst=max(1.0, limits.rate / 20))
        self.per_chat = ChatPace(limits.chat_rate, limits.chat_burst)
        self._sleep = sleep

    async def send_parts(
        self, chat_id: int, parts: Sequence[str], keyboard: InlineKeyboardMarkup | None
    ) -> SendResult:
        """Send each part in order (the keyboard on the last); stop at the first failure."""
        attempts = 0
        for index, text in enumerate(parts):
            markup = keyboard if index == len(parts) - 1 else None
            result = await self.send(chat_id, text, markup)
            attempts += result.attempts
            if not result.ok:
                where = f"part {index + 1} of {len(parts)}: " if len(parts) > 1 else ""
                return SendResult(False, attempts, where + (result.reason or ""), result.deactivate)
        return SendResult(True, attempts)

    async def send(
        self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None
    ) -> SendResult:
        attempts = throttled = 0
        while True:
            attempts += 1
            await self.per_chat.acquire(chat_id)
            await self.overall.acquire()
            try:
                await self.bot.send_message(
                    chat_id,
                    text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                    link_preview_options=_NO_PREVIEW,
                    read_timeout=self.limits.timeout,
                    write_timeout=self.limits.timeout,
                    connect_timeout=self.limits.timeout,
                    pool_timeout=self.limits.timeout,
                )
            except RetryAfter as error:
                throttled += 1
                attempts -= 1
                wait = _seconds(error.retry_after)
                if throttled > _MAX_RETRY_AFTERS:
                    return SendResult(False, attempts + throttled, self._reason(error))
                self.overall.pause(wait)
                await self._sleep(wait)
                continue
            except Forbidden as error:
                return SendResult(False, attempts, self._reason(error), deactivate=True)
            except ChatMigrated as error:
                return SendResult(False, attempts, self._reason(error))
            except BadRequest as error:  # a NetworkError subclass in PTB: test it first
                gone = any(mark in error.message.lower() for mark in _GONE)
                return SendResult(False, attempts, self._reason(error), deactivate=gone)
            except NetworkError as error:  # includes TimedOut and 5xx answers
                if attempts >= self.limits.attempts:
                    return SendResult(False, attempts, self._reason(error))
                await self._sleep(self.limits.backoff * 2 ** (attempts - 1))
                continue
            except TelegramError as error:
                return SendResult(False, attempts, self._reason(error))
            return SendResult(True, attempts + throttled)

    def _reason(self, error: TelegramError) -> str:
        """The error for the log, never with the token in it."""
        text = f"{type(error).__name__}: {error.message}"
        return text.replace(self.bot.token, "<token>")[:300]
