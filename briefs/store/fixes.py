"""`briefs check --fix`: apply the fixes check already knows, by precise line edits.

Three fixes are mechanical once check has found them: a quote's start/end when its words
are elsewhere in the article (the nearest occurrence), an article's sha256 after an
intended edit of its text, and an event listed out of date order (moved to where order.py
says it belongs). Each is a line edit of the YAML as written, so comments, order and style
stay exactly as the curator left them; an event moves with the comment lines above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefs.store.articles import ArticleSource, read_articles
from briefs.store.facts import read_facts
from briefs.store.order import fixed_order
from briefs.store.pinning import BOM, digest
from briefs.store.problems import Problems
from briefs.store.schema import Record


@dataclass(frozen=True, slots=True)
class Fix:
    """One edit: the file and line it changes, and what it did, as printed to the curator."""

    path: Path
    line: int
    what: str


def _set_on_line(lines: list[str], line: int, key: str, value: str) -> bool:
    """Set `key: value` on a 1-based line; False when the key is not written there."""
    pattern = re.compile(rf"(\b{re.escape(key)}:\s*)[^\s,}}#]+")
    old = lines[line - 1]
    new = pattern.sub(lambda m: m.group(1) + value, old, count=1)
    lines[line - 1] = new
    return new != old


def _quote_spans(records: list[Record], texts: dict[str, str]) -> list[tuple[Record, int, int]]:
    found = []
    for record in records:
        quote, start, end = (record.values.get(k) for k in ("text", "start", "end"))
        article = texts.get(str(record.values.get("article")))
        if not (isinstance(quote, str) and isinstance(start, int) and isinstance(end, int)):
            continue
        if article is None or article[start:end] == quote or not quote:
            continue
        offsets = [m.start() for m in re.finditer(re.escape(quote), article)]
        if offsets:
            at = min(offsets, key=lambda offset: abs(offset - start))
            found.append((record, at, at + len(quote)))
    return found


def _fix_quotes(records: list[Record], texts: dict[str, str]) -> list[Fix]:
    fixes: list[Fix] = []
    by_file: dict[Path, list[str]] = {}
    for record, start, end in _quote_spans(records, texts):
        lines = by_file.setdefault(record.path, record.path.read_text("utf-8").split("\n"))
        old = (record.values.get("start"), record.values.get("end"))
        if _set_on_line(lines, record.line_for("start"), "start", str(start)) | _set_on_line(
            lines, record.line_for("end"), "end", str(end)
        ):
            fixes.append(
                Fix(
                    record.path,
                    record.line_for("start"),
                    f"quote '{record.id}': start, end {old[0]}, {old[1]} -> {start}, {end}",
                )
            )
    for path, lines in by_file.items():
        path.write_text("\n".join(lines), encoding="utf-8")
    return fixes


def _fix_pins(articles: list[ArticleSource]) -> list[Fix]:
    fixes: list[Fix] = []
    for article in articles:
        record = article.record
        if record is None or article.text is None:
            continue
        data = (record.path.with_suffix(".txt")).read_bytes()
        if data.startswith(BOM) or b"\r" in data:
            continue  # the layout is the problem to fix, not the pin
        wanted, pinned = digest(data), record.values.get("sha256")
        if pinned == wanted:
            continue
        text = record.path.read_text("utf-8")
        if "sha256" in record.lines:
            lines = text.split("\n")
            if not _set_on_line(lines, record.line_for("sha256"), "sha256", wanted):
                continue
            text, line = "\n".join(lines), record.line_for("sha256")
        else:
            text, line = (
                text.rstrip("\n") + f"\nsha256: {wanted}\n",
                text.rstrip("\n").count("\n") + 2,
            )
        record.path.write_text(text, encoding="utf-8")
        fixes.append(Fix(record.path, line, f"article '{article.id}': sha256 -> {wanted}"))
    return fixes


def _blocks(lines: list[str], records: list[Record]) -> tuple[list[str], list[list[str]]]:
    """The file split into a head and one block per record, with the comments above it."""
    starts = []
    for record in records:
        start = record.line - 1
        while start > 0 and lines[start - 1].lstrip().startswith("#"):
            start -= 1
        starts.append(start)
    head = lines[: starts[0]]
    blocks = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
    for n, block in enumerate(blocks):
        while block and not block[-1].strip():
            block = block[:-1]
        blocks[n] = block
    return head, blocks


def _fix_event_order(records: list[Record]) -> list[Fix]:
    order, moved = fixed_order(records)
    if not moved:
        return []
    path = records[0].path
    head, blocks = _blocks(path.read_text("utf-8").split("\n"), records)
    index = {id(r): i for i, r in enumerate(records)}
    out = list(head)
    for record in order:
        out.extend([*blocks[index[id(record)]], ""])
    path.write_text("\n".join(out).rstrip("\n") + "\n", encoding="utf-8")
    fixes = []
    for record in moved:
        position = [id(r) for r in order].index(id(record))
        where = f"below '{order[position - 1].id}'" if position else "to the top"
        fixes.append(Fix(path, record.line, f"event '{record.id}': moved {where}"))
    return fixes


def fix_store(root: Path) -> list[Fix]:
    """Apply every mechanical fix to the store at root; the fixes made, in the order made."""
    problems = Problems(root)
    articles = read_articles(root, problems)
    fixes = _fix_pins(articles)
    if fixes:  # the texts are pinned anew: read them again so the spans are checked
        articles = read_articles(root, Problems(root))
    facts = read_facts(root, Problems(root))
    texts = {a.id: a.text for a in articles if a.text is not None and a.pinned}
    fixes += _fix_quotes(facts.lists.get("quotes", []), texts)
    events = facts.lists.get("events", [])
    if events:
        fixes += _fix_event_order(events)
    return fixes
