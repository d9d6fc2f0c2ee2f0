"""Plain values that cross the storage boundary: a subscription, a send outcome, a run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

Status = Literal["sent", "failed", "missed", "skipped"]


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
    last_local_day: date | None
    deactivated_reason: str | None


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


@dataclass(slots=True)
class Run:
    """One delivery run's figures, for /stats; `deferred` counts days missed or skipped."""

    id: int
    kind: str
    started_at: str = ""
    finished_at: str | None = None
    due: int = 0
    sent: int = 0
    failed: int = 0
    deactivated: int = 0
    deferred: int = 0

    @classmethod
    def from_row(cls, row: Sequence[Any] | None) -> Run | None:
        return cls(*row) if row else None

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
