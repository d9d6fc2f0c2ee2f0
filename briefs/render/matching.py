"""Finding facts from a reader's words: `/quotes chong`, `/reactions china`, "what did Chong say?".

Arguments to commands match as case-insensitive fragments of names, aliases or side labels.
Free questions are cut into words, stop words dropped, and each remaining word matched
against a fact's words (its text, topics, place, and its speaker's or actor's name, aliases,
role and side). Rarer words weigh more (inverse document frequency), so "when does Carney
meet Xi?" ranks the meeting above everything that merely mentions Carney.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefs.model import Event, Person, Quote, Reaction, Side, Store

Fact = Quote | Event | Reaction

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORD_TEXT = """
    a about after all also an and any anything are as at be been before being but by can
    could did do does doing for from get give going had has have he her here him his how i if
    in into is it its just know latest let me mr mrs ms my new news no not now of on or our
    please quote quotes react reaction reactions s say saying says said she show so some tell
    than that the their them then there these they think thinks this those to up us was we
    were what whats when where which who whom whose why will with would you your"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
FUTURE = frozenset({"does", "do", "will", "is", "are", "next", "coming", "upcoming"})
KIND_ORDER = {"quote": 0, "event": 1, "reaction": 2}


def words(text: str) -> list[str]:
    """Lower-case word stems of `text`: "Tariffs" -> "tariff", "Carney’s" -> "carney"."""
    return [stem(w) for w in _WORD.findall(text.lower().replace("’", "'").replace("'s ", " "))]


def stem(word: str) -> str:
    """A crude, symmetric stem: enough for plurals and "meets"/"meeting" to meet "meet"."""
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def fragment_matches(fragment: str, *names: str) -> bool:
    """Whether `fragment` (case- and space-insensitive) occurs in any of `names`."""
    wanted = " ".join(fragment.lower().split())
    return bool(wanted) and any(wanted in " ".join(n.lower().split()) for n in names)


def person_names(person: Person) -> tuple[str, ...]:
    return (person.name, person.id.replace("-", " "), *person.aliases)


def side_names(side: Side) -> tuple[str, ...]:
    return (side.label, side.id.replace("-", " "))


@dataclass(frozen=True, slots=True)
class Entry:
    """One searchable fact with the stems it can be found by, and who it is from."""

    kind: str  # "quote" | "event" | "reaction"
    fact: Fact
    stems: frozenset[str]
    person: str | None = None  # the speaker or actor


NAMED = 2.0
"""Weight for facts from a person when the question is nothing but that person's name."""


@dataclass(frozen=True, slots=True)
class Match:
    kind: str
    fact: Fact
    score: float


class Index:
    """Every quote, event and reaction of a store, ready to rank against a question."""

    def __init__(self, store: Store) -> None:
        people = {p.id: p for p in store.people}
        sides = {s.id: s for s in store.sides}

        def about(person_id: str) -> list[str]:
            person = people[person_id]
            side = sides.get(person.side)
            return [*person_names(person), person.role, *(side_names(side) if side else ())]

        entries: list[Entry] = []
        for q in store.quotes:
            entries.append(_entry("quote", q, [q.text, *q.topics, *about(q.speaker)], q.speaker))
        for e in store.events:
            entries.append(_entry("event", e, [e.text, e.place, *e.topics]))
        for r in store.reactions:
            quoted = [store.quote(qid).text for qid in r.quotes]
            texts = [r.text, r.stance, *quoted, *about(r.actor)]
            entries.append(_entry("reaction", r, texts, r.actor))
        self.entries = tuple(entries)
        self._names = {
            p.id: [frozenset(words(n)) - STOPWORDS for n in person_names(p)] for p in store.people
        }
        counts: dict[str, int] = {}
        for entry in entries:
            for s in entry.stems:
                counts[s] = counts.get(s, 0) + 1
        total = max(len(entries), 1)
        self._weight = {s: math.log(1 + total / n) for s, n in counts.items()}
        self._vocabulary = tuple(sorted(counts))

    def query_stems(self, question: str) -> list[str]:
        """The question's searchable words, each expanded to the store words it stands for."""
        found: list[str] = []
        for w in words(question):
            if w in STOPWORDS or (len(w) < 2 and not w.isdigit()):
                continue
            if w in self._weight:
                found.append(w)
            elif len(w) >= 4:  # a prefix: "kowtow" finds "kowtowing"
                found.extend(v for v in self._vocabulary if v.startswith(w))
        return list(dict.fromkeys(found))

    def rank(self, question: str, *, ratio: float = 0.0) -> list[Match]:
        """Facts matching the question, best first; with `ratio`, only those near the best."""
        stems = self.query_stems(question)
        if not stems:
            return []
        asked = set(words(question))
        boost = {"event": 1.25 if "when" in asked else 1.0}
        boost["quote"] = 1.25 if asked & {"say", "said", "quote"} else 1.0
        boost["reaction"] = 1.25 if asked & {"react", "reaction", "think"} else 1.0
        named = self._named(set(stems))
        matches = []
        for entry in self.entries:
            score = sum(self._weight[s] for s in stems if s in entry.stems)
            if score > 0:
                score *= boost[entry.kind] * (NAMED if entry.person in named else 1.0)
                matches.append(Match(entry.kind, entry.fact, score))
        if not matches:
            return []
        best = max(m.score for m in matches)
        kept = [m for m in matches if m.score >= best * ratio]
        # "when does/will ..." asks about what is ahead: among equals, later events first.
        ahead = bool(set(question.lower().split()) & FUTURE)

        def order(m: Match) -> tuple[float, int, int]:
            when = m.fact.date.toordinal() if isinstance(m.fact, Event) else 0
            return (-m.score, KIND_ORDER[m.kind], -when if ahead else 0)

        return sorted(kept, key=order)

    def _named(self, stems: set[str]) -> set[str]:
        """People whose name or alias is the whole question ("Global Times", "chong")."""
        return {
            person
            for person, names in self._names.items()
            if any(name and name <= stems and stems <= name for name in names)
        }


def _entry(kind: str, fact: Fact, texts: Iterable[str], person: str | None = None) -> Entry:
    stems = frozenset(w for t in texts for w in words(t) if w not in STOPWORDS)
    return Entry(kind, fact, stems, person)
