"""Sending one chat its message(s) and classifying what Telegram answered.

- 429 RetryAfter: everyone pauses for `retry_after` (Telegram throttles the whole bot), then
  the SAME message is sent again; this does not use up an attempt (up to a bound).
- 403 Forbidden (blocked, kicked) and 400 "chat not found" (or a deleted account): the chat
  is gone; the subscription is deactivated with the reason.
- ChatMigrated (a group became a supergroup): the result names the new chat id.
- Errors where Telegram cannot have acted on the request (5xx answers, and transport errors
  before it was written: no free connection, connection refused): retried with exponential
  backoff, `attempts` in all, then the result is a failure with the reason.
- Errors after the request was written (no answer in time, connection lost mid-answer): not
  retried, a failure saying it may have arrived; a resend could give the chat two copies.
  A request class that cannot tell (PTB's HTTPXRequest times out as a plain TimedOut) gets
  the same careful treatment.
- Any other 400: the message itself was refused; retrying would not help.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

import httpx
from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.delivery.pacing import ChatPace, RateLimit, Sleep
from bot.delivery.transport import Unanswered, Unsent

# Bot.send_message parses each answer into a Message with its keyboard, which no broadcast
# reads: a quarter of a send's CPU, and the difference between 78% and 98% of the 1,000 msg/s
# cap in `make bench`. do_api_request returns the answer unparsed; errors are raised as from
# send_message. Bot API method names are case-insensitive, and PTB asks callers to use
# send_message for an endpoint it spells "sendMessage", so the broadcast spells it this way.
_SEND_MESSAGE = "sendmessage"
_GONE = ("chat not found", "user is deactivated", "bot was kicked", "not a member")
_MAX_RETRY_AFTERS = 5
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_NEVER_SENT_HTTPX = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_PREFIXED = re.compile(r"[A-Z][A-Za-z ]{1,40}: ")  # Telegram's "Forbidden: bot was blocked"
_MAYBE_ARRIVED = "; not resent, it may have arrived"


@dataclass(frozen=True, slots=True)
class SendResult:
    """How sending a chat its parts ended: `reason` explains any failure, for the log."""

    ok: bool
    attempts: int
    reason: str | None = None
    deactivate: bool = False
    migrated_to: int | None = None


@dataclass(frozen=True, slots=True)
class Limits:
    """Delivery knobs; `workers` None means enough to reach `rate` at a few ms a send."""

    rate: float = 30.0
    chat_rate: float = 1.0
    chat_burst: int = 3
    workers: int | None = None
    attempts: int = 4
    backoff: float = 0.5
    timeout: float = 10.0
    batch: int = 500
    grace: timedelta = timedelta(hours=3)

    @property
    def pool(self) -> int:
        return self.workers or max(4, min(256, int(self.rate // 8)))


def _resend_is_safe(error: NetworkError) -> bool:
    """True when Telegram cannot have carried out the request: it was never written, or
    Telegram answered with an error (PTB raises those without a transport cause)."""
    if isinstance(error, Unsent) or isinstance(error.__cause__, _NEVER_SENT_HTTPX):
        return True
    if isinstance(error, TimedOut | Unanswered):
        return False
    return error.__cause__ is None or isinstance(error.__cause__, TelegramError)


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class Sender:
    """Sends through the bot it is given, paced by its own limits (see bot.delivery.pacing)."""

    def __init__(
        self,
        bot: Bot,
        limits: Limits,
        *,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.limits = limits
        self.pace_on(time.monotonic, asyncio.sleep)
        self._sleep = sleep

    def pace_on(self, clock: Callable[[], float], sleep: Sleep) -> None:
        """(Re)build the overall cap and the per-chat pace on this clock and sleep: the wall
        clock in the bot, virtual time in tests and benchmarks."""
        limits = self.limits
        self.overall = RateLimit(limits.rate, max(1.0, limits.rate / 20), clock, sleep)
        self.per_chat = ChatPace(limits.chat_rate, limits.chat_burst, clock, sleep)

    async def pace(self, chat_id: int) -> None:
        """Wait for the next request's slot, within the chat's pace and the overall cap."""
        await self.per_chat.acquire(chat_id)
        await self.overall.acquire()

    async def send_parts(
        self,
        chat_id: int,
        parts: Sequence[str],
        keyboard: InlineKeyboardMarkup | None,
        *,
        paced: bool = False,
    ) -> SendResult:
        """Send each part in order (the keyboard on the last); stop at the first failure.

        `paced`: the caller already waited for the first request's slot (see `pace`)."""
        attempts = 0
        for index, text in enumerate(parts):
            markup = keyboard if index == len(parts) - 1 else None
            result = await self.send(chat_id, text, markup, paced=paced and index == 0)
            attempts += result.attempts
            if not result.ok:
                where = f"part {index + 1} of {len(parts)}: " if len(parts) > 1 else ""
                reason = where + (result.reason or "")
                return replace(result, attempts=attempts, reason=reason)
        return SendResult(True, attempts)

    async def send(
        self,
        chat_id: int,
        text: str,
        markup: InlineKeyboardMarkup | None,
        *,
        paced: bool = False,
    ) -> SendResult:
        attempts = throttled = 0
        while True:
            attempts += 1
            if not paced:
                await self.pace(chat_id)
            paced = False
            try:
                await self.bot.do_api_request(
                    _SEND_MESSAGE,
                    {
                        "chat_id": chat_id,
                        "text": text,
                        "parse_mode": ParseMode.HTML,
                        "reply_markup": markup,
                        "link_preview_options": _NO_PREVIEW,
                    },
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
                return SendResult(
                    False, attempts, self._reason(error), migrated_to=error.new_chat_id
                )
            except BadRequest as error:  # a NetworkError subclass in PTB: test it first
                gone = any(mark in error.message.lower() for mark in _GONE)
                return SendResult(False, attempts, self._reason(error), deactivate=gone)
            except NetworkError as error:  # includes TimedOut and 5xx answers
                if not _resend_is_safe(error):
                    return SendResult(False, attempts, self._unanswered(error))
                if attempts >= self.limits.attempts:
                    return SendResult(False, attempts, self._reason(error))
                await self._sleep(self.limits.backoff * 2 ** (attempts - 1))
                continue
            except TelegramError as error:
                return SendResult(False, attempts, self._reason(error))
            return SendResult(True, attempts + throttled)

    def _reason(self, error: TelegramError) -> str:
        """The error for the log, never with the token in it; Telegram's own "Forbidden: ..."
        descriptions already name the error, so only bare messages get the class name."""
        text = error.message
        if not _PREFIXED.match(text):
            text = f"{type(error).__name__}: {text}"
        return text.replace(self.bot.token, "<token>")[:300]

    def _unanswered(self, error: NetworkError) -> str:
        if isinstance(error, TimedOut):
            return f"TimedOut: no answer within {self.limits.timeout:g}s{_MAYBE_ARRIVED}"
        return self._reason(error)[: 300 - len(_MAYBE_ARRIVED)] + _MAYBE_ARRIVED
