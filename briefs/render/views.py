"""What each briefing shows: the facts it selects, in order, and how its template groups them.

A list briefing (timeline, quotes, reactions) is a flat list of items, so the same code
serves the whole briefing and one page of it; `context` regroups whatever slice it gets.
A filter that matches nothing yields a `Refusal` naming the message template to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from briefs.model import Article, Event, Person, Quote, Reaction, Side, Store
from briefs.render import timeline
from briefs.render.matching import fragment_matches, person_names, side_names

SECTIONS = ("summary", "timeline", "quotes", "reactions", "sources")
GROUPS = (*timeline.BUCKETS, "background")
"""The timeline's groups in reading order: the story first, its background last."""
BACKGROUND_DAYS = 30
"""A happened event that ended this long before the first article is background: the
timeline opens on the visit, not on 2022."""
LISTS = ("timeline", "quotes", "reactions")

Item = Quote | Reaction | tuple[str, Event]


@dataclass(frozen=True, slots=True)
class Refusal:
    """The filter matched nothing: show messages/<template> with `context` instead."""

    template: str
    context: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Lookups:
    """The store's records by id, built once per renderer."""

    store: Store
    people: dict[str, Person]
    sides: dict[str, Side]
    articles: dict[str, Article]
    quotes: dict[str, Quote]

    @classmethod
    def of(cls, store: Store) -> Lookups:
        return cls(
            store,
            {p.id: p for p in store.people},
            {s.id: s for s in store.sides},
            {a.id: a for a in store.articles},
            {q.id: q for q in store.quotes},
        )

    def side_order(self, person_id: str) -> int:
        side = self.sides.get(self.people[person_id].side)
        return side.order if side else len(self.sides)


def items(look: Lookups, name: str, today: date, arg: str | None) -> list[Item] | Refusal:
    """The facts a list briefing shows, filtered by `arg` where that briefing takes one."""
    arg = (arg or "").strip() or None
    if name == "timeline":
        reported = look.store.reports_end
        groups: dict[str, list[Event]] = dict(timeline.split(look.store.events, today, reported))
        start = min((a.published for a in look.store.articles), default=today)
        cut = start.toordinal() - BACKGROUND_DAYS
        ends = {
            e.id: w.last
            for e, w in zip(look.store.events, timeline.windows(look.store.events), strict=True)
        }
        groups["background"] = [e for e in groups["happened"] if ends[e.id].toordinal() < cut]
        groups["happened"] = [e for e in groups["happened"] if ends[e.id].toordinal() >= cut]
        return [(group, e) for group in GROUPS for e in groups[group]]
    if name == "quotes":
        return _quotes(look, arg)
    if name == "reactions":
        return _reactions(look, arg)
    raise ValueError(f"{name!r} is not a list briefing; lists are {LISTS}")


def _quotes(look: Lookups, arg: str | None) -> list[Item] | Refusal:
    quotes = look.store.quotes
    if arg is None:
        return list(quotes)
    chosen = [q for q in quotes if fragment_matches(arg, *person_names(look.people[q.speaker]))]
    if chosen:
        return list(chosen)
    people = [look.people[s] for s in dict.fromkeys(q.speaker for q in quotes)]
    names = [n for p in people for n in (*p.aliases, p.name) if " " not in n]
    example = min(names, key=len).lower() if names else ""
    speakers = [p.name for p in people]
    return Refusal(
        "quotes_unknown_speaker", {"asked": arg, "speakers": speakers, "example": example}
    )


def _reactions(look: Lookups, arg: str | None) -> list[Item] | Refusal:
    ordered = sorted(look.store.reactions, key=lambda r: look.side_order(r.actor))
    if arg is None:
        return list(ordered)
    by_side = [
        r
        for r in ordered
        if fragment_matches(arg, *side_names(look.sides[look.people[r.actor].side]))
    ]
    by_actor = [r for r in ordered if fragment_matches(arg, *person_names(look.people[r.actor]))]
    if by_side or by_actor:
        return list(by_side or by_actor)
    reacted = [
        s for s in look.store.sides if any(look.people[r.actor].side == s.id for r in ordered)
    ]
    example = reacted[0].id.split("-")[0] if reacted else ""
    return Refusal("reactions_unknown_side", {"asked": arg, "sides": reacted, "example": example})


def context(look: Lookups, name: str, chosen: list[Item], arg: str | None) -> dict[str, object]:
    """Template variables for a list briefing showing `chosen` (all of it, or one page)."""
    if name == "timeline":
        shown: dict[str, list[Event]] = {b: [] for b in GROUPS}
        for entry in chosen:
            assert isinstance(entry, tuple)
            shown[entry[0]].append(entry[1])
        return {"groups": shown, "buckets": GROUPS}
    if name == "quotes":
        quotes = [q for q in chosen if isinstance(q, Quote)]
        speakers = [look.people[s].name for s in dict.fromkeys(q.speaker for q in quotes)]
        return {"quote_list": quotes, "speakers": speakers if (arg or "").strip() else []}
    reactions = [r for r in chosen if isinstance(r, Reaction)]
    sides: dict[str, list[Reaction]] = {}
    for r in reactions:
        sides.setdefault(look.people[r.actor].side, []).append(r)
    return {"groups": [(look.sides[s], rs) for s, rs in sides.items()]}
