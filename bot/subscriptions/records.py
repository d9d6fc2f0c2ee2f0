"""Plain values that cross the storage boundary: a subscription, a send outcome, a run."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from bot.subscriptions.schedule import last_day_in

Status = Literal["sent", "failed", "missed", "skipped"]


def iso(moment: datetime) -> str:
    """How instants are stored as text: ISO 8601 in UTC."""
    return moment.astimezone(UTC).isoformat()


def epoch(moment: datetime) -> int:
    """How indexed instants are stored: whole seconds since the epoch."""
    return int(moment.timestamp())


@dataclass(frozen=True, slots=True)
class Subscription:
    """One chat's daily briefing: local time, IANA zone (or "UTC+05:30"), and its schedule."""

    chat_id: int
    hour: int
    minute: int
    tz: str
    active: bool
    created_at: datetime
    updated_at: datetime
    next_due_utc: datetime
    last_version: datetime | None
    last_local_day: date | None  # the last delivered day, as a day in `tz` (see from_row)
    deactivated_reason: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row, zone: str | None = None) -> Subscription:
        """A `SELECT *` row; its last day is read as a day in `zone` (default: its own zone)."""
        sent_at = row["last_sent_utc"]
        sent = datetime.fromtimestamp(sent_at, UTC) if sent_at is not None else None
        last_day = date.fromisoformat(row["last_local_day"]) if row["last_local_day"] else None
        version = row["last_version"]
        return cls(
            chat_id=row["chat_id"],
            hour=row["hour"],
            minute=row["minute"],
            tz=row["tz"],
            active=bool(row["active"]),
            created_at=datetime.fromisoformat(row["created_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
            next_due_utc=datetime.fromtimestamp(row["next_due_utc"], UTC),
            last_version=datetime.fromisoformat(version) if version else None,
            last_local_day=last_day_in(zone or row["tz"], last_day, row["last_tz"], sent),
            deactivated_reason=row["deactivated_reason"],
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one due subscriber's local day ended, and when it is due next.

    "skipped" means the day was already in the delivery log (nothing written but the new
    due time); a deactivation is a "failed" outcome with `deactivate` set.
    """

    chat_id: int
    local_day: date
    status: Status
    next_due: datetime
    attempts: int = 0
    reason: str | None = None
    version: datetime | None = None
    deactivate: bool = False
    seen: datetime | None = None  # the subscription's updated_at when the run read it
    zone: str | None = None  # the zone `local_day` is a day in
    at: datetime | None = None  # when it was sent (or given up)

    def log_row(self, now: datetime) -> tuple[object, ...]:
        """Parameters for storage_schema.RECORD_LOG."""
        at = self.at or now
        sent_at = iso(at) if self.status == "sent" else None
        day = self.local_day.isoformat()
        return (self.chat_id, day, self.status, self.attempts, self.reason, sent_at, epoch(at))

    def subscription_row(self, now: datetime) -> tuple[object, ...]:
        """Parameters for storage_schema.RECORD_SUBSCRIPTION (the sent day only when sent)."""
        sent = self.status == "sent"
        return (
            iso(self.seen) if self.seen else None,
            epoch(self.next_due),
            iso(self.version) if sent and self.version else None,
            self.local_day.isoformat() if sent else None,
            self.zone if sent else None,
            epoch(self.at or now) if sent else None,
            int(self.deactivate),
            self.reason if self.deactivate else None,
            self.chat_id,
        )


@dataclass(slots=True)
class Run:
    """One delivery run's figures, for /stats; `deferred` counts days missed or skipped, and
    `interrupted` marks a run the process died in (its row found unfinished at start-up)."""

    id: int
    kind: str
    started_at: str = ""
    finished_at: str | None = None
    due: int = 0
    sent: int = 0
    failed: int = 0
    deactivated: int = 0
    deferred: int = 0
    interrupted: bool = False

    @classmethod
    def from_row(cls, row: sqlite3.Row | None) -> Run | None:
        if row is None:
            return None
        fields: dict[str, Any] = {name: row[name] for name in row.keys()}  # noqa: SIM118
        return cls(**fields | {"interrupted": bool(fields.get("interrupted"))})

    def row(self) -> dict[str, Any]:
        """Named parameters for the runs table (bot.subscriptions.schema)."""
        return asdict(self)

    def count(self, outcome: Outcome) -> None:
        self.due += 1
        if outcome.deactivate:
            self.deactivated += 1
        elif outcome.status in ("sent", "failed"):
            setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        else:
            self.deferred += 1


@dataclass(frozen=True, slots=True)
class Stats:
    """Subscriber counts and the last finished run."""

    active: int
    inactive: int
    last_run: Run | None
