"""The delivery engine: daily briefings and announcements, from the database, at scale.

Every minute (and at start-up) a run streams the due subscriptions from SQLite in batches,
decides each one with `schedule.plan` (send now, or missed beyond the grace window), claims
the (chat, local day) in the delivery log BEFORE sending, sends through a bounded pool of
workers paced by `pacing`, and writes the outcomes in batches. Why this gives exactly one
briefing per local day: the claim is committed first, and a day already in the log is
never sent again, whatever its state; a claim left pending by a crash is marked failed at
start-up rather than resent, because Telegram cannot tell us whether that send went out.

Each distinct briefing text (keyed by what the subscriber last saw) is rendered once a run.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Protocol

from telegram import Bot, InlineKeyboardMarkup

from bot import schedule
from bot.sending import Sender, SendResult
from bot.storage import Outcome, Run, Storage, Subscription
from bot.storage_types import Status

log = logging.getLogger(__name__)


class DailyRenderer(Protocol):
    """What delivery needs from briefs.render.Renderer."""

    def daily(self, since: datetime | None, *, now: datetime | None = None) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Briefing:
    """The briefing source at the start of a run: a renderer and the store version it shows."""

    renderer: DailyRenderer
    version: datetime
    keyboard: InlineKeyboardMarkup | None = None


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


@dataclass(frozen=True, slots=True)
class _Job:
    """One chat's message(s); `day` is set for a daily briefing, None for an announcement."""

    subscription: Subscription
    parts: Sequence[str]
    keyboard: InlineKeyboardMarkup | None = None
    day: date | None = None
    next_due: datetime | None = None
    version: datetime | None = None

    def outcome(self, result: SendResult, now: datetime) -> Outcome:
        sub = self.subscription
        status: Status = "sent" if result.ok else "failed"
        return Outcome(
            sub.chat_id,
            self.day or now.date(),
            status,
            self.next_due or sub.next_due_utc,
            attempts=result.attempts,
            reason=result.reason,
            version=self.version if result.ok else None,
            deactivate=result.deactivate,
            seen=sub.updated_at,
        )


@dataclass(slots=True)
class _Recorder:
    """Buffers outcomes and writes them in batches (one transaction, one fsync, per batch),
    at least once a second."""

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
            if batch:
                await self.storage.record(batch, now=self.clock())


