"""The one module that owns SQLite: subscriptions, the delivery log and delivery runs.

Durability choices, and why:
- WAL, so the delivery loop's reads never block a handler's write and vice versa.
- synchronous=FULL: a commit is fsynced before `subscribe` returns, so a subscription the user
  was told about survives a power cut, not only a killed process (NORMAL in WAL would survive
  SIGKILL but may lose the newest commits on power loss). The delivery log is written in
  batches, so the fsync count grows with batches, not with messages.
- busy_timeout, so a second process (an operator's sqlite3 shell) waits instead of failing.
- One connection, and an asyncio lock around every transaction: aiosqlite runs statements on
  one thread, so without the lock a coroutine's statement could land inside another's BEGIN.

Nothing is stored about a chat beyond its id, its chosen time and zone, whether it wants
alerts (bot.subscriptions.alert_storage), its language (bot.subscriptions.languages) and the
delivery logs.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import aiosqlite

from bot.subscriptions.records import Outcome, Run, Stats, Subscription, epoch, iso
from bot.subscriptions.schema import (
    CLAIM,
    CLAIM_AGAIN,
    DUE,
    INSERT_RUN,
    LAST_RUN,
    MIGRATIONS,
    RECORD_LOG,
    RECORD_SUBSCRIPTION,
    RECOVER_DELIVERIES,
    RECOVER_RUNS,
    SCHEMA_VERSION,
    UPDATE_RUN,
    ForeignSchema,
    SchemaTooNew,
)

__all__ = ["SCHEMA_VERSION", "Outcome", "Run", "Stats", "Storage", "Subscription"]


def _check(path: str) -> None:
    """Raise sqlite3's own error for a file that is no database, and SchemaRefused for one
    with a newer or a foreign schema; only reads, so a refused file is left as it was."""
    raw = sqlite3.connect(path)
    try:
        version = int(raw.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(version)
        if version == 0:  # ours records its version with the tables, in one transaction
            names = raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite%' ORDER BY name"
            )
            if tables := [str(name) for (name,) in names]:
                raise ForeignSchema(tables)
    finally:
        raw.close()


class Storage:
    """Subscriptions and their delivery log in one SQLite file; open with `Storage.open`."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Storage:
        """Check the schema, then set the durability pragmas and migrate; on failure the
        connection's thread is closed too (a live one keeps the process from exiting)."""
        # Checked with sqlite3 first, before anything is written (WAL changes the file): a
        # refused file stays byte for byte as it was. Also, when aiosqlite's own connect
        # fails, its thread later reports to an event loop that may be closed by then.
        await asyncio.to_thread(_check, str(path))
        connection = await aiosqlite.connect(str(path), isolation_level=None)
        connection.row_factory = aiosqlite.Row  # rows are read by column name
        try:
            for pragma in (
                "PRAGMA journal_mode = WAL",
                "PRAGMA synchronous = FULL",
                "PRAGMA busy_timeout = 5000",
                "PRAGMA foreign_keys = ON",
            ):
                await connection.execute(pragma)
            storage = cls(connection)
            await storage._migrate()
        except BaseException:
            await connection.close()
            raise
        return storage

    async def close(self) -> None:
        async with self._lock:
            await self._db.close()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._lock:
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                await self._db.execute("ROLLBACK")
                raise
            await self._db.execute("COMMIT")

    async def _migrate(self) -> None:
        async with self._transaction() as db:
            async with db.execute("PRAGMA user_version") as cursor:
                row = await cursor.fetchone()
            current = int(row["user_version"]) if row else 0
            if current > SCHEMA_VERSION:
                raise SchemaTooNew(current)
            for version, statements in enumerate(MIGRATIONS[current:], start=current + 1):
                for statement in statements:
                    await db.execute(statement)
                await db.execute(f"PRAGMA user_version = {version}")

    async def schema_version(self) -> int:
        async with self._lock, self._db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row["user_version"]) if row else 0

    # -- one chat ------------------------------------------------------------------------
    async def get(self, chat_id: int) -> Subscription | None:
        async with (
            self._lock,
            self._db.execute("SELECT * FROM subscriptions WHERE chat_id = ?", (chat_id,)) as cursor,
        ):
            row = await cursor.fetchone()
        return Subscription.from_row(row) if row else None

    async def subscribe(
        self,
        chat_id: int,
        hour: int,
        minute: int,
        tz: str,
        *,
        now: datetime,
        next_due: Callable[[date | None], datetime],
    ) -> Subscription:
        """Create or update the chat's one subscription (active); committed when this returns.

        `next_due(last_local_day)` runs inside the transaction, so the day already delivered
        is never scheduled again, however the time or zone changes: the day is given as a
        day in `tz`, the new zone (see schedule.last_day_in).
        """
        async with self._transaction() as db:
            async with db.execute(
                "SELECT * FROM subscriptions WHERE chat_id = ?", (chat_id,)
            ) as cursor:
                row = await cursor.fetchone()
            last_day = Subscription.from_row(row, zone=tz).last_local_day if row else None
            stamp = iso(now)
            async with db.execute(
                "INSERT INTO subscriptions (chat_id, hour, minute, tz, active, created_at,"
                " updated_at, next_due_utc) VALUES (?, ?, ?, ?, 1, ?, ?, ?)"
                " ON CONFLICT (chat_id) DO UPDATE SET hour = excluded.hour,"
                " minute = excluded.minute, tz = excluded.tz, active = 1,"
                " updated_at = excluded.updated_at, next_due_utc = excluded.next_due_utc,"
                " deactivated_reason = NULL RETURNING *",
                (chat_id, hour, minute, tz, stamp, stamp, epoch(next_due(last_day))),
            ) as cursor:
                saved = await cursor.fetchone()
        assert saved is not None
        return Subscription.from_row(saved)

    async def set_active(
        self,
        chat_id: int,
        active: bool,
        *,
        now: datetime,
        reason: str | None = None,
        next_due: Callable[[Subscription], datetime] | None = None,
    ) -> Subscription | None:
        """Deactivate with a reason, or reactivate (rescheduled by `next_due`)."""
        async with self._transaction() as db:
            async with db.execute(
                "SELECT * FROM subscriptions WHERE chat_id = ?", (chat_id,)
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            current = Subscription.from_row(row)
            due = next_due(current) if (active and next_due) else current.next_due_utc
            async with db.execute(
                "UPDATE subscriptions SET active = ?, deactivated_reason = ?, updated_at = ?,"
                " next_due_utc = ? WHERE chat_id = ? RETURNING *",
                (int(active), None if active else reason, iso(now), epoch(due), chat_id),
            ) as cursor:
                saved = await cursor.fetchone()
        return Subscription.from_row(saved) if saved else None

    async def unsubscribe(self, chat_id: int, *, now: datetime) -> bool:
        """Stop deliveries but keep the chosen time and zone, so /subscribe can resume them."""
        before = await self.get(chat_id)
        if before is None or not before.active:
            return False
        await self.set_active(chat_id, False, now=now, reason="unsubscribed")
        return True

    async def forget(self, chat_id: int) -> bool:
        """Delete every row about the chat, pending claims too; True if there was anything.

        A send already under way still goes out, but `record` then writes nothing about it.
        """
        async with self._transaction() as db:
            gone = await db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
            log = await db.execute("DELETE FROM deliveries WHERE chat_id = ?", (chat_id,))
            alerts = await db.execute("DELETE FROM alerts WHERE chat_id = ?", (chat_id,))
            await db.execute("DELETE FROM alert_log WHERE chat_id = ?", (chat_id,))
            lang = await db.execute("DELETE FROM chat_languages WHERE chat_id = ?", (chat_id,))
            return bool(gone.rowcount or log.rowcount or alerts.rowcount or lang.rowcount)

    # -- delivery runs --------------------------------------------------------------------
    async def due(self, now: datetime, batch: int = 500) -> AsyncIterator[list[Subscription]]:
        """Active subscriptions due at `now`, oldest first, in batches (keyset paging).

        Each batch is its own short query, so memory stays at one batch however many are due,
        and rows the caller advances meanwhile are neither skipped nor repeated.
        """
        key = (-(2**62), -(2**63))
        while True:
            async with (
                self._lock,
                self._db.execute(DUE, (epoch(now), *key, batch)) as cursor,
            ):
                rows = list(await cursor.fetchall())
            if not rows:
                return
            yield [Subscription.from_row(row) for row in rows]
            key = (rows[-1]["next_due_utc"], rows[-1]["chat_id"])

    async def active(self, batch: int = 500) -> AsyncIterator[list[Subscription]]:
        """Every active subscription, in chat-id batches (for announcements)."""
        after = -(2**63)
        while True:
            async with (
                self._lock,
                self._db.execute(
                    "SELECT * FROM subscriptions WHERE active = 1 AND chat_id > ?"
                    " ORDER BY chat_id LIMIT ?",
                    (after, batch),
                ) as cursor,
            ):
                rows = list(await cursor.fetchall())
            if not rows:
                return
            yield [Subscription.from_row(row) for row in rows]
            after = rows[-1]["chat_id"]

    async def claim(
        self, items: Iterable[tuple[int, date, datetime]], *, now: datetime
    ) -> set[int]:
        """Insert a pending delivery per (chat, local day, that day's start in UTC); return the
        chats newly claimed.

        This is the exactly-once guard: a chat whose day is already in the log (sent, failed,
        missed, or pending from a run that died mid-send) is not returned, so it is not sent.
        Only a row written before that day began is claimed over: it was logged for another
        zone's day of that date, before the chat changed zone. Committed before any send.
        """
        return await self.commit(items, (), None, now=now)

    async def commit(
        self,
        claims: Iterable[tuple[int, date, datetime]],
        outcomes: Sequence[Outcome],
        run: Run | None,
        *,
        now: datetime,
    ) -> set[int]:
        """Outcomes, the run's figures so far and new claims (see `claim`) in one transaction
        (one fsync): a run's group commit (bot.delivery.claims). Returns the chats claimed.
        A ledger of its own (the alerts') overrides `_record` and `_claim`, not this."""
        wanted = list(claims)
        async with self._transaction() as db:
            if outcomes:
                await self._record(db, outcomes, now)
            if run is not None:
                await self._save_run(db, run)
            if not wanted:
                return set()
            return await self._claim(db, wanted, now)

    async def _claim(
        self, db: aiosqlite.Connection, claims: list[tuple[int, date, datetime]], now: datetime
    ) -> set[int]:
        """Claim (chat, local day) for each, inside the caller's transaction."""
        stamp = epoch(now)
        wanted = [[c, d.isoformat(), epoch(start), stamp] for c, d, start in claims]
        async with db.execute(CLAIM, (json.dumps(wanted),)) as cursor:
            claimed = {int(row["chat_id"]) for row in await cursor.fetchall()}
        if taken := [claim for claim in wanted if claim[0] not in claimed]:
            async with db.execute(CLAIM_AGAIN, (json.dumps(taken),)) as cursor:
                claimed.update(int(row["chat_id"]) for row in await cursor.fetchall())
        return claimed

    async def release(self, items: Iterable[tuple[int, date]]) -> None:
        """Give back claims no send was started for (a run stopped first): the next run sends."""
        sql, params = self._released(items)
        if params:
            async with self._transaction() as db:
                await db.executemany(sql, params)

    def _released(self, items: Iterable[tuple[int, date]]) -> tuple[str, list[tuple[object, ...]]]:
        """The DELETE that gives back these pending claims, and its parameters (the alerts'
        ledger keys its claims by version instead of by day)."""
        sql = "DELETE FROM deliveries WHERE chat_id = ? AND local_day = ? AND status = 'pending'"
        return sql, [(chat, day.isoformat()) for chat, day in items]

    async def migrate(self, old: int, new: int) -> bool:
        """A group became supergroup `new`: move its subscription and log there. False when
        `new` has a subscription of its own (or `old` has none), and nothing moves."""
        async with self._transaction() as db:
            async with db.execute("SELECT 1 FROM subscriptions WHERE chat_id = ?", (new,)) as c:
                if await c.fetchone() is not None:
                    return False
            moved = await db.execute(
                "UPDATE subscriptions SET chat_id = ? WHERE chat_id = ?", (new, old)
            )
            alerts = await db.execute(
                "UPDATE OR IGNORE alerts SET chat_id = ? WHERE chat_id = ?", (new, old)
            )
            await db.execute(
                "UPDATE OR IGNORE alert_log SET chat_id = ? WHERE chat_id = ?", (new, old)
            )
            await db.execute(
                "UPDATE OR IGNORE chat_languages SET chat_id = ? WHERE chat_id = ?", (new, old)
            )
            if not moved.rowcount and not alerts.rowcount:
                return False
            await db.execute("DELETE FROM deliveries WHERE chat_id = ?", (new,))
            await db.execute("UPDATE deliveries SET chat_id = ? WHERE chat_id = ?", (new, old))
            return True

    async def _record(
        self, db: aiosqlite.Connection, outcomes: Sequence[Outcome], now: datetime
    ) -> None:
        """Each outcome's log row and the chat's next due time (inside `commit`)."""
        log = [o.log_row(now) for o in outcomes if o.status != "skipped"]
        await db.executemany(RECORD_LOG, log)
        await db.executemany(RECORD_SUBSCRIPTION, [o.subscription_row(now) for o in outcomes])

    async def recover(self, *, now: datetime | None = None) -> int:
        """At start-up: pending claims belong to a run that died mid-send; mark them failed,
        and that run (its row unfinished) interrupted, counting them as its failures.

        They are not resent: the message may have gone out before the stop, and a second
        copy would break once-a-day. The log keeps the reason, so none is dropped silently.
        """
        stamp = iso(now or datetime.now(UTC))
        async with self._transaction() as db:
            cursor = await db.execute(RECOVER_DELIVERIES)
            await db.execute(RECOVER_RUNS, {"now": stamp, "failed": cursor.rowcount})
            return cursor.rowcount

    async def prune(self, before: date) -> None:
        """Drop delivery-log days older than `before`; last_local_day still guards the newest."""
        async with self._transaction() as db:
            await db.execute("DELETE FROM deliveries WHERE local_day < ?", (before.isoformat(),))
            await db.execute("DELETE FROM runs WHERE id <= (SELECT max(id) FROM runs) - 1000")

    async def start_run(self, run: Run) -> None:
        """Write the run's row now, unfinished: if the process dies, the row says so."""
        async with self._transaction() as db:
            await self._save_run(db, run)

    async def finish_run(self, run: Run, *, now: datetime) -> None:
        """Record a run's figures and its end; a minute's daily run with nothing due leaves
        no row (and costs no fsync)."""
        run.finished_at = iso(now)
        if run.id == 0 and run.due == 0 and run.kind == "daily":
            return
        async with self._transaction() as db:
            await self._save_run(db, run)

    @staticmethod
    async def _save_run(db: aiosqlite.Connection, run: Run) -> None:
        """Insert the run's row the first time, update its figures after that."""
        if run.id:
            await db.execute(UPDATE_RUN, run.row())
            return
        cursor = await db.execute(INSERT_RUN, run.row())
        run.id = int(cursor.lastrowid or 0)

    async def stats(self) -> Stats:
        async with self._lock:
            async with self._db.execute(
                "SELECT coalesce(sum(active), 0) AS active,"
                " count(*) - coalesce(sum(active), 0) AS inactive FROM subscriptions"
            ) as cursor:
                counts = await cursor.fetchone()
            async with self._db.execute(LAST_RUN) as cursor:
                last = await cursor.fetchone()
        assert counts is not None
        return Stats(counts["active"], counts["inactive"], Run.from_row(last))
