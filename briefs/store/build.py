"""Turns validated records into the frozen model objects; runs only on a store with no problems."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar, cast

from briefs.model import (
    Article,
    DatedValue,
    Event,
    Person,
    Quote,
    Reaction,
    Side,
    Stance,
    Status,
    Store,
    Summary,
    SummaryPoint,
    Translation,
    Update,
)
from briefs.store.articles import ArticleSource
from briefs.store.facts import Facts
from briefs.store.fields import PartialDate
from briefs.store.schema import Record

T = TypeVar("T")


def _get(record: Record, name: str, kind: type[T], default: T | None = None) -> T:
    value = record.values.get(name, default)
    if not isinstance(value, kind):
        raise TypeError(f"{record.kind} {record.id}: {name} is {value!r}, not {kind.__name__}")
    return value


def _str(record: Record, name: str, default: str | None = None) -> str:
    return _get(record, name, str, default)


def _strs(record: Record, name: str) -> tuple[str, ...]:
    return cast(tuple[str, ...], _get(record, name, tuple, ()))


def _added(record: Record) -> datetime:
    return _get(record, "added", datetime)


def _updated(record: Record) -> Update | None:
    return cast(Update | None, record.values.get("updated"))


def _fr(record: Record | None) -> Translation | None:
    return None if record is None else cast(Translation | None, record.values.get("fr"))


def _article(source: ArticleSource) -> Article:
    record, text = source.record, source.text
    if record is None or text is None:
        raise TypeError(f"article {source.id} was not read; build only a store with no problems")
    return Article(
        id=_str(record, "id"),
        headline=_str(record, "headline"),
        outlet=_str(record, "outlet"),
        published=_get(record, "published", PartialDate).value,
        published_approximate=_get(record, "published_approximate", bool),
        url=_str(record, "url"),
        text=text,
        dateline=cast(str | None, record.values.get("dateline")),
        alternate_headline=cast(str | None, record.values.get("alternate_headline")),
        sha256=_str(record, "sha256"),
        source_file=cast(str | None, record.values.get("source_file")),
    )


def _person(record: Record) -> Person:
    return Person(
        id=_str(record, "id"),
        name=_str(record, "name"),
        kind=_str(record, "kind"),
        role=_str(record, "role"),
        affiliation=_str(record, "affiliation"),
        side=_str(record, "side"),
        aliases=_strs(record, "aliases"),
        sources=_strs(record, "sources"),
        added=_added(record),
        updated=_updated(record),
        fr=_fr(record),
    )


def _quote(record: Record) -> Quote:
    return Quote(
        id=_str(record, "id"),
        speaker=_str(record, "speaker"),
        text=_str(record, "text"),
        article=_str(record, "article"),
        start=_get(record, "start", int),
        end=_get(record, "end", int),
        said=cast(DatedValue | None, record.values.get("said")),
        context=_str(record, "context", ""),
        topics=_strs(record, "topics"),
        added=_added(record),
        fr=_fr(record),
    )


def _event(record: Record) -> Event:
    when = _get(record, "date", DatedValue)
    return Event(
        id=_str(record, "id"),
        date=when.date,
        precision=when.precision,
        text=_str(record, "text"),
        sources=_strs(record, "sources"),
        added=_added(record),
        place=_str(record, "place", ""),
        topics=_strs(record, "topics"),
        status=_get(record, "status", Status),
        updated=_updated(record),
        fr=_fr(record),
    )


def _reaction(record: Record) -> Reaction:
    return Reaction(
        id=_str(record, "id"),
        actor=_str(record, "actor"),
        stance=_get(record, "stance", Stance),
        text=_str(record, "text"),
        quotes=_strs(record, "quotes"),
        sources=_strs(record, "sources"),
        added=_added(record),
        updated=_updated(record),
        fr=_fr(record),
    )


def _point(record: Record) -> SummaryPoint:
    return SummaryPoint(
        id=_str(record, "id"),
        text=_str(record, "text"),
        sources=_strs(record, "sources"),
        added=_added(record),
        updated=_updated(record),
        fr=_fr(record),
    )


def build_store(articles: list[ArticleSource], facts: Facts, digest: str) -> Store:
    """The frozen Store: facts in each file's curated order, articles oldest first."""
    points = {name: tuple(_point(r) for r in records) for name, records in facts.summary.items()}
    by_date = sorted((_article(a) for a in articles), key=lambda a: (a.published, a.id))
    return Store(
        story=facts.story or "",
        articles=tuple(by_date),
        sides=tuple(
            Side(id=_str(r, "id"), label=_str(r, "label"), order=i, fr=_fr(r))
            for i, r in enumerate(facts.sides)
        ),
        people=tuple(_person(r) for r in facts.lists["people"]),
        quotes=tuple(_quote(r) for r in facts.lists["quotes"]),
        events=tuple(_event(r) for r in facts.lists["events"]),
        reactions=tuple(_reaction(r) for r in facts.lists["reactions"]),
        summary=Summary(
            happening=points["happening"],
            why_it_matters=points["why_it_matters"],
            watch_next=points["watch_next"],
            background=points["background"],
        ),
        digest=digest,
        fr=_fr(facts.title),
    )
