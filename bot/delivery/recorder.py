"""A run's outcomes on their way to the database, and the run's figures.

Kept out of bot.delivery.engine so the engine reads as the run's steps. Why not a write per
message: that costs an fsync per message. Why not a buffer flushed every second: after a
crash, the outcomes still in memory read as "interrupted" although those briefings went
out. So each outcome is handed to the run's group commit (bot.delivery.claims), which
writes it within milliseconds together with the next claims, in one transaction.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.subscriptions import schedule
from bot.subscriptions.storage import Outcome, Run, Storage


def _nothing() -> None:
    """Until a group commit listens (bot.delivery.claims.Claimer sets `wake`)."""


@dataclass(slots=True)
class Recorder:
    """Outcomes waiting for the next commit; `size` bounds a batch (and the backlog: past
    it, `add` writes the batch itself). A batch that fails to write is kept for later."""

    storage: Storage
    run: Run
    clock: schedule.Clock
    size: int
    pending: list[Outcome] = field(default_factory=list)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    wake: Callable[[], None] = _nothing

    async def add(self, outcome: Outcome) -> None:
        self.run.count(outcome)
        self.pending.append(outcome)
        self.wake()
        if len(self.pending) >= self.size:  # the commits fall behind (say, many missed days)
            await self.flush()

    def take(self) -> list[Outcome]:
        """The oldest batch of waiting outcomes, for a commit."""
        batch, self.pending = self.pending[: self.size], self.pending[self.size :]
        return batch

    def put_back(self, batch: list[Outcome]) -> None:
        """A commit failed: its outcomes wait for the next one, first in line."""
        self.pending[:0] = batch

    async def flush(self) -> None:
        """Write every waiting outcome now (and the run's figures), in batches of `size`."""
        async with self.lock:
            while batch := self.take():
                try:
                    await self.storage.commit((), batch, self.run, now=self.clock())
                except BaseException:
                    self.put_back(batch)
                    raise
