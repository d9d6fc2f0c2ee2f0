"""Typed, immutable objects the curated store loads into.

Everything a briefing says comes from these objects, so they are frozen: a loaded store
can be shared between handlers and delivery runs without anyone changing it underneath.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Precision(StrEnum):
    """How much of a date is known: a timeline shows "Jan 2026" for month precision."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Stance(StrEnum):
    """How an actor reacted to the story."""

    WELCOMING = "welcoming"
    CRITICAL = "critical"
    CAUTIOUS = "cautious"
    SUPPORTIVE = "supportive"
    NEUTRAL = "neutral"
    EXPLANATORY = "explanatory"


class Status(StrEnum):
    """Where a dated event stands in the reports that cite it: a plan is never told as fact.

    `planned` is as the reports announced it; the other three rest on an article that says so.
    """

    PLANNED = "planned"
    HAPPENED = "happened"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


@dataclass(frozen=True, slots=True)
class Update:
    """A later article changed this fact: when it entered the store, which article, and what
    the event's status was before (so a briefing can say "Confirmed" or "Cancelled")."""

    at: datetime
    article: str  # Article.id, also among the fact's sources
    was: Status | None = None
    note: str = ""  # what changed, for a correction: "figure corrected"


@dataclass(frozen=True, slots=True)
class Translation:
    """A record's French, written by a maintainer beside its English (YAML `fr:`).

    `fields` maps each translated field to its French; `source` (YAML `from`) is the first 8
    hex digits of sha256 of the English it was made from, so `briefs check` can tell when the
    English has changed since (briefs/store/translations.py). A quote's `translation` key is
    a translation of its words, always shown labelled as one; the quote itself stays verbatim.
    """

    fields: tuple[tuple[str, str], ...]
    source: str

    def get(self, name: str) -> str | None:
        return next((text for key, text in self.fields if key == name), None)


@dataclass(frozen=True, slots=True)
class Article:
    """One source article; `text` is the file byte-for-byte, spans index into it.

    `sha256` pins the text file's bytes (check refuses any other text); `source_file` is the
    file's name in the collection it was copied from, when known.
    """

    id: str
    headline: str
    outlet: str
    published: date
    published_approximate: bool
    url: str
    text: str
    dateline: str | None = None
    alternate_headline: str | None = None
    sha256: str = ""
    source_file: str | None = None


@dataclass(frozen=True, slots=True)
class Side:
    """A group actors belong to ("Government of Canada", "Chinese state media")."""

    id: str
    label: str
    order: int
    fr: Translation | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """A person or organisation the story mentions; `kind` tells which."""

    id: str
    name: str
    kind: str  # "person" | "organisation" | "group"
    role: str
    affiliation: str
    side: str  # Side.id
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    added: datetime
    updated: Update | None = None
    fr: Translation | None = None


@dataclass(frozen=True, slots=True)
class DatedValue:
    """A date with its precision; `date` holds the first day of the month or year if coarser."""

    date: date
    precision: Precision


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation exactly as printed: `article.text[start:end] == text`."""

    id: str
    speaker: str  # Person.id
    text: str
    article: str  # Article.id
    start: int
    end: int
    said: DatedValue | None
    context: str  # how it was said, e.g. "in a statement"; may be ""
    topics: tuple[str, ...]
    added: datetime
    fr: Translation | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.article,)

    def translation(self, lang: str) -> str | None:
        """A maintainer's translation of the words into lang, if there is one. Never the
        quote: a rendering shows it labelled as a translation, beside the words as printed."""
        found = _translation(self, lang)
        return None if found is None else found.get("translation")


@dataclass(frozen=True, slots=True)
class Event:
    """Something on the story's timeline, past or ahead as seen from its articles."""

    id: str
    date: date
    precision: Precision
    text: str
    sources: tuple[str, ...]
    added: datetime
    place: str = ""
    topics: tuple[str, ...] = ()
    status: Status = Status.PLANNED
    updated: Update | None = None
    fr: Translation | None = None


