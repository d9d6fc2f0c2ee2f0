"""Runs every benchmark module and prints one Markdown table of figures.

`make bench` runs this. Each module runs BENCH_RUNS times (3 by default); a figure shows
the run with the median of its first number, with that number's min and max over the runs,
so one lucky or unlucky run cannot make the table. The machine line names the CPU and the
load when the run started (a shared machine slows everything). With --write-readme the
table also replaces the block between the bench markers in README.md, so the recorded
figures always come from a real run.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = (
    "bench_store",
    "bench_render",
    "bench_answers",
    "bench_ingest",
    "bench_add_ingest",
    "bench_bot",
    "bench_delivery",
    "bench_alerts",
    "bench_zones",
)
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
# Figures come from the frozen fixture store, so they compare across runs as seeds/ grows.
FIXTURE_STORE = ROOT / "tests" / "fixtures" / "store"


RUNS = int(os.environ.get("BENCH_RUNS", "3"))
NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (the machine type where there is none)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    return platform.machine()


def combine(figures: list[str]) -> str:
    """The figure of the run with the median first number, and that number's min and max."""
    firsts = [match.group() for figure in figures if (match := NUMBER.search(figure))]
    if len(set(figures)) == 1 or len(firsts) != len(figures):
        return " / ".join(dict.fromkeys(figures))
    ranked = sorted(zip(figures, firsts, strict=True), key=lambda pair: _value(pair[1]))
    median = ranked[len(ranked) // 2][0]
    return f"{median} (min {ranked[0][1]}, max {ranked[-1][1]})"


def _value(number: str) -> float:
    return float(number.replace(",", ""))


def run(selected: list[str]) -> str:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = [
        f"Machine: {cpu_model()}, {os.cpu_count()} cores (shared; load average {load} at the"
        f" start), Python {platform.python_version()}, run {time.strftime('%Y-%m-%d')}.",
        "",
        f"| benchmark | median of {RUNS} runs (min, max of its first number) |",
        "|---|---|",
    ]
    for name in selected:
        started = time.perf_counter()
        module = importlib.import_module(f"tests.bench.{name}")
        runs: dict[str, list[str]] = {}
        for _ in range(RUNS):
            for label, figure in module.main():
                runs.setdefault(label, []).append(figure)
        for label, figures in runs.items():
            lines.append(f"| {label} | {combine(figures)} |")
        print(f"{name}: done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return "\n".join(lines) + "\n"


def write_readme(table: str) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    block = f"{START}\n{table}{END}"
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text + "\n" + block
    readme.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("only", nargs="*", help=f"modules to run (default: all of {MODULES})")
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args()
    unknown = set(args.only) - set(MODULES)
    if unknown:
        parser.error(f"unknown benchmark module(s): {sorted(unknown)}")
    sys.path.insert(0, str(ROOT))
    os.environ["BRIEFBOT_STORE_DIR"] = str(FIXTURE_STORE)
    table = run(args.only or list(MODULES))
    print(table)
    if args.write_readme:
        write_readme(table)


if __name__ == "__main__":
    main()
