"""Benchmark: loading and validating the curated store (YAML, spans, references, model).

The bot reloads the store on /reload and when its files change, so this is the cost a
maintainer's edit puts on a running bot.
"""

from __future__ import annotations

import statistics
import time

from briefs.store import load_store
from tests.support.store import FIXTURE_STORE

RUNS = 50


def _timings(runs: int) -> list[float]:
    load_store(FIXTURE_STORE)  # warm-up: imports and the OS file cache
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        load_store(FIXTURE_STORE)
        found.append((time.perf_counter() - started) * 1000)
    return found


def main() -> list[tuple[str, str]]:
    """Rows of (benchmark, figure) for tests/bench/run.py."""
    store = load_store(FIXTURE_STORE)
    timings = sorted(_timings(RUNS))
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    size = f"{len(store.facts())} facts, {len(store.articles)} articles"
    return [
        (
            f"store load + validate, median of {RUNS} ({size})",
            f"{statistics.median(timings):.1f} ms",
        ),
        (f"store load + validate, p95 of {RUNS}", f"{p95:.1f} ms"),
    ]


if __name__ == "__main__":
    for name, figure in main():
        print(f"{name}: {figure}")
