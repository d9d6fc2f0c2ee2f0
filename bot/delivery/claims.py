"""Group commit for a delivery run: each send's claim is committed just before the send, and
each outcome just after it, while the fsyncs stay batched.

Why: a claim committed long before its send is, after a crash, a briefing marked
"interrupted" that never went out; an outcome held in memory is, after a crash, a briefing
that did go out marked "interrupted". So each worker asks for its claim only once its pacing
slot is granted, and hands over its outcome as soon as the send is answered; one task
gathers what arrives within a few milliseconds (or as soon as `most` claims are waiting),
commits the outcomes, the run's figures and the claims in one transaction, and answers each
worker. Claimed but not yet started is then at most one chat per worker, and sent but not
yet written only the sends answered in the last few milliseconds.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime

from bot.delivery.recorder import Recorder
from bot.subscriptions.storage import Outcome, Storage

log = logging.getLogger(__name__)
_Request = tuple[tuple[int, date, datetime], asyncio.Future[bool]]


class Claimer:
    """Claims (chat, local day) for one run and writes its recorder's outcomes with them;
    `run` is the committing task, `claim` the ask, `close` the end."""

    def __init__(
        self,
        storage: Storage,
        now: datetime,
        recorder: Recorder,
        *,
        most: int,
        window: float = 0.002,
    ):
        self._storage = storage
        self._now = now
        self._recorder = recorder
        self._most = max(1, most)
        self._window = window
        self._waiting: list[_Request] = []
        self._wake = asyncio.Event()
        self._closing = False
        recorder.wake = self._wake.set

    async def claim(self, chat_id: int, day: date, day_start: datetime) -> bool:
        """True when this run now owns the chat's day: send it. False: already in the log."""
        answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append(((chat_id, day, day_start), answer))
        self._wake.set()
        return await answer

    def close(self) -> None:
        """No more claims will come: `run` writes what is left and returns."""
        self._closing = True
        self._wake.set()

    async def run(self) -> None:
        """Commit waiting claims and outcomes in batches until closed (or cancelled)."""
        while True:
            await self._wake.wait()
            if self._closing and not self._waiting:
                return  # the run's last outcomes are the run's final flush (Recorder.flush)
            if len(self._waiting) < self._most and not self._closing:
                await asyncio.sleep(self._window)
            batch, self._waiting = self._waiting, []
            outcomes = self._recorder.take()
            self._wake.clear()
            if self._recorder.pending or self._closing:  # more to take, or a close to see
                self._wake.set()
            if not batch and not outcomes:
                continue
            claims = [item for item, _ in batch]
            try:
                claimed = await self._commit(claims, outcomes)
            except Exception as error:  # each worker raises it, which ends the run
                for _, answer in batch:
                    if not answer.done():
                        answer.set_exception(error)
                continue
            except BaseException:  # cancelled (the run stops): the run's final flush writes
                self._recorder.put_back(outcomes)  # them (again, if this commit went through)
                for _, answer in batch:
                    answer.cancel()
                raise
            for (chat_id, _, _), answer in batch:
                if not answer.done():  # its worker was cancelled meanwhile
                    answer.set_result(chat_id in claimed)

    async def _commit(
        self, claims: list[tuple[int, date, datetime]], outcomes: list[Outcome]
    ) -> set[int]:
        """One transaction; when the outcomes cannot be written, they are kept for a later
        commit (not retried at once) and the claims go alone: a failing log write must not
        stop the sends."""
        recorder = self._recorder
        try:
            return await self._storage.commit(claims, outcomes, recorder.run, now=self._now)
        except Exception:
            if not outcomes:
                raise
            recorder.put_back(list(outcomes))
            outcomes.clear()  # back in the recorder: not to be put back twice
            log.warning("writing delivery outcomes failed; kept for the next write", exc_info=True)
        return await self._storage.commit(claims, (), recorder.run, now=self._now)
