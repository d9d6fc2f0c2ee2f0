"""The delivery engine: daily briefings and announcements, from the database, at scale.

Every minute (and at start-up) a run streams the due subscriptions from SQLite in batches,
decides each one with `schedule.plan` (send now, or missed beyond the grace window), and
queues it to a bounded pool of workers paced by `pacing`. A worker whose pacing slot has
come claims the (chat, local day) in the delivery log (bot.delivery.claims commits the claims of
that moment together) BEFORE sending; each outcome goes into the next such commit
(bot.delivery.recorder). Why
this gives exactly one briefing per local day: the claim is committed first, and a day
already in the log is never sent again, whatever its state. Why claim so late: a crash
strands only the claims of sends in flight, at most one a worker, marked failed at start-up
rather than resent (Telegram cannot tell us whether they went out); a run that ends early
gives back a claim whose send had not started. The run's row is written with its first
commit, so a run the process dies in is found unfinished, and marked interrupted, at the
next start. Producer, workers and claimer share one TaskGroup: one chat's trouble is logged
and the run goes on, anything else ends the run (no one waits on a dead worker), and the
loop tries again the next minute.
Each distinct text is rendered once a run (bot.delivery.daily_text). Alerts ("New in the
story", bot.delivery.alerts) go through the same run, with their own once-per-version log.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from telegram import Bot, InlineKeyboardMarkup

from bot.delivery.alerts import AlertSource, alert_plan, nothing_to_tell
from bot.delivery.claims import Claimer
from bot.delivery.daily_text import Briefing, DailyRenderer, TextFor, texts
from bot.delivery.recorder import Recorder
from bot.delivery.sending import Limits, Sender, SendResult
from bot.subscriptions import schedule
from bot.subscriptions.alert_storage import Alerts
from bot.subscriptions.languages import Languages
from bot.subscriptions.records import Status
from bot.subscriptions.storage import Outcome, Run, Storage, Subscription
from briefs.i18n import DEFAULT

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Job:
    """One chat's message(s); `day` is set for a daily briefing, None for an announcement."""

    subscription: Subscription
    parts: Sequence[str]
    keyboard: InlineKeyboardMarkup | None = None
    day: date | None = None
    next_due: datetime | None = None
    version: datetime | None = None

    def outcome(self, chat_id: int, result: SendResult, now: datetime) -> Outcome:
        sub = self.subscription
        return Outcome(
            chat_id,
            self.day or now.date(),
            "sent" if result.ok else "failed",
            self.next_due or sub.next_due_utc,
            attempts=result.attempts,
            reason=result.reason,
            version=self.version if result.ok else None,
            deactivate=result.deactivate,
            seen=sub.updated_at,
            zone=sub.tz,
            at=now,
        )


@dataclass(slots=True)
class _Pass:
    """One run in progress: its recorder, claimer, the queue to the workers, and the claims
    (chat -> local day) whose send has not started, which the run gives back if it ends early."""

    recorder: Recorder
    claimer: Claimer
    queue: asyncio.Queue[_Job | None]
    unstarted: dict[int, date] = field(default_factory=dict)


