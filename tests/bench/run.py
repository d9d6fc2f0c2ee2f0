"""Runs every benchmark module and prints one Markdown table of figures.

`make bench` runs this. With --write-readme the table also replaces the block between the
bench markers in README.md, so the recorded figures always come from a real run.
"""

from __future__ import annotations

import argparse
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


def run(selected: list[str]) -> str:
    lines = [
        f"Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"run {time.strftime('%Y-%m-%d')}.",
        "",
        "| benchmark | figure |",
        "|---|---|",
    ]
    for name in selected:
        started = time.perf_counter()
        module = importlib.import_module(f"tests.bench.{name}")
        rows = module.main()
        for label, figure in rows:
            lines.append(f"| {label} | {figure} |")
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
