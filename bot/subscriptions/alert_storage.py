"""Alerts in SQLite: who wants "New in the story", and the once-per-version alert log.

Part of the storage (it runs on the Storage's one connection and lock, see `Alerts.of`),
kept in its own module so bot.subscriptions.storage stays about the daily briefing.

A delivery run binds it to one store version; it then stands in for the Storage that the
run's Claimer and Recorder write through, so alerts get the daily's group-committed claim
just before each send and batched outcomes: `claim`, `release` and `record` mean
(chat, that version) in `alert_log` instead of (chat, local day) in `deliveries`. Why this
gives one alert per version per chat across restarts: the claim is committed before the
send and never taken again; a chat is due while its `handled_version` is behind the store's,
which a run moves only when it records the chat's outcome, so a version loaded before a
restart and not yet sent is still due after it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import aiosqlite

from bot.subscriptions.records import Outcome, epoch, iso
from bot.subscriptions.storage import Storage

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)
INTERRUPTED = "interrupted: the bot stopped mid-send; not resent"


def micros(moment: datetime) -> int:
    """A store version as stored: whole microseconds since the epoch (exact, sortable)."""
    return (moment - _EPOCH) // _MICRO


def from_micros(value: int) -> datetime:
    return _EPOCH + value * _MICRO


@dataclass(frozen=True, slots=True)
class AlertChoice:
    """One chat's alert setting; `seen` is the store version its last alert covered."""

    chat_id: int
    active: bool
    seen: datetime
    updated_at: datetime
    deactivated_reason: str | None = None


def _choice(row: Sequence[Any]) -> AlertChoice:
    """A row of the columns the queries below select, in that order."""
    chat_id, active, updated_at, seen, reason = row[:5]
    return AlertChoice(
        chat_id, bool(active), from_micros(seen), datetime.fromisoformat(updated_at), reason
    )


_TURN_ON = (
    "INSERT INTO alerts (chat_id, active, created_at, updated_at, seen_version, handled_version)"
    " VALUES (?1, 1, ?2, ?2, ?3, ?3) ON CONFLICT (chat_id) DO UPDATE SET active = 1,"
    " updated_at = ?2, deactivated_reason = NULL,"
    # Already on: keep what is still to be sent. Off until now: start from this version.
    " seen_version = CASE WHEN active THEN seen_version ELSE ?3 END,"
    " handled_version = CASE WHEN active THEN handled_version ELSE ?3 END"
    " RETURNING chat_id, active, updated_at, seen_version, deactivated_reason"
)
_DUE = (
    "SELECT chat_id, active, updated_at, seen_version, deactivated_reason, handled_version"
    " FROM alerts WHERE active = 1 AND handled_version < ?"
    " AND (handled_version, chat_id) > (?, ?) ORDER BY handled_version, chat_id LIMIT ?"
)
_CLAIM = (
    "INSERT INTO alert_log (chat_id, version, status, attempts, logged_at)"
    " SELECT j.value, ?, 'pending', 0, ? FROM json_each(?) AS j"
    " WHERE true ON CONFLICT DO NOTHING RETURNING chat_id"
)
# A log row only while the chat still wants alerts (a /forget during the send wins).
_RECORD_LOG = (
    "INSERT INTO alert_log (chat_id, version, status, attempts, reason, logged_at)"
    " SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM alerts WHERE chat_id = ?1)"
    " ON CONFLICT (chat_id, version) DO UPDATE SET status = excluded.status,"
    " attempts = excluded.attempts, reason = excluded.reason, logged_at = excluded.logged_at"
)
_RECORD_CHAT = (
    "UPDATE alerts SET handled_version = max(handled_version, ?1),"
    " seen_version = CASE WHEN ?2 THEN max(seen_version, ?1) ELSE seen_version END,"
    " active = active AND NOT ?3, deactivated_reason = coalesce(?4, deactivated_reason)"
    " WHERE chat_id = ?5"
)


