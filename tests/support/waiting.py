"""Waiting for a condition another task brings about, bounded, never for a fixed time.

The conditions tests wait on here are rows a delivery run commits through its own SQLite
connection: nothing to await, so the check is polled, and the wait fails with a clear
message once `within` seconds (on the loop's clock) have passed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def until(check: Callable[[], bool], *, within: float = 5.0, every: float = 0.01) -> None:
    """Return as soon as `check()` holds; AssertionError if it still does not after `within`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not check():
        assert loop.time() < deadline, "the condition never came"
        await asyncio.sleep(every)
