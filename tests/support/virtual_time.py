"""Virtual time for code that takes a clock and a sleep: a sleep moves the clock at once.

Meant for waits that follow one another, such as paced sends: each one starts from the
clock the previous one left, so the clock ends where a wall clock would, without the wait.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class VirtualTime:
    """`clock` and `sleep` to inject; `waits` lists every sleep asked for, in order."""

    now: float = 0.0
    waits: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)  # still a suspension point, as a real sleep is