Produce = Callable[[_Pass], Awaitable[None]]


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
        alerts: Callable[[], AlertSource] | None = None,
    ) -> None:
        self.storage = storage
        self.alerts = alerts
        self.limits = limits or Limits()
        self.briefing = briefing
        self.clock = clock
        self.sender = Sender(bot, self.limits, sleep=sleep)
        self._sleep = sleep
        self._task: asyncio.Task[None] | None = None

    # -- the loop ---------------------------------------------------------------------------
    async def start(self) -> None:
        """Resolve what the last stop left pending, then run now and every minute."""
        recovered = await self.storage.recover(now=self.clock())
        recovered += await Alerts.of(self.storage).recover_alerts()
        if recovered:
            # A crash or a stop mid-send (SIGTERM cancels sends in flight): either way unknown.
            log.warning("%d deliveries were interrupted by the last stop; not resent", recovered)
        self._task = asyncio.create_task(self._loop(), name="briefbot-delivery")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _loop(self) -> None:
        day, failed = None, False
        while True:
            now = self.clock()
            try:
                if failed:  # its sends in flight are unknown: marked failed, never resent
                    await self.storage.recover(now=self.clock())
                    await Alerts.of(self.storage).recover_alerts()
                    failed = False
                if day != now.date():
                    await self.storage.prune(now.date() - timedelta(days=30))
                    await Alerts.of(self.storage).prune_alerts(now.date() - timedelta(days=30))
                    day = now.date()
                run = await self.run_once()
                if run.due:
                    log.info("delivery run: %s", run)
                if alerted := await self.alert_once():
                    log.info("alert run: %s", alerted)
            except Exception:
                log.exception("delivery run failed; retrying next minute")
                failed = True
            moment = self.clock()
            await self._sleep(60.05 - moment.second - moment.microsecond / 1e6)

    # -- runs -------------------------------------------------------------------------------
    async def run_once(self, now: datetime | None = None) -> Run:
        """Deliver everything due at `now` (default: the clock); return the run's figures."""
        now = now or self.clock()
        briefing = self.briefing()
        text_for = texts(briefing.renderer, now)

        async def jobs(state: _Pass) -> None:
            async for batch in self.storage.due(now, self.limits.batch):
                await self._plan_batch(batch, now, briefing, text_for, state)

        return await self._run("daily", now, jobs)

    async def _plan_batch(
        self,
        batch: list[Subscription],
        now: datetime,
        briefing: Briefing,
        text_for: TextFor,
        state: _Pass,
    ) -> None:
        plans = [(s, self._plan(s, now)) for s in batch]
        langs = await Languages.of(self.storage).stored(s.chat_id for s, p in plans if p.deliver)
        # Render before queueing: a template error must claim nothing. The workers claim.
        for sub, plan in plans:
            if (day := plan.deliver) is None:
                await state.recorder.add(self._not_sent(sub, plan, now))
            else:
                lang = langs.get(sub.chat_id, DEFAULT)
                parts = text_for(sub, day, lang)
                keyboard = briefing.keyboards.get(lang, briefing.keyboard)
                job = _Job(sub, parts, keyboard, day, plan.next_due, briefing.version)
                await state.queue.put(job)

    def _plan(self, sub: Subscription, now: datetime) -> schedule.Plan:
        return schedule.plan(
            sub.hour,
            sub.minute,
            sub.tz,
            now=now,
            grace=self.limits.grace,
            last_local_day=sub.last_local_day,
        )

    def _not_sent(self, sub: Subscription, plan: schedule.Plan, now: datetime) -> Outcome:
        """The outcome for a subscription not sent this run: missed, or already claimed."""
        day = plan.deliver or plan.missed or schedule.local_day(now, sub.tz)
        status: Status = "missed" if plan.missed else "skipped"
        reason = f"missed: more than {self.limits.grace} late" if plan.missed else None
        outcome = Outcome(sub.chat_id, day, status, plan.next_due, reason=reason)
        return replace(outcome, seen=sub.updated_at)

    async def _claim(self, job: _Job, day: date, state: _Pass) -> bool:
        """Claim the chat's day once its first request may go (see bot.delivery.claims); False, with
        the day recorded as skipped, when the day is already in the log."""
        sub = job.subscription
        await self.sender.pace(sub.chat_id)
        state.unstarted[sub.chat_id] = day  # a cancelled claim may still have committed
        claimed = await state.claimer.claim(sub.chat_id, day, schedule.day_start(day, sub.tz))
        del state.unstarted[sub.chat_id]  # from here on, the send is under way
        if not claimed:
            outcome = Outcome(sub.chat_id, day, "skipped", job.next_due or sub.next_due_utc)
            await state.recorder.add(replace(outcome, seen=sub.updated_at))
        return claimed

    async def alert_once(self, now: datetime | None = None) -> Run | None:
        """Send "New in the story" to every alert chat behind the store's version, once per
        version (claimed like a daily's day); None when no chat is behind."""
        if self.alerts is None:
            return None
        now, source = now or self.clock(), self.alerts()
        alerts = Alerts.of(self.storage, source.version)
        if not await alerts.behind():
            return None

        async def jobs(state: _Pass) -> None:
            async for sub, parts, lang in alert_plan(alerts, source, now, self.limits.batch):
                if not parts:
                    await state.recorder.add(nothing_to_tell(sub))
                    continue
                due, keyboard = sub.next_due_utc, source.keyboards.get(lang, source.keyboard)
                await state.queue.put(_Job(sub, parts, keyboard, due.date(), due, due))

        return await self._run("alert", now, jobs, alerts)

    async def announce(self, html: str) -> Run:
        """Send one message to every active subscriber, paced and fault-handled like a run."""

        async def jobs(state: _Pass) -> None:
            async for batch in self.storage.active(self.limits.batch):
                for sub in batch:
                    await state.queue.put(_Job(sub, [html]))

        return await self._run("announce", self.clock(), jobs, start=True)

    async def _run(
        self,
        kind: str,
        now: datetime,
        produce: Produce,
        ledger: Storage | None = None,
        *,
        start: bool = False,
    ) -> Run:
        """One run; `ledger` is where claims and outcomes go (an alert run's Alerts); `start`
        writes the run's row at once (announcements write no outcomes, so their row would
        otherwise first appear at the end)."""
        ledger = ledger or self.storage
        run = Run(id=0, kind=kind, started_at=now.astimezone(UTC).isoformat())
        if start:
            await ledger.start_run(run)
        recorder = Recorder(ledger, run, self.clock, self.limits.batch)
        claimer = Claimer(ledger, now, recorder, most=self.limits.pool // 2)
        state = _Pass(recorder, claimer, asyncio.Queue(maxsize=2 * self.limits.pool))

        async def feed() -> None:
            await produce(state)
            for _ in range(self.limits.pool):
                await state.queue.put(None)

        try:
            async with asyncio.TaskGroup() as group:
                group.create_task(claimer.run())
                workers = [group.create_task(self._work(state)) for _ in range(self.limits.pool)]
                group.create_task(feed())
                await asyncio.wait(workers)
                claimer.close()  # no worker is left to ask it; it finishes its commit
        except BaseExceptionGroup as failed:  # the first failure, not a group of one
            raise failed.exceptions[0] if len(failed.exceptions) == 1 else failed from None
        finally:
            await ledger.release(list(state.unstarted.items()))
            await recorder.flush()
            await self.storage.finish_run(run, now=self.clock())
        return run

    async def _work(self, state: _Pass) -> None:
        while (job := await state.queue.get()) is not None:
            if job.day is not None and not await self._claim(job, job.day, state):
                continue  # a claim that fails to commit ends the run, like any store failure
            try:
                await self._deliver(job, state)
            except Exception:  # one chat's trouble (say, the log write failed): the run goes on
                log.exception("delivery to one chat failed; its outcome is kept for a later write")

    async def _deliver(self, job: _Job, state: _Pass) -> None:
        chat_id, recorder = job.subscription.chat_id, state.recorder
        result = await self._send(chat_id, job, paced=job.day is not None)
        if result.migrated_to is not None:
            chat_id, result = await self._follow(chat_id, result.migrated_to, result, job)
        outcome = job.outcome(chat_id, result, self.clock())
        if result.deactivate:
            log.info("subscription deactivated: %s", result.reason)
        if job.day is not None:
            await recorder.add(outcome)
            return
        recorder.run.count(outcome)  # announcements are not part of the daily log
        if result.deactivate:
            await self.storage.set_active(chat_id, False, now=self.clock(), reason=result.reason)

    async def _send(self, chat_id: int, job: _Job, *, paced: bool = False) -> SendResult:
        try:
            return await self.sender.send_parts(chat_id, job.parts, job.keyboard, paced=paced)
        except Exception as error:  # a bug, not Telegram's answer: whether it went out is unknown
            log.exception("sending to a chat failed unexpectedly")
            return SendResult(False, 1, f"{type(error).__name__}; not resent, it may have arrived")

    async def _follow(
        self, chat_id: int, new: int, result: SendResult, job: _Job
    ) -> tuple[int, SendResult]:
        """The group became supergroup `new`: move the subscription there and send there now;
        if `new` has a subscription of its own, this one is retired instead."""
        if not await self.storage.migrate(chat_id, new):
            reason = f"{result.reason}; chat {new} has its own subscription"
            return chat_id, replace(result, reason=reason, deactivate=True)
        again = await self._send(new, job)
        return new, replace(again, attempts=result.attempts + again.attempts)


__all__ = ["AlertSource", "Briefing", "DailyRenderer", "Delivery", "Limits"]
