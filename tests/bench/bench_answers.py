"""Answer benchmark: every question of the question set on a store 20 times today's size.

Target (issue 8, section 6): an answer's p95 under 5 ms. The big store is generated from
the frozen fixture store (a copy of seeds/): each person, quote, event, reaction and
summary point copied 19 more times under new ids, with names and texts varied by made-up
words, so the vocabulary (which the typo search scans) grows with it, not only the facts.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from briefs.model import Event, Store, Summary
from briefs.render import Renderer
from briefs.store import load_store
from tests.support.store import FIXTURE_STORE

TIMES = 20
ROUNDS = 5
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
QUESTIONS = Path(__file__).resolve().parents[1] / "briefs" / "questions.yaml"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))


def grown(store: Store, times: int = TIMES, seed: int = 8) -> Store:
    """The store with every fact copied `times - 1` more times, varied so no copy repeats."""
    rng = random.Random(seed)
    people, quotes, reactions = list(store.people), list(store.quotes), []
    points = {name: list(pts) for name, pts in store.summary.sections()}
    events: list[tuple[date, int, Event]] = [(e.date, 0, e) for e in store.events]
    for k in range(1, times):

        def vary(text: str) -> str:
            return f"{text} {_word(rng)} {_word(rng)}"

        ids = {p.id: f"{p.id}-{k}" for p in store.people}
        people += [
            replace(p, id=ids[p.id], name=f"{p.name} {_word(rng).title()}") for p in store.people
        ]
        qids = {q.id: f"{q.id}-{k}" for q in store.quotes}
        quotes += [
            replace(q, id=qids[q.id], speaker=ids[q.speaker], context=vary(q.context))
            for q in store.quotes
        ]
        events += [
            (e.date, k, replace(e, id=f"{e.id}-{k}", text=vary(e.text))) for e in store.events
        ]
        reactions += [
            replace(
                r,
                id=f"{r.id}-{k}",
                actor=ids[r.actor],
                text=vary(r.text),
                quotes=tuple(qids[q] for q in r.quotes),
            )
            for r in store.reactions
        ]
        for name, pts in store.summary.sections():
            points[name] += [replace(p, id=f"{p.id}-{k}", text=vary(p.text)) for p in pts]
    ordered = tuple(e for _, _, e in sorted(events, key=lambda t: (t[0], t[1])))
    summary = Summary(**{name: tuple(pts) for name, pts in points.items()})
    return replace(
        store,
        people=tuple(people),
        quotes=tuple(quotes),
        events=ordered,
        reactions=tuple(reactions) + store.reactions,
        summary=summary,
    )


def main() -> list[tuple[str, str]]:
    questions = [c["q"] for c in yaml.safe_load(QUESTIONS.read_text("utf-8"))["questions"]]
    store = grown(load_store(FIXTURE_STORE))
    started = time.perf_counter()
    renderer = Renderer(store)
    renderer.reply("warm up the index", now=NOW)
    built = (time.perf_counter() - started) * 1000
    for q in questions:  # warm-up: templates compiled, typo cache filled once
        renderer.reply(q, now=NOW)
    samples, cpu = [], []
    for _ in range(ROUNDS):
        for q in questions:
            begun, used = time.perf_counter(), time.thread_time()
            renderer.reply(q, now=NOW)
            samples.append((time.perf_counter() - begun) * 1000)
            cpu.append((time.thread_time() - used) * 1000)
    samples.sort()
    cpu.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    cpu95 = cpu[int(len(cpu) * 0.95) - 1]
    facts = len(store.facts())
    met = "met" if p95 < 5 else "not met"
    return [
        (f"answers: store {TIMES}x ({facts:,} facts), index built", f"{built:.0f} ms"),
        (
            f"answers: {len(questions)} questions x {ROUNDS}, {TIMES}x store",
            f"median {statistics.median(samples):.2f} ms, p95 {p95:.2f} ms (< 5 ms: {met})",
        ),
        (
            f"answers: CPU time (what a busy machine does not inflate), {TIMES}x store",
            f"median {statistics.median(cpu):.2f} ms, p95 {cpu95:.2f} ms",
        ),
        (f"answers: slowest, {TIMES}x store", f"{samples[-1]:.2f} ms"),
    ]


if __name__ == "__main__":
    for label, figure in main():
        print(f"{label:55} {figure}")
