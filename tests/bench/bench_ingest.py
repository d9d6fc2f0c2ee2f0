"""Benchmark: `briefs ingest` on a ~5,000-word article built from the fixtures and seeds.

Warm means dateparser's language data is loaded (one ingest beforehand); each timed run
clears ingest's own parse cache first, so the figure is a fresh article, not a replay.
Target: under 2 s.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from briefs.ingest import ingest_file
from briefs.ingest.dates import parse_explicit
from tests.support.store import FIXTURE_STORE

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt")),
    FIXTURE_STORE / "articles" / "ap-beijing.txt",
    FIXTURE_STORE / "articles" / "polar-herald.txt",
]
TARGET_WORDS = 5_000
RUNS = 5


def _body(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("\n---\n", 1)[1]
    return [line for line in text.splitlines()[1:] if line.strip()]


def long_article() -> str:
    """A headline and paragraphs from every source, repeated until ~5,000 words."""
    paragraphs = [p for source in SOURCES for p in _body(source)]
    out, words, i = ["Carney's China visit: the long read"], 0, 0
    while words < TARGET_WORDS:
        paragraph = paragraphs[i % len(paragraphs)]
        out.append(paragraph)
        words += len(paragraph.split())
        i += 1
    return "\n".join(out) + "\n"


def main() -> list[tuple[str, str]]:
    """Rows of (measure, value) for the bench table."""
    text = long_article()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(text, encoding="utf-8")
        published = date(2026, 1, 12)
        ingest_file(path, published)
        timings, proposal = [], None
        for _ in range(RUNS):
            parse_explicit.cache_clear()
            start = time.perf_counter()
            proposal = ingest_file(path, published)
            timings.append(time.perf_counter() - start)
    assert proposal is not None
    median = statistics.median(timings)
    return [
        ("ingest article words", f"{len(text.split()):,}"),
        ("ingest quotes / dates found", f"{len(proposal.quotes)} / {len(proposal.dates)}"),
        (f"ingest median of {RUNS} (warm)", f"{median * 1000:.0f} ms"),
        ("ingest target", "< 2000 ms: " + ("met" if median < 2.0 else "MISSED")),
    ]


if __name__ == "__main__":
    for name, value in main():
        print(f"{name:32} {value}")
