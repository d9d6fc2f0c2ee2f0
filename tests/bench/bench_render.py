"""Rendering benchmark: every briefing, page, answer and daily briefing after warm-up.

Target (issue 2, section 8): each renders in under 5 ms after warm-up. Nothing is cached
between runs except compiled templates: each call renders from the store again.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from briefs.render import SECTIONS, Renderer
from tests.support.store import fixture_store

RUNS = 300
WARMUP = 20
NOW = datetime(2026, 1, 15, 9, tzinfo=UTC)
SINCE = datetime(2026, 1, 11, 13, tzinfo=UTC)


def _time(call: Callable[[], object]) -> tuple[float, float]:
    for _ in range(WARMUP):
        call()
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def cases(renderer: Renderer) -> dict[str, Callable[[], object]]:
    """Every rendering the bot asks for, by a readable name."""
    found: dict[str, Callable[[], object]] = {}
    for name in SECTIONS:
        found[f"section {name}"] = partial(renderer.section, name, now=NOW)
        found[f"page {name} 1"] = partial(renderer.page, name, 1, now=NOW)
    found["section quotes --arg chong"] = lambda: renderer.section("quotes", now=NOW, arg="chong")
    found["section summary (text)"] = lambda: renderer.section("summary", fmt="text", now=NOW)
    found["answer 'when does Carney meet Xi?'"] = lambda: renderer.answer(
        "when does Carney meet Xi?"
    )
    found["answer (no match)"] = lambda: renderer.answer("qwzx plorb")
    found["search 'chong' (inline)"] = lambda: renderer.search("chong")
    found["daily, new facts"] = lambda: renderer.daily(SINCE, now=NOW)
    found["daily, nothing new"] = lambda: renderer.daily(NOW, now=NOW)
    found["Renderer(store) + summary"] = lambda: Renderer(renderer.store).section(
        "summary", now=NOW
    )
    return found


def main() -> list[tuple[str, str]]:
    renderer = Renderer(fixture_store())
    rows = []
    for label, call in cases(renderer).items():
        median, p95 = _time(call)
        flag = "" if p95 < 5 else " (over the 5 ms target)"
        rows.append((f"render: {label}", f"median {median:.2f} ms, p95 {p95:.2f} ms{flag}"))
    return rows


if __name__ == "__main__":
    for label, figure in main():
        print(f"{label:45} {figure}")
