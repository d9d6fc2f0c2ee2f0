"""Choosing the facts that answer a question, by its type: the lead and what supports it.

`plan` reads a resolved question (`matching.Query`) and returns a `Plan`: the lead's
template macro in answer.html, the facts it is built from, and the supporting facts. Every
choice rests on what the store holds: a yes-or-no question is answered only by a fact that
says all of it, "what happens next" reads the events after the place named, and how an
event is told is left to `timeline.telling` through the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from briefs.i18n import DEFAULT
from briefs.model import Event
from briefs.render.lexicon import tokens
from briefs.render.matching import Match, Query

if TYPE_CHECKING:
    from briefs.render.renderer import Renderer

SUPPORT = 5  # supporting facts after the lead, at most
BOOSTS: dict[str | None, dict[str, float]] = {
    None: {"point": 1.1, "reaction": 1.05, "person": 0.6, "article": 0.5},
    "who": {"person": 1.6, "reaction": 1.3, "quote": 1.1, "article": 0.5},
    "when": {"event": 2.0, "point": 0.8, "person": 0.3, "article": 0.7},
    "where": {"event": 2.0, "point": 0.8, "person": 0.3, "article": 0.3},
    "why": {"point": 1.6, "reaction": 1.2, "event": 0.8, "person": 0.3, "article": 0.3},
    "said": {"quote": 2.0, "reaction": 1.5, "person": 0.3, "article": 0.3},
    "did": {"event": 1.4, "reaction": 1.2, "person": 0.3, "article": 0.3},
    "how_long": {"event": 2.0, "person": 0.1, "article": 0.1},
    "next": {"event": 2.0, "point": 0.8, "person": 0.1, "article": 0.1},
}
WHY_SECTIONS = {"why_it_matters": 1.5, "happening": 1.2}
COVER = 20  # a yes-or-no question is answered by one of the best this many facts, or not
EVENTS_FIRST = 0.8  # "when"/"where": an event leads unless another fact matches much better
AHEAD = ("planned", "coming", "now")
REFUSALS = ("unknown", "unlinked", "unquoted", "nothing_next", "not_said")


@dataclass(slots=True)
class Plan:
    """The lead (its template macro and facts) and the supporting facts of one answer."""

    lead: str
    facts: list[Match]
    support: list[Match] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)


STORY_WIDE = ("how_long", "next", "latest", "why")


def plan(renderer: Renderer, query: Query, today: date, lang: str = DEFAULT) -> Plan | None:
    """The facts that answer `query` as seen on `today`, or None when nothing matches; words
    the store lacks are named in `lang`."""
    index = renderer.index
    kind = query.reading.kind
    if query.unknown:
        nearest = index.rank(query, BOOSTS[None])[:3] if query.words else []
        return Plan("unknown", [], nearest, {"unknown": _shown(query, lang)})
    if kind == "latest":
        return _latest(renderer)
    asked = query.words
    soft_only = all(w in index.lex.soft for w in query.reading.words)
    if kind == "when" and set(query.reading.words) <= index.lex.the_story:
        # "when is the visit?": from its first day to its last
        kind = "how_long"
    if not query.words or (kind in STORY_WIDE and soft_only):
        # "how long is the trip?", "why?": the story's own words
        query = index.resolve(index.lex.read(renderer.store.story))
    boost = BOOSTS.get(kind, BOOSTS[None])
    if query.reading.about_sources:
        boost = {**boost, "article": 4.0}
    ranked = index.rank(query, boost)
    if kind == "why":
        ranked = _reweigh(ranked, lambda m: WHY_SECTIONS.get(m.entry.section, 1.0))
    if not ranked:
        return None
    if query.reading.about_sources:
        article = next((m for m in ranked if m.kind == "article"), None)
        if article is not None and article.score >= ranked[0].score * 0.5:
            return Plan("fact", [article], [m for m in ranked if m is not article])
    if kind == "said" and (query.people or index.side_people(query.words)):
        return _said(ranked, query.people or index.side_people(query.words))
    names = {w for pid in query.people for w in tokens(index.people[pid].name)}
    names |= {w for pid in query.people for a in index.people[pid].aliases for w in tokens(a)}
    besides = {query.found.get(w, w) for w in query.reading.rest}
    if kind == "who" and query.people and besides <= names:
        person = next((m for m in ranked if m.kind == "person" and m.fact.id in query.people), None)
        if person is not None:
            rest = [m for m in ranked if m.kind in ("quote", "reaction")]
            return Plan("person", [person], rest)
    if kind == "who" and query.people:  # "who is going with Carney?" is not about Carney
        ranked = [m for m in ranked if not (m.kind == "person" and m.fact.id in query.people)]
        if not ranked:
            return None
    if kind == "next":
        return _next(renderer, ranked, asked, today)
    if kind == "how_long":
        return _how_long(renderer, ranked, today)
    if kind in ("when", "where", "did"):
        missing = query.people - ranked[0].entry.named if ranked[0].entry else frozenset()
        if missing and kind == "did":
            people = [renderer.look.people[p].name for p in sorted(missing)]
            return Plan("unlinked", [], ranked[:3], {"names": people})
        if kind == "did":
            wanted = set(query.words)
            covering = [m for m in ranked[:COVER] if m.entry and wanted <= m.entry.words]
            if not covering:
                # "is Canada leaving the US?": no fact says all of it, so no "yes" or "no"
                return Plan("not_said", [], ranked[:3])
            chosen = {id(m) for m in covering}
            ranked = covering + [m for m in ranked if id(m) not in chosen]
        if kind == "where":
            placed = [m for m in ranked if isinstance(m.fact, Event) and m.fact.place]
            ranked = placed + [
                m for m in ranked if not isinstance(m.fact, Event) or not m.fact.place
            ]
        events = [m for m in ranked if m.kind == "event"]
        if kind != "did" and events and events[0].score >= ranked[0].score * EVENTS_FIRST:
            ranked = events + [m for m in ranked if m.kind != "event"]
        first = _newest_of_best(ranked)
        lead = "did" if kind == "did" else "fact"
        return Plan(lead, [first], [m for m in ranked if m is not first])
    first = _newest_of_best(ranked)
    return Plan("fact", [first], [m for m in ranked if m is not first])


def _newest_of_best(ranked: list[Match]) -> Match:
    """Among facts that answer equally well, the latest: "when does Carney meet Xi?" is
    about the visit, not their earlier meeting in Gyeongju."""
    best = ranked[0].score
    tied = [m for m in ranked if m.kind == ranked[0].kind and m.score >= best * 0.99]
    return max(tied, key=lambda m: m.entry.when if m.entry else 0)


def _shown(query: Query, lang: str) -> list[str]:
    """How to name the words the store lacks: spelled out in English ("EVs" is "electric
    vehicles", the word the glossary gave a French one), as the reader typed them in any
    other language (the expansions and the glossary's words are English)."""
    names = query.reading.shown if lang == DEFAULT else query.reading.typed
    return list(dict.fromkeys(names.get(w, w) for w in query.unknown))


def _reweigh(ranked: list[Match], factor: object) -> list[Match]:
    assert callable(factor)
    weighed = [Match(m.kind, m.fact, m.score * factor(m), m.entry) for m in ranked]
    return sorted(weighed, key=lambda m: (-round(m.score, 6), m.entry.when if m.entry else 0))


def _said(ranked: list[Match], people: frozenset[str]) -> Plan:
    own = [m for m in ranked if m.entry and m.entry.person in people]
    quotes = [m for m in own if m.kind == "quote"]
    if quotes:
        rest = [m for m in own if m.kind == "reaction"] + quotes[1:]
        return Plan("said", quotes[:1], rest)
    mentions = [m for m in ranked if m.entry and people & m.entry.named]
    mentions = [m for m in mentions if m.kind not in ("person", "article")]
    return Plan("unquoted", [], mentions, {"people": sorted(people)})


def _next(renderer: Renderer, ranked: list[Match], words: tuple[str, ...], today: date) -> Plan:
    """What the reports put after the best-matching events ("after China"), or, for a bare
    "what happens next?", everything still ahead of the reports."""
    telling = renderer.telling(today)
    events = renderer.store.events
    first_day, order = renderer.first_day, renderer.order
    matched = [(m, m.fact) for m in ranked if isinstance(m.fact, Event)]
    asked = set(words)
    named: dict[str, bool] = {}
    for e in {e.place for _, e in matched}:
        named[e] = bool(asked & renderer.index.words_of([e]))
    placed = [(m, e) for m, e in matched if named[e.place]]
    pool = placed  # "after China": the events there; with no place named, what is ahead
    anchors = [e for m, e in pool if m.score >= pool[0][0].score * 0.99]
    if words and anchors:
        after = max(first_day[a.id] for a in anchors)
        places = {a.place for a in anchors}
        last = max(order[a.id] for a in anchors)
        later = [
            e for e in events[last + 1 :] if first_day[e.id] >= after and e.place not in places
        ]
    else:
        later = [e for e in events if telling[e.id] in AHEAD]
    later = [e for e in later if telling[e.id] in (*AHEAD, "postponed")]
    later.sort(key=lambda e: (first_day[e.id], order[e.id]))
    if not later:
        anchored = {a.id for a in anchors}
        return Plan("nothing_next", [], [m for m, e in matched if e.id in anchored][:1])
    facts = [Match("event", e, 1.0) for e in later]
    places = {e.place.split(",")[0] for e in later if e.place}
    watch = [
        Match("point", p, 0.5)
        for p in renderer.store.summary.watch_next
        if any(place in p.text for place in places)
    ]
    return Plan("next", facts[:3], facts[3:] + watch)


def _how_long(renderer: Renderer, ranked: list[Match], today: date) -> Plan:
    """From the first to the last day-dated event at the best match's place."""
    scores: dict[str, float] = {}
    for m in ranked:
        if isinstance(m.fact, Event) and m.fact.place and m.fact.precision == "day":
            scores[m.fact.place] = scores.get(m.fact.place, 0.0) + m.score
    top = next((m.fact for m in ranked if isinstance(m.fact, Event)), None)
    if top is None:
        return Plan("fact", ranked[:1], ranked[1:])
    place = max(scores, key=lambda p: scores[p]) if scores else top.place
    same = [e for e in renderer.store.events if e.place == place and e.precision == "day"]
    if len(same) < 2:
        return Plan("no_span", [Match("event", top, 1.0)], [])
    first, last = min(same, key=lambda e: e.date), max(same, key=lambda e: e.date)
    days = (last.date - first.date).days + 1
    span = [Match("event", first, 1.0), Match("event", last, 1.0)]
    others = [Match("event", e, 0.5) for e in same if e not in (first, last)]
    return Plan("span", span, others, {"days": days})


def _latest(renderer: Renderer) -> Plan:
    """The newest article and the facts that entered or changed the store last."""
    newest = renderer.index.newest
    articles = sorted(renderer.store.articles, key=lambda a: a.published, reverse=True)
    lead = [Match("article", articles[0], 1.0)] if articles else []
    return Plan("latest", lead, [Match(e.kind, e.fact, 1.0, e) for e in newest[: SUPPORT * 2]])
