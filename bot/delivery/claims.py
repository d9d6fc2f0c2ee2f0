"""Group commit for delivery claims: each send's claim is committed just before the send,
while the fsyncs stay batched.

Why: a claim committed long before its send is, after a crash, a briefing marked
"interrupted" that never went out. So each worker asks for its claim only once its pacing
slot is granted; one task gathers the requests that arrive within a few milliseconds (or
as soon as `most` are waiting), commits them in one transaction and answers each worker.
Claimed but not yet started is then at most one chat per worker.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime

from bot.subscriptions.storage import Storage

_Request = tuple[tuple[int, date, datetime], asyncio.Future[bool]]


class Claimer:
    """Claims (chat, local day) for one run; `run` is the committing task, `claim` the ask."""

    def __init__(self, storage: Storage, now: datetime, *, most: int, window: float = 0.002):
        self._storage = storage
        self._now = now
        self._most = max(1, most)
        self._window = window
        self._waiting: list[_Request] = []
        self._wake = asyncio.Event()

    async def claim(self, chat_id: int, day: date, day_start: datetime) -> bool:
        """True when this run now owns the chat's day: send it. False: already in the log."""
        answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append(((chat_id, day, day_start), answer))
        self._wake.set()
        return await answer

    async def run(self) -> None:
        """Commit waiting claims in batches until cancelled (the run's workers are done)."""
        while True:
            await self._wake.wait()
            if len(self._waiting) < self._most:
                await asyncio.sleep(self._window)
            batch, self._waiting = self._waiting, []
            self._wake.clear()
            try:
                claimed = await self._storage.claim([item for item, _ in batch], now=self._now)
            except Exception as error:  # each worker raises it, which ends the run
                for _, answer in batch:
                    if not answer.done():
                        answer.set_exception(error)
                continue
            except BaseException:
                for _, answer in batch:
                    answer.cancel()
                raise
            for (chat_id, _, _), answer in batch:
                if not answer.done():  # its worker was cancelled meanwhile
                    answer.set_result(chat_id in claimed)
