"""Delivery outcomes, buffered and written in batches (one transaction, one fsync, each).

Kept out of bot.delivery.engine so the engine reads as the run's steps. Why batches and a timer:
a write per message would cost an fsync per message, while an outcome left in memory reads
as "interrupted" after a crash; so a batch is written when full and at least every second.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field

from bot.subscriptions import schedule
from bot.subscriptions.storage import Outcome, Run, Storage


@dataclass(slots=True)
class Recorder:
    """Buffers outcomes and writes them in batches (one transaction, one fsync, per batch),
    at least once a second. A batch that fails to write is kept for the next flush."""

    storage: Storage
    run: Run
    clock: schedule.Clock
    size: int
    pending: list[Outcome] = field(default_factory=list)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    flushed_at: float = field(default_factory=time.monotonic)

    async def add(self, outcome: Outcome) -> None:
        self.run.count(outcome)
        self.pending.append(outcome)
        # Also every second: after a crash, outcomes still buffered read as "interrupted".
        if len(self.pending) >= self.size or time.monotonic() - self.flushed_at >= 1.0:
            await self.flush()

    async def flush(self) -> None:
        async with self.lock:
            batch, self.pending = self.pending, []
            self.flushed_at = time.monotonic()
            if not batch:
                return
            try:
                await self.storage.record(batch, now=self.clock())
            except BaseException:
                self.pending[:0] = batch
                raise

    async def flush_every(self, seconds: float, done: asyncio.Event) -> None:
        """Flush every `seconds` until `done`, even while every send is slow; waits on the
        event rather than being cancelled, since a cancelled write may leave it half done."""
        while not done.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), seconds)
            if self.pending:
                await self.flush()
