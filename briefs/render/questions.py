"""Plain-text questions, answered only with facts from the store.

A message is small talk, a request for a section ("summary please"), or a question. A
question is read by type (`lexicon`), its words found in the store (`matching`), and
answered by `answer.html`: a lead sentence built from the matched facts alone (how a dated
event is told comes from `timeline.telling`, as everywhere), then the supporting facts with
footnotes, each fact once, by relevance then date. Words the store has nothing like are
named back ("The sources do not mention electric vehicles.") with the closest sections,
never answered with facts about something else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from briefs.i18n import DEFAULT
from briefs.model import Event, Quote, Reaction
from briefs.render.matching import Match, Query

if TYPE_CHECKING:
    from briefs.render.renderer import Renderer

SUPPORT = 5  # supporting facts after the lead, at most
NEAR_BEST = 0.5  # supporting facts score at least this share of the best
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
AHEAD = ("planned", "coming", "now")
REFUSALS = ("unknown", "unlinked", "unquoted", "nothing_next")


@dataclass(frozen=True, slots=True)
class Reply:
    """What the bot says to a plain message: `text`, or a `section` to open (with its text)."""

    kind: str  # "answer" | "unknown" | "small_talk" | "section"
    text: str
    section: str | None = None
    facts: tuple[str, ...] = ()  # "kind:id" of every fact shown, lead first
    lang: str = DEFAULT  # the language the reply is written in


@dataclass(slots=True)
class Plan:
    """The lead (its template macro and facts) and the supporting facts of one answer."""

    lead: str
    facts: list[Match]
    support: list[Match] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)


def reply(
    renderer: Renderer, question: str, *, fmt: str, today: date, lang: str = DEFAULT
) -> Reply | None:
    """The bot's reply to a plain message, or None when it holds nothing to look up.

    The chat's language decides, except that a question written in French is answered in
    French: whoever wrote it reads French.
    """
    lex = renderer.index.lex
    if not question.strip():
        return None
    reading = lex.read(question)
    lang = "fr" if reading.french else lang
    talk = lex.small_talk_kind(question)
    if talk is not None:
        text = renderer.message("small_talk", fmt=fmt, lang=lang, kind=talk)
        return Reply("small_talk", text, lang=lang)
    section = lex.section(question)
    if section is not None:
        text = renderer.message("open_section", fmt=fmt, lang=lang, section=section)
        return Reply("section", text, section, lang=lang)
    query = renderer.index.resolve(reading)
    if query.reading.about_sources and not query.words and not query.unknown:
        # "who reported this?": the articles are the sources section
        text = renderer.message("open_section", fmt=fmt, lang=lang, section="sources")
        return Reply("section", text, "sources", lang=lang)
    if not query.words and not query.unknown and query.reading.kind not in _STORY_WIDE:
        return None
    plan = _plan(renderer, query, today)
    if plan is None:
        return None
    return _render(renderer, plan, query, fmt, today, lang)


_STORY_WIDE = ("how_long", "next", "latest", "why")


def _plan(renderer: Renderer, query: Query, today: date) -> Plan | None:
    index = renderer.index
    kind = query.reading.kind
    if query.unknown:
        nearest = index.rank(query, BOOSTS[None])[:3] if query.words else []
        return Plan("unknown", [], nearest, {"unknown": _shown(query)})
    if kind == "latest":
        return _latest(renderer)
    asked = query.words
    soft_only = all(w in index.lex.soft for w in query.reading.words)
    if not query.words or (kind in _STORY_WIDE and soft_only):
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
    if kind == "who" and query.people and set(query.words) <= index.name_words(query.people):
        person = next((m for m in ranked if m.kind == "person" and m.fact.id in query.people), None)
        if person is not None:
            rest = [m for m in ranked if m.kind in ("quote", "reaction")]
            return Plan("person", [person], rest)
    if kind == "next":
        return _next(renderer, ranked, asked, today)
    if kind == "how_long":
        return _how_long(renderer, ranked, today)
    if kind in ("when", "where", "did"):
        missing = query.people - ranked[0].entry.named if ranked[0].entry else frozenset()
        if missing and kind == "did":
            names = [renderer.look.people[p].name for p in sorted(missing)]
            return Plan("unlinked", [], ranked[:3], {"names": names})
        if kind == "where":
            placed = [m for m in ranked if isinstance(m.fact, Event) and m.fact.place]
            ranked = placed + [
                m for m in ranked if not isinstance(m.fact, Event) or not m.fact.place
            ]
        events = [m for m in ranked if m.kind == "event"]
        if kind != "did" and events and events[0].score >= ranked[0].score * 0.5:
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


def _shown(query: Query) -> list[str]:
    names = [query.reading.shown.get(w, w) for w in query.unknown]
    return list(dict.fromkeys(names))


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
    placed = [(m, e) for m, e in matched if asked & renderer.index.words_of([e.place])]
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
    watch = [
        Match("point", p, 0.5)
        for p in renderer.store.summary.watch_next
        if any(w in p.text for e in later for w in e.place.split(",")[:1] if w)
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


def _render(
    renderer: Renderer, plan: Plan, query: Query, fmt: str, today: date, lang: str
) -> Reply:
    """The answer message; supporting facts are dropped from the end until it fits."""
    lead_ids = {m.fact.id for m in plan.facts}
    support = _deduplicated(plan.facts, plan.support[: SUPPORT * 8], lead_ids)
    if plan.lead not in ("next", "latest", "span") and support:
        best = support[0].score
        support = [m for m in support if m.score >= best * NEAR_BEST]
    support = support[:SUPPORT]
    while True:
        hidden = _hidden_quotes(plan.facts + support)
        messages = renderer.messages(
            "answer",
            fmt,
            lang=lang,
            today=today,
            plan=plan,
            support=support,
            hidden=hidden,
            sections=_closest(query, plan, support),
        )
        if len(messages) == 1 or not support:
            shown = [f"{m.kind}:{m.fact.id}" for m in plan.facts + support]
            kind = "unknown" if plan.lead in REFUSALS else "answer"
            return Reply(kind, messages[0], facts=tuple(shown), lang=lang)
        support = support[:-1]


def _deduplicated(lead: list[Match], support: list[Match], lead_ids: set[str]) -> list[Match]:
    """Each fact once: no repeat of a lead fact, and a quote its reaction shows is dropped."""
    seen = {(m.kind, m.fact.id) for m in lead}
    shown_by_reactions = {
        q for m in (*lead, *support) if isinstance(m.fact, Reaction) for q in m.fact.quotes
    }
    out: list[Match] = []
    for m in support:
        key = (m.kind, m.fact.id)
        if key in seen or m.kind in ("article",):
            continue
        if (
            isinstance(m.fact, Quote)
            and m.fact.id in shown_by_reactions
            and m.fact.id not in lead_ids
        ):
            continue
        seen.add(key)
        out.append(m)
    return out


def _hidden_quotes(shown: list[Match]) -> set[str]:
    """Quotes already shown on their own, so a reaction does not print them again."""
    return {m.fact.id for m in shown if isinstance(m.fact, Quote)}


def _closest(query: Query, plan: Plan, support: list[Match]) -> list[str]:
    """Sections to offer with a refusal: where the nearest facts live, else the summary."""
    if plan.lead not in REFUSALS:
        return []
    where = {"point": "summary", "event": "timeline", "quote": "quotes", "reaction": "reactions"}
    found = [where[m.kind] for m in support if m.kind in where]
    return list(dict.fromkeys([*found, "summary"]))[:3]
