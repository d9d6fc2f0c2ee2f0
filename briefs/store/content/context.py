"""What a content rule reads (the built store, article bodies) and where it reports a finding."""

from __future__ import annotations

from dataclasses import dataclass

from briefs.model import Event, Person, Quote, Reaction, Store, SummaryPoint
from briefs.store.content.bodies import Body
from briefs.store.problems import Problems
from briefs.store.schema import Record

Fact = Person | Quote | Event | Reaction | SummaryPoint


def prose(fact: Fact) -> str:
    """The words a curator wrote for a fact: a quote's context, any other fact's text."""
    if isinstance(fact, Person):
        return ""
    return fact.context if isinstance(fact, Quote) else fact.text


def prose_field(fact: Fact) -> str:
    return "context" if isinstance(fact, Quote) else "text"


@dataclass(frozen=True, slots=True)
class Content:
    """A loaded store with its article bodies and fact records, and where findings go."""

    store: Store
    bodies: dict[str, Body]
    records: dict[str, Record]
    problems: Problems

    def covered_bodies(self) -> dict[str, Body]:
        """The bodies whose coverage rules apply: articles some fact cites. An article just
        added (no fact cites it yet: a warning) is a step of the maintainers' workflow, not a
        fault, so `briefs add-article` leaves a store that passes; once ingest cites it, every
        quotation, name and weekday in it must be in the store."""
        cited = {source for fact in self.store.facts() for source in fact.sources}
        return {a: body for a, body in self.bodies.items() if a in cited}

    def label(self, fact: Fact) -> str:
        record = self.records.get(fact.id)
        kind = record.kind if record is not None else type(fact).__name__.lower()
        return f"{kind} '{fact.id}'"

    def fact(self, fact: Fact, field: str, message: str, *, warn: bool = False) -> None:
        """Report at the fact's field, as `<kind> '<id>': message`."""
        record = self.records[fact.id]
        add = self.problems.warn if warn else self.problems.add
        add(record.path, record.line_for(field), f"{self.label(fact)}: {message}")

    def article(self, article_id: str, offset: int | None, message: str) -> None:
        """Report at the line of the article's text where offset falls (no line: the file)."""
        body = self.bodies[article_id]
        line = None if offset is None else body.line_at(offset)
        self.problems.add(body.path, line, message)
