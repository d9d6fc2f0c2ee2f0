"""Rate limits for broadcasts: an overall cap and a per-chat pace, owned by delivery alone.

Broadcasts pace themselves here instead of through a limiter the handlers share (such as
PTB's AIORateLimiter on the application's bot): a shared limiter queues an interactive reply
behind thousands of queued briefings. With separate pacing, a reply waits for nothing.

Both limits use virtual scheduling (GCRA): each caller reserves the next free slot and
sleeps until it, so waiting callers are served in order with O(1) work and no polling.
Both take the clock and the sleep they use, so a test can run them on virtual time.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable

Sleep = Callable[[float], Awaitable[None]]


class RateLimit:
    """At most `rate` acquisitions a second overall, allowing a burst of `burst`."""

    def __init__(
        self,
        rate: float,
        burst: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self._interval = 1.0 / rate
        self._slack = max(burst, 1.0) * self._interval
        self._clock = clock
        self._sleep = sleep
        self._next = clock()

    def reserve(self) -> float:
        """Reserve the next slot; return how long to wait for it (0 if free now)."""
        now = self._clock()
        slot = max(self._next, now - self._slack + self._interval)
        self._next = slot + self._interval
        return max(0.0, slot - now)

    async def acquire(self) -> None:
        wait = self.reserve()
        if wait > 0:
            await self._sleep(wait)

    def pause(self, seconds: float) -> None:
        """Telegram said "retry after": nobody sends through this limit for `seconds`."""
        self._next = max(self._next, self._clock() + seconds)


class ChatPace:
    """About `rate` messages a second per chat, with a short `burst` (a multi-part briefing).

    Telegram allows short bursts in one chat; a briefing split into two or three messages is
    sent back to back, a fourth waits. Entries for chats whose allowance has refilled are
    dropped as the run moves on, so memory stays flat however many chats a run reaches:
    each reservation adds at most one entry and looks at the two oldest, dropping a refilled
    one and moving a still-paced one to the back. Every entry is looked at within a pass over
    the table, so it holds about twice the chats still paced, in any order, at O(1) a call.
    """

    def __init__(
        self,
        rate: float,
        burst: int = 3,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._interval = 1.0 / rate
        self._slack = burst * self._interval
        self._clock = clock
        self._sleep = sleep
        self._next: OrderedDict[int, float] = OrderedDict()

    def reserve(self, chat_id: int) -> float:
        now = self._clock()
        self._forget_refilled(now)
        # A chat not in the table has its whole burst (a default of `now` would allow none).
        slot = max(self._next.pop(chat_id, -math.inf), now - self._slack + self._interval)
        self._next[chat_id] = slot + self._interval
        return max(0.0, slot - now)

    async def acquire(self, chat_id: int) -> None:
        wait = self.reserve(chat_id)
        if wait > 0:
            await self._sleep(wait)

    def _forget_refilled(self, now: float) -> None:
        for _ in range(2):
            if not self._next:
                return
            chat, free_at = self._next.popitem(last=False)
            if free_at + self._slack > now:
                self._next[chat] = free_at  # still paced: to the back of the line

    def __len__(self) -> int:
        return len(self._next)
