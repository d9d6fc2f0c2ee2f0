"""Dates that cannot be right: each says what it contradicts. (Event order: order.py.)

- A quote is not `said` after its article was published.
- A fact is not `added` before the first of its articles was published, nor in the future.
  `added` is a UTC instant and `published` a local date, so the bound is the start of that
  date anywhere on Earth (UTC+14).
An article whose date is marked approximate may be APPROXIMATE_DAYS off either way.
Publication dates are only used when they were read cleanly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from briefs.model import DatedValue, Update
from briefs.store.articles import ArticleSource
from briefs.store.facts import Facts
from briefs.store.fields import PartialDate
from briefs.store.order import check_event_order, written
from briefs.store.problems import Problems
from briefs.store.references import fact_records
from briefs.store.schema import Record

# An approximate date is inferred from the text (seeds/articles/polar-herald.yaml says how);
# those inferences are good to a few days, not weeks.
APPROXIMATE_DAYS = 3
_EARLIEST_ZONE = timezone(timedelta(hours=14))


@dataclass(frozen=True, slots=True)
class Published:
    """When an article came out, and how far off that date may be."""

    day: date
    approximate: bool

    @property
    def slack(self) -> timedelta:
        return timedelta(days=APPROXIMATE_DAYS if self.approximate else 0)

    def shown(self) -> str:
        if self.approximate:
            return f"{self.day}, approximate to {APPROXIMATE_DAYS} days"
        return str(self.day)


def _published(articles: list[ArticleSource]) -> dict[str, Published]:
    found: dict[str, Published] = {}
    for article in articles:
        values = {} if article.record is None else article.record.values
        day, approximate = values.get("published"), values.get("published_approximate")
        if isinstance(day, PartialDate) and isinstance(approximate, bool):
            found[article.id] = Published(day.value, approximate)
    return found


def _stamp(value: datetime) -> str:
    return f"{value.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"


def _owner(record: Record) -> str:
    return f"{record.kind} '{record.id}'" if record.id else record.kind


def _check_said(record: Record, published: dict[str, Published], problems: Problems) -> None:
    said, article = record.values.get("said"), record.values.get("article")
    if not isinstance(said, DatedValue) or not isinstance(article, str) or article not in published:
        return
    out = published[article]
    if said.date > out.day + out.slack:  # said.date is the first day its precision allows
        problems.add(
            record.path,
            record.line_for("said"),
            f"{_owner(record)}: said {written(said)} is after {article} was published "
            f"({out.shown()}); a quote is said before it is printed: fix the date, "
            "or write said: null",
        )
        record.ok = False


def _check_added(
    record: Record, published: dict[str, Published], now: datetime, problems: Problems
) -> None:
    added = record.values.get("added")
    if not isinstance(added, datetime):
        return
    line = record.line_for("added")
    if added > now:
        problems.add(
            record.path,
            line,
            f"{_owner(record)}: added {_stamp(added)} is in the future (it is now {_stamp(now)}); "
            "write when the fact entered the store",
        )
        record.ok = False
        return
    sources, article = record.values.get("sources"), record.values.get("article")
    cited = sources if isinstance(sources, tuple) else (article,)
    known = [(published[a].day - published[a].slack, a) for a in cited if a in published]
    if not known:
        return
    first, article = min(known)
    bound = datetime.combine(first, datetime.min.time(), _EARLIEST_ZONE)
    if added < bound:
        problems.add(
            record.path,
            line,
            f"{_owner(record)}: added {_stamp(added)} is before {article} was published "
            f"({published[article].shown()}); a fact enters the store after an article "
            f"reports it: write added: {_stamp(bound)} or later",
        )
        record.ok = False


def _check_updated(
    record: Record, published: dict[str, Published], now: datetime, problems: Problems
) -> None:
    """An update enters after the fact itself and after its article, and not in the future."""
    update, added = record.values.get("updated"), record.values.get("added")
    if not isinstance(update, Update):
        return
    line, at = record.line_for("updated"), update.at
    out = published.get(update.article)
    bound = (
        None
        if out is None
        else datetime.combine(out.day - out.slack, datetime.min.time(), _EARLIEST_ZONE)
    )
    if at > now:
        reason = f"is in the future (it is now {_stamp(now)})"
    elif isinstance(added, datetime) and at < added:
        reason = f"is before the fact was added ({_stamp(added)})"
    elif bound is not None and out is not None and at < bound:
        reason = f"is before {update.article} was published ({out.shown()})"
    else:
        return
    problems.add(
        record.path,
        line,
        f"{_owner(record)}: updated at {_stamp(at)} {reason}; write when the change entered "
        "the store",
    )
    record.ok = False


def check_dates(
    articles: list[ArticleSource], facts: Facts, now: datetime, problems: Problems
) -> None:
    """Record every impossible date and every event listed out of date order."""
    published = _published(articles)
    for record in fact_records(facts):
        if record.kind == "quote":
            _check_said(record, published, problems)
        _check_added(record, published, now, problems)
        _check_updated(record, published, now, problems)
    check_event_order(facts.lists.get("events", []), problems)