class Delivery:
    """Runs delivery: `run_once` for one pass, `start`/`stop` for the every-minute loop."""

    def __init__(
        self,
        storage: Storage,
        bot: Bot,
        briefing: Callable[[], Briefing],
        *,
        limits: Limits | None = None,
        clock: schedule.Clock = schedule.system_clock,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.storage = storage
        self.limits = limits or Limits()
        self.briefing = briefing
        self.clock = clock
        self.sender = Sender(bot, self.limits, sleep=sleep)
        self._task: asyncio.Task[None] | None = None

    # -- the loop ---------------------------------------------------------------------------
    async def start(self) -> None:
        """Recover from a crash, then run now and at the top of every minute."""
        recovered = await self.storage.recover()
        if recovered:
            log.warning("%d deliveries were interrupted by a crash; not resent", recovered)
        self._task = asyncio.create_task(self._loop(), name="briefbot-delivery")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _loop(self) -> None:
        day = None
        while True:
            now = self.clock()
            try:
                if day != now.date():
                    day = now.date()
                    await self.storage.prune(day - timedelta(days=30))
                run = await self.run_once()
                if run.due:
                    log.info("delivery run: %s", run)
            except Exception:
                log.exception("delivery run failed; retrying next minute")
                await self.storage.recover()  # its claims are unknown sends: never resent
            moment = self.clock()
            await asyncio.sleep(60.05 - moment.second - moment.microsecond / 1e6)

    # -- runs -------------------------------------------------------------------------------
    async def run_once(self, now: datetime | None = None) -> Run:
        """Deliver everything due at `now` (default: the clock); return the run's figures."""
        now = now or self.clock()
        briefing = self.briefing()
        texts: dict[datetime | None, list[str]] = {}

        def text_for(subscription: Subscription) -> list[str]:
            since = subscription.last_version
            if since not in texts:
                texts[since] = briefing.renderer.daily(since, now=now)
            return texts[since]

        async def jobs(recorder: _Recorder, queue: asyncio.Queue[_Job | None]) -> None:
            async for batch in self.storage.due(now, self.limits.batch):
                await self._plan_batch(batch, now, briefing, text_for, recorder, queue)

        return await self._run("daily", now, jobs)

    async def _plan_batch(
        self,
        batch: list[Subscription],
        now: datetime,
        briefing: Briefing,
        text_for: Callable[[Subscription], list[str]],
        recorder: _Recorder,
        queue: asyncio.Queue[_Job | None],
    ) -> None:
        plans = [
            (
                s,
                schedule.plan(
                    s.hour,
                    s.minute,
                    s.tz,
                    now=now,
                    grace=self.limits.grace,
                    last_local_day=s.last_local_day,
                ),
            )
            for s in batch
        ]
        for sub, plan in plans:  # render before claiming: a template error must claim nothing
            if plan.deliver is not None:
                text_for(sub)
        deliver = [(s, p) for s, p in plans if p.deliver is not None]
        # Claim a worker pool's worth at a time, just before the queue takes it (put waits for
        # room): a crash then leaves only the few claims in the queue or in flight unsent,
        # not a whole batch of them.
        step = self.limits.pool
        for first in range(0, len(deliver), step):
            chunk = deliver[first : first + step]
            claimed = await self.storage.claim(
                (s.chat_id, p.deliver) for s, p in chunk if p.deliver is not None
            )
            for sub, plan in chunk:
                if sub.chat_id in claimed and plan.deliver is not None:
                    job = _Job(
                        sub,
                        text_for(sub),
                        briefing.keyboard,
                        plan.deliver,
                        plan.next_due,
                        briefing.version,
                    )
                    await queue.put(job)
                else:
                    await recorder.add(self._not_sent(sub, plan, now))
        for sub, plan in plans:
            if plan.deliver is None:
                await recorder.add(self._not_sent(sub, plan, now))

    def _not_sent(self, sub: Subscription, plan: schedule.Plan, now: datetime) -> Outcome:
        """The outcome for a subscription not sent this run: missed, or already claimed."""
        day = plan.deliver or plan.missed or schedule.local_day(now, sub.tz)
        status: Status = "missed" if plan.missed else "skipped"
        reason = f"missed: more than {self.limits.grace} late" if plan.missed else None
        outcome = Outcome(sub.chat_id, day, status, plan.next_due, reason=reason)
        return replace(outcome, seen=sub.updated_at)

    async def announce(self, html: str) -> Run:
        """Send one message to every active subscriber, paced and fault-handled like a run."""
        now = self.clock()

        async def jobs(recorder: _Recorder, queue: asyncio.Queue[_Job | None]) -> None:
            async for batch in self.storage.active(self.limits.batch):
                for sub in batch:
                    await queue.put(_Job(sub, [html]))

        return await self._run("announce", now, jobs)

    async def _run(
        self,
        kind: str,
        now: datetime,
        produce: Callable[[_Recorder, asyncio.Queue[_Job | None]], Awaitable[None]],
    ) -> Run:
        run = Run(id=await self.storage.start_run(kind, now=now), kind=kind)
        recorder = _Recorder(self.storage, run, self.clock, self.limits.batch)
        queue: asyncio.Queue[_Job | None] = asyncio.Queue(maxsize=2 * self.limits.pool)
        workers = [
            asyncio.create_task(self._work(queue, recorder)) for _ in range(self.limits.pool)
        ]
        try:
            await produce(recorder, queue)
            for _ in workers:
                await queue.put(None)
            await asyncio.gather(*workers)
        finally:
            for worker in workers:
                worker.cancel()
            await recorder.flush()
            await self.storage.finish_run(run, now=self.clock())
        return run

    async def _work(self, queue: asyncio.Queue[_Job | None], recorder: _Recorder) -> None:
        while (job := await queue.get()) is not None:
            chat_id = job.subscription.chat_id
            result = await self.sender.send_parts(chat_id, job.parts, job.keyboard)
            outcome = job.outcome(result, self.clock())
            if result.deactivate:
                log.info("subscription deactivated: %s", result.reason)
            if job.day is not None:
                await recorder.add(outcome)
                continue
            recorder.run.count(outcome)  # announcements are not part of the daily log
            if result.deactivate:
                await self.storage.set_active(
                    chat_id, False, now=self.clock(), reason=result.reason
                )


__all__ = ["Briefing", "DailyRenderer", "Delivery", "Limits"]