@dataclass(frozen=True, slots=True)
class Reaction:
    """How an actor responded; its side comes from the actor."""

    id: str
    actor: str  # Person.id
    stance: Stance
    text: str
    quotes: tuple[str, ...]  # Quote.id
    sources: tuple[str, ...]
    added: datetime
    updated: Update | None = None
    fr: Translation | None = None


@dataclass(frozen=True, slots=True)
class SummaryPoint:
    """One sentence of the summary, citing its articles."""

    id: str
    text: str
    sources: tuple[str, ...]
    added: datetime
    updated: Update | None = None
    fr: Translation | None = None


SUMMARY_SECTIONS = ("happening", "why_it_matters", "watch_next", "background")


@dataclass(frozen=True, slots=True)
class Summary:
    """The summary's fixed sections, each a tuple of points, in SUMMARY_SECTIONS order."""

    happening: tuple[SummaryPoint, ...]
    why_it_matters: tuple[SummaryPoint, ...]
    watch_next: tuple[SummaryPoint, ...]
    background: tuple[SummaryPoint, ...]

    def sections(self) -> tuple[tuple[str, tuple[SummaryPoint, ...]], ...]:
        return tuple((name, getattr(self, name)) for name in SUMMARY_SECTIONS)

    def points(self) -> tuple[SummaryPoint, ...]:
        return tuple(p for _, pts in self.sections() for p in pts)


@dataclass(frozen=True, slots=True)
class Store:
    """The whole validated store. Lookups are by id; tuples keep the curated order."""

    story: str
    articles: tuple[Article, ...]
    sides: tuple[Side, ...]
    people: tuple[Person, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    reactions: tuple[Reaction, ...]
    summary: Summary
    digest: str  # sha256 over the store's files: changes whenever any fact changes
    fr: Translation | None = None  # the story's title in French (story.yaml `fr: {story: ...}`)

    @property
    def version(self) -> datetime:
        """The newest `added` or `updated` stamp: who has seen it has seen everything."""
        return max(changed_at(f) for f in self.facts())

    @property
    def reports_end(self) -> date | None:
        """When the reporting ends: the newest article a fact cites. Past that day, a plan
        the reports announced is told as planned, never as done."""
        cited = {source for fact in self.facts() for source in fact.sources}
        return max((a.published for a in self.articles if a.id in cited), default=None)

    def facts(self) -> tuple[Person | Quote | Event | Reaction | SummaryPoint, ...]:
        return (*self.people, *self.quotes, *self.events, *self.reactions, *self.summary.points())

    def article(self, article_id: str) -> Article:
        return next(a for a in self.articles if a.id == article_id)

    def person(self, person_id: str) -> Person:
        return next(p for p in self.people if p.id == person_id)

    def side(self, side_id: str) -> Side:
        return next(s for s in self.sides if s.id == side_id)

    def quote(self, quote_id: str) -> Quote:
        return next(q for q in self.quotes if q.id == quote_id)


Fact = Person | Quote | Event | Reaction | SummaryPoint


def changed_at(fact: Fact) -> datetime:
    """When a fact last entered or changed in the store: what "new since" compares."""
    updated = getattr(fact, "updated", None)
    return fact.added if updated is None else max(fact.added, updated.at)


Localizable = Store | Side | Person | Quote | Event | Reaction | SummaryPoint


def _translation(obj: Localizable, lang: str) -> Translation | None:
    return obj.fr if lang == "fr" else None


def localized(obj: Localizable, field: str, lang: str) -> str:
    """The field in lang: the English for "en", else the maintainers' translation.

    `briefs check` refuses a store where a non-empty prose field has no French, so in a
    checked store this is always the French. A store loaded without check (just after
    `briefs ingest --write`, before the French is written) shows the English for the new
    facts rather than fail a reader's briefing. A quote's words are never translated here:
    `localized(quote, "text", "fr")` is the quote as printed (see Quote.translation).
    """
    english = getattr(obj, field)
    if not isinstance(english, str):
        raise TypeError(f"{type(obj).__name__}.{field} is not text")
    translation = _translation(obj, lang)
    french = None if translation is None or not english else translation.get(field)
    return english if french is None else french
