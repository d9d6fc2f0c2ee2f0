"""bot.delivery.claims on a real database: outcomes ride with the claims' group commit."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta

from bot.delivery.claims import Claimer
from bot.delivery.recorder import Recorder
from bot.subscriptions.storage import Outcome, Run, Storage
from tests.bot.subscriptions_helpers import subscribe_due

NOW = datetime(2026, 1, 12, 13, 0, tzinfo=UTC)


class _Watched(Recorder):
    """A recorder that says when a commit has taken its outcomes."""

    taken: asyncio.Event

    def take(self) -> list[Outcome]:
        batch = super().take()
        if batch:
            self.taken.set()
        return batch


async def test_an_outcome_is_written_with_the_next_claim(storage: Storage) -> None:
    """A sent outcome and the next chat's claim land in the database together, promptly."""
    for chat in (1, 2):
        await subscribe_due(storage, chat, NOW)
    run = Run(0, "daily")
    recorder = Recorder(storage, run, lambda: NOW, size=100)
    claimer = Claimer(storage, NOW, recorder, most=1)
    committing = asyncio.create_task(claimer.run())
    assert await claimer.claim(1, NOW.date(), NOW) is True
    await recorder.add(Outcome(1, NOW.date(), "sent", NOW + timedelta(days=1), at=NOW))
    assert await claimer.claim(2, NOW.date(), NOW) is True
    claimer.close()
    await asyncio.wait_for(committing, 5)
    first = await storage.get(1)
    assert first is not None
    assert first.last_local_day == NOW.date()
    assert recorder.pending == []
    assert run.id != 0  # the run's row came with the first commit


async def test_a_cancelled_commit_gives_its_outcomes_back(storage: Storage) -> None:
    """Outcomes taken by a commit that is cancelled (the run stops) wait for the final flush."""
    await subscribe_due(storage, 1, NOW)
    recorder = _Watched(storage, Run(0, "daily"), lambda: NOW, size=100)
    recorder.taken = asyncio.Event()
    claimer = Claimer(storage, NOW, recorder, most=1)
    committing = asyncio.create_task(claimer.run())
    sent = Outcome(1, NOW.date(), "sent", NOW + timedelta(days=1), at=NOW)
    async with storage._lock:  # the commit waits for the database meanwhile
        await recorder.add(sent)
        await asyncio.wait_for(recorder.taken.wait(), 5)
        committing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await committing
    assert recorder.pending == [sent]
    await recorder.flush()
    written = await storage.get(1)
    assert written is not None
    assert written.last_local_day == NOW.date()