class Alerts(Storage):
    """Alert settings and log on a Storage's connection; `version` binds it to a run's."""

    version: datetime | None = None

    @classmethod
    def of(cls, storage: Storage, version: datetime | None = None) -> Alerts:
        """The alerts of `storage`, sharing its connection and its lock (one transaction at
        a time on the one connection, see bot.subscriptions.storage)."""
        alerts = cls(storage._db)
        alerts._lock = storage._lock
        alerts.version = version
        return alerts

    def _bound(self) -> int:
        if self.version is None:
            raise RuntimeError("an alert run needs Alerts bound to a store version")
        return micros(self.version)

    # -- one chat's setting -----------------------------------------------------------------
    async def choice(self, chat_id: int) -> AlertChoice | None:
        sql = (
            "SELECT chat_id, active, updated_at, seen_version, deactivated_reason"
            " FROM alerts WHERE chat_id = ?"
        )
        async with self._lock, self._db.execute(sql, (chat_id,)) as cursor:
            row = await cursor.fetchone()
        return _choice(row) if row else None

    async def turn_on(self, chat_id: int, *, now: datetime, version: datetime) -> AlertChoice:
        """Alerts on; from off (or never) they start after `version`, the store now shown."""
        params = (chat_id, iso(now), micros(version))
        async with self._transaction() as db, db.execute(_TURN_ON, params) as cursor:
            row = await cursor.fetchone()
        assert row is not None
        return _choice(row)

    async def turn_off(self, chat_id: int, *, now: datetime, reason: str = "off") -> bool:
        """Alerts off (the row stays, like an unsubscribed daily); False if they were not on."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE alerts SET active = 0, deactivated_reason = ?, updated_at = ?"
                " WHERE chat_id = ? AND active = 1",
                (reason, iso(now), chat_id),
            )
            return bool(cursor.rowcount)

    # -- runs -------------------------------------------------------------------------------
    async def due_alerts(self, batch: int = 500) -> AsyncIterator[list[AlertChoice]]:
        """Chats with alerts on whose handled version is behind the bound one, in batches
        (keyset paging on the alerts_due index, like the daily's due query)."""
        version, key = self._bound(), (-(2**62), -(2**63))
        while True:
            async with self._lock, self._db.execute(_DUE, (version, *key, batch)) as cursor:
                rows = list(await cursor.fetchall())
            if not rows:
                return
            yield [_choice(row) for row in rows]
            key = (rows[-1][5], rows[-1][0])

    async def behind(self) -> bool:
        """Whether any chat with alerts on is behind the bound version (one index probe, so a
        minute with nothing to alert costs no run)."""
        sql = "SELECT 1 FROM alerts WHERE active = 1 AND handled_version < ? LIMIT 1"
        async with self._lock, self._db.execute(sql, (self._bound(),)) as cursor:
            return await cursor.fetchone() is not None

    async def _claim(
        self, db: aiosqlite.Connection, claims: list[tuple[int, date, datetime]], now: datetime
    ) -> set[int]:
        """Claim (chat, the bound version) for each chat, inside Storage.commit's transaction;
        the day and day start the daily's claimer passes mean nothing here."""
        chats = json.dumps([chat for chat, _, _ in claims])
        async with db.execute(_CLAIM, (self._bound(), epoch(now), chats)) as cursor:
            return {int(row[0]) for row in await cursor.fetchall()}

    def _released(self, items: Iterable[tuple[int, date]]) -> tuple[str, list[tuple[object, ...]]]:
        """Storage.release's DELETE for alert claims: by chat and the bound version."""
        sql = "DELETE FROM alert_log WHERE chat_id = ? AND version = ? AND status = 'pending'"
        return sql, [(chat, self._bound()) for chat, _ in items]

    async def _record(
        self, db: aiosqlite.Connection, outcomes: Sequence[Outcome], now: datetime
    ) -> None:
        """Each log row, and each chat's handled (and, when sent, seen) version, so the chat
        is not due again for this version."""
        version = self._bound()
        log = [
            (o.chat_id, version, o.status, o.attempts, o.reason, epoch(o.at or now))
            for o in outcomes
            if o.status in ("sent", "failed")
        ]
        chats = [
            (version, o.status == "sent", int(o.deactivate), o.reason if o.deactivate else None,
             o.chat_id)
            for o in outcomes
        ]  # fmt: skip
        await db.executemany(_RECORD_LOG, log)
        await db.executemany(_RECORD_CHAT, chats)

    async def recover_alerts(self) -> int:
        """At start-up: pending alert claims belong to a send that was cut off; mark them
        failed, never resend (it may have arrived)."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE alert_log SET status = 'failed', reason = ? WHERE status = 'pending'",
                (INTERRUPTED,),
            )
            return cursor.rowcount

    async def prune_alerts(self, before: date) -> None:
        """Drop alert-log rows older than `before` (a chat's handled version still guards)."""
        start = datetime(before.year, before.month, before.day, tzinfo=UTC)
        async with self._transaction() as db:
            await db.execute("DELETE FROM alert_log WHERE logged_at < ?", (epoch(start),))
