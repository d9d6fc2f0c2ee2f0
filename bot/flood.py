"""Per-user flood control: at most `limit` commands in any `window` seconds, then one notice.

A sliding window of accepted timestamps per user. Once a user is over the limit they get
exactly one notice; further commands are dropped silently until the window lets them in
again, which re-arms the notice. Idle users are forgotten so memory stays bounded.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum


class Verdict(Enum):
    """What to do with one incoming command."""

    ALLOW = "allow"
    NOTIFY = "notify"  # over the limit: drop it, and tell the user once
    DROP = "drop"  # over the limit, already told


@dataclass
class _User:
    times: deque[float] = field(default_factory=deque)
    notified: bool = False


class FloodLimiter:
    """Counts commands per user; `check(user_id)` says allow, notify once, or drop."""

    def __init__(self, limit: int, *, window: float, clock: Callable[[], float]) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._users: dict[int, _User] = {}

    def check(self, user_id: int) -> Verdict:
        now = self._clock()
        user = self._users.setdefault(user_id, _User())
        while user.times and user.times[0] <= now - self.window:
            user.times.popleft()
        if len(user.times) < self.limit:
            user.times.append(now)
            user.notified = False
            return Verdict.ALLOW
        if user.notified:
            return Verdict.DROP
        user.notified = True
        return Verdict.NOTIFY

    def forget_idle(self) -> int:
        """Drop users with nothing inside the window; returns how many were dropped."""
        cutoff = self._clock() - self.window
        idle = [uid for uid, u in self._users.items() if not u.times or u.times[-1] <= cutoff]
        for uid in idle:
            del self._users[uid]
        return len(idle)

    def __len__(self) -> int:
        return len(self._users)
