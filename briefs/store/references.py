"""Checks across records: unique ids, references that resolve, quotes found at their spans."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from briefs.model import Update
from briefs.store.articles import ArticleSource
from briefs.store.facts import Facts
from briefs.store.problems import Problems
from briefs.store.schema import Record

# Typographic and straight marks both occur in the articles. The store keeps them exactly;
# this table is only used to explain a failed match.
_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'"})


# Kinds that story.yaml declares: the fix for an unknown one may be to declare it there.
DECLARED = {"side": "sides", "topic": "topics"}


def unknown(kind: str, value: str, known: Iterable[str], where: str) -> str:
    """'unknown person ...; did you mean ...?' with the closest known id, if any is close."""
    names = sorted(known)
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    declare = (
        f"; if it is new, declare it under {DECLARED[kind]}: in story.yaml"
        if kind in DECLARED
        else ""
    )
    if close:
        return f"unknown {kind} '{value}'; did you mean '{close[0]}'?{declare}"
    listed = ", ".join(names) or "(none yet)"
    return f"unknown {kind} '{value}'; use one from {where}: {listed}{declare}"


def fact_records(facts: Facts) -> list[Record]:
    """Every fact record in store order: people, quotes, events, reactions, summary points."""
    records = [
        r for key in ("people", "quotes", "events", "reactions") for r in facts.lists.get(key, [])
    ]
    return records + [r for points in facts.summary.values() for r in points]


def _unique(records: list[Record], problems: Problems) -> dict[str, Record]:
    seen: dict[str, Record] = {}
    for record in records:
        if record.id is None:
            continue
        first = seen.get(record.id)
        if first is None:
            seen[record.id] = record
            continue
        problems.add(
            record.path,
            record.line_for("id"),
            f"duplicate id '{record.id}': the {first.kind} at "
            f"{problems.display(first.path)}:{first.line_for('id')} has it too; rename one",
        )
        record.ok = False
    return seen


def _ref(
    record: Record, name: str, kind: str, known: dict[str, object], where: str, problems: Problems
) -> None:
    value = record.values.get(name)
    values = value if isinstance(value, tuple) else (value,) if isinstance(value, str) else ()
    for item in values:
        if item not in known:
            label = f"{record.kind} '{record.id}'" if record.id else record.kind
            problems.add(
                record.path, record.line_for(name), f"{label}: {unknown(kind, item, known, where)}"
            )
            record.ok = False


def _mark_hint(quote: str, article: str) -> str | None:
    at = article.translate(_MARKS).find(quote.translate(_MARKS))
    if at < 0:
        return None
    printed = article[at : at + len(quote)]
    pairs = sorted(
        {f"{a} where the quote has {b}" for a, b in zip(printed, quote, strict=True) if a != b}
    )
    return (
        f"it matches at {at}-{at + len(quote)} only if quotation marks are ignored: the article "
        f"has {'; '.join(pairs)}; copy the marks exactly as printed"
    )


def _outside(start: int, end: int, article_id: str, length: int) -> str | None:
    """Why start/end cannot be a span of the article at all, in words; None if they can."""
    if start < 0:
        return f"has start {start}, before the start of the article (offsets count from 0)"
    if end > length:
        return f"has end {end}, past the end of the article ({article_id} has {length} characters)"
    if start >= end:
        return f"has start {start} and end {end}; end is exclusive, so it is start + the length"
    return None


def span_problem(quote: str, start: int, end: int, article_id: str, article: str) -> str | None:
    """None when article[start:end] is the quote; otherwise what is wrong and how to fix it."""
    outside = _outside(start, end, article_id, len(article))
    if outside is None and article[start:end] == quote:
        return None
    head = outside or f"not found verbatim at {start}-{end}"
    found = [m.start() for m in re.finditer(re.escape(quote), article)]
    if found:
        at = min(found, key=lambda offset: abs(offset - start))
        return f"{head}; found at {at}-{at + len(quote)}; set start: {at}, end: {at + len(quote)}"
    hint = _mark_hint(quote, article)
    if hint:
        return f"{head}; {hint}"
    if outside is None:
        there = article[start:end]
        return f"{head} nor anywhere in {article_id} (the text there is {there!r}); copy it exactly"
    return f"{head}, and the text is nowhere in {article_id}; copy it exactly as printed"


def _check_span(record: Record, texts: dict[str, str], problems: Problems) -> None:
    quote, start, end = (record.values.get(k) for k in ("text", "start", "end"))
    article_id = record.values.get("article")
    if not (isinstance(quote, str) and isinstance(start, int) and isinstance(end, int)):
        return
    if not isinstance(article_id, str) or article_id not in texts:
        return
    message = span_problem(quote, start, end, article_id, texts[article_id])
    if message:
        field = "start" if "found at" in message or message.startswith("has start") else "text"
        line = record.line_for("end" if message.startswith("has end") else field)
        problems.add(record.path, line, f"quote '{record.id}' {message}")
        record.ok = False


def _check_update_source(record: Record, problems: Problems) -> None:
    """An update rests on its article: that article must be among the fact's sources."""
    update, sources = record.values.get("updated"), record.values.get("sources")
    if not isinstance(update, Update) or not isinstance(sources, tuple):
        return
    if update.article not in sources:
        label = f"{record.kind} '{record.id}'" if record.id else record.kind
        problems.add(
            record.path,
            record.line_for("updated"),
            f"{label}: updated cites {update.article}, which is not in its sources; "
            f"add {update.article} to sources",
        )
        record.ok = False


def check_references(articles: list[ArticleSource], facts: Facts, problems: Problems) -> None:
    """Record every broken reference, duplicate id and misplaced quote."""
    # An article whose text is not the pinned one has one problem already; its spans are moot.
    texts = {a.id: a.text for a in articles if a.text is not None and a.pinned}
    article_ids: dict[str, object] = dict.fromkeys(a.id for a in articles)
    sides: dict[str, object] = dict(_unique(facts.sides, problems))
    ids = _unique(fact_records(facts), problems)
    people: dict[str, object] = {k: r for k, r in ids.items() if r.kind == "person"}
    quotes: dict[str, object] = {k: r for k, r in ids.items() if r.kind == "quote"}
    topics: dict[str, object] = dict(facts.topics)
    skip = facts.unreadable
    for record in fact_records(facts):
        _ref(record, "sources", "article", article_ids, "articles/", problems)
        _check_update_source(record, problems)
        if "sides" not in skip:  # story.yaml was read, so its vocabulary is known
            _ref(record, "topics", "topic", topics, "story.yaml", problems)
        if record.kind == "person" and "sides" not in skip:
            _ref(record, "side", "side", sides, "story.yaml", problems)
        elif record.kind == "quote":
            if "people" not in skip:
                _ref(record, "speaker", "person", people, "people.yaml", problems)
            _ref(record, "article", "article", article_ids, "articles/", problems)
            _check_span(record, texts, problems)
        elif record.kind == "reaction":
            if "people" not in skip:
                _ref(record, "actor", "person", people, "people.yaml", problems)
            if "quotes" not in skip:
                _ref(record, "quotes", "quote", quotes, "quotes.yaml", problems)
