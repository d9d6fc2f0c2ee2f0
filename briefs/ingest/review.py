"""Walking proposals one by one, like `git add -p`, and the review file for the rest.

Each proposal is shown with why it was made; one line answers it: y accept, n skip,
e edit a field, m merge into a stored event, q quit (keeping what was accepted), ? help.
Answers are read line by line, so a pipe drives it as well as a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import yaml

from briefs.ingest.plan import Item
from briefs.model import Store

HELP = """y - accept this proposal
n - skip it (nothing is written)
e - edit a field, then answer again (a quote's text is found again in the article)
m - merge into a stored event: add this article to its sources
q - quit: write what was accepted so far
? - this help"""


def describe(item: Item) -> str:
    """One proposal in a few lines: what would change, and why it was proposed."""
    if item.action in ("add-source", "status"):
        head = f"{item.kind} {item.target}: {item.action}" + (
            f" -> {item.status}" if item.status else ""
        )
        return f"{head}\n  why: {item.why}"
    fields = {k: v for k, v in item.record.items() if k != "added"}
    shown = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=100_000)
    body = "\n".join(f"  {line}" for line in shown.splitlines())
    person = (
        f"\n  new speaker: {item.person['name']} ({item.person['side']})" if item.person else ""
    )
    return f"new {item.kind} ({item.confidence}): {item.why}\n{body}{person}"


def _edit(
    item: Item, ask: Callable[[str], str | None], text: str, say: Callable[[str], None]
) -> None:
    name = (ask("field? ") or "").strip()
    if name not in item.record or name in ("id", "added", "article"):
        editable = [k for k in item.record if k not in ("id", "added", "article")]
        say(f"fields you can edit: {', '.join(editable)}")
        return
    raw = ask(f"new {name}? ")
    if raw is None:
        return
    value: Any = yaml.safe_load(raw) if name not in ("text", "context") else raw.strip()
    if name == "text" and item.kind == "quote":
        at = text.find(value, max(0, item.record["start"] - len(value)))
        at = at if at >= 0 else text.find(value)
        if not value or at < 0:
            say("that text is not in the article; the quote keeps its text")
            return
        item.record["start"], item.record["end"] = at, at + len(value)
    if name == "speaker":
        item.person = None  # an existing person id now speaks; no new person is added
    item.record[name] = value


def walk(
    items: list[Item],
    store: Store,
    text: str,
    ask: Callable[[str], str | None],
    say: Callable[[str], None],
) -> list[Item]:
    """The proposals the maintainer accepts, in order; `ask` returns None at end of input."""
    accepted: list[Item] = []
    pending = [i for i in items if i.action != "stored"]
    index = 0
    while index < len(pending):
        item = pending[index]
        say(f"({index + 1}/{len(pending)}) {describe(item)}")
        answer = ask("accept [y,n,e,m,q,?]? ")
        if answer is None or answer.strip().lower() == "q":
            break
        choice = answer.strip().lower()[:1]
        if choice == "y":
            accepted.append(item)
        elif choice == "e" and item.record:
            _edit(item, ask, text, say)
            continue
        elif choice == "m" and item.kind == "event":
            target = (ask("merge into event id? ") or "").strip()
            if target not in {e.id for e in store.events}:
                say(f"no stored event '{target}'")
                continue
            item.action, item.target, item.record = "add-source", target, {}
            accepted.append(item)
        elif choice == "n":
            pass
        else:
            say(HELP)
            continue
        index += 1
    return accepted


def _plain(value: Any) -> Any:
    """Stamps as the store writes them, and no YAML anchors between entries."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return f"{value.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"
    return value


def review_yaml(article: str, items: list[Item]) -> bytes:
    """The proposals `--write` was not sure of, for `briefs ingest ID --review` or by hand."""
    entries = []
    for item in items:
        entry: dict[str, Any] = {
            "what": f"{item.action} {item.kind}",
            "confidence": item.confidence,
        }
        entry["why"] = item.why
        if item.target:
            entry["target"] = item.target
        if item.record:
            entry["proposal"] = item.record
        if item.person:
            entry["new_speaker"] = item.person
        entries.append(entry)
    head = (
        f"# Proposals from {article} that `briefs ingest {article} --write` was not sure of.\n"
        f"# Walk them with `briefs ingest {article} --review`, or copy what is right by hand.\n"
    )
    body = yaml.safe_dump(
        {"review": _plain(entries)}, allow_unicode=True, sort_keys=False, width=100_000
    )
    return (head + body).encode("utf-8")
