"""Finding facts from a reader's words: `/quotes chong`, `/reactions china`, "what did Chong say?".

Arguments to commands match as case-insensitive fragments of names, aliases or side labels.
Free questions go through `lexicon` (type, language, content words) and are matched against
everything the store knows: summary points, events, quotes, reactions, people and articles.
Each content word becomes a store word: itself, its Snowball stem, the store word it is a
prefix of, or the store word it is a typo of (rapidfuzz, against names whole and against
stems). Rarer words weigh more (inverse document frequency), so "when does Carney meet Xi?"
ranks the meeting above everything that merely mentions Carney. Ranking reads an inverted
index, so a store twenty times today's size still answers in well under a millisecond.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from briefs.model import (
    Article,
    Event,
    Person,
    Quote,
    Reaction,
    Side,
    Store,
    SummaryPoint,
    changed_at,
)
from briefs.render.lexicon import Lexicon, Reading, lexicon, stem_en, tokens

Fact = Quote | Event | Reaction | SummaryPoint | Person | Article
KINDS = ("point", "event", "quote", "reaction", "person", "article")
NAMED = 2.0
"""Weight for facts from a person when the question is nothing but that person's name."""
RANKED = 120
TYPO = 75.0
"""rapidfuzz ratio (0-100) a misspelt word needs to stand for a store word (one slip in four
letters, two in eight: "tarrifs" -> tariffs)."""
SHORT_TYPO = 80.0
"""The same for words of five or six letters: one swap ("chnog" -> chong), not two slips."""


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
    """One searchable fact: the store words it is found by, whom it is from or names, when."""

    kind: str
    fact: Fact
    words: frozenset[str]
    person: str | None  # the speaker or actor (or the person itself)
    named: frozenset[str]  # people the fact is from or mentions
    when: int  # a date ordinal for "relevance, then date"
    section: str = ""  # a summary point's section


@dataclass(frozen=True, slots=True)
class Match:
    kind: str
    fact: Fact
    score: float
    entry: Entry | None = None


@dataclass(frozen=True, slots=True)
class Query:
    """A question resolved against the store: store words, unknown words, people named."""

    reading: Reading
    words: tuple[str, ...]
    unknown: tuple[str, ...]  # content words the store has nothing like, as typed
    people: frozenset[str]
    found: Mapping[str, str] = field(default_factory=dict)  # content word -> store word


class Index:
    """Every fact of a store, ready to rank against a question."""

    def __init__(self, store: Store, lex: Lexicon | None = None) -> None:
        self.lex = lex or lexicon()
        self.store = store
        self.people = {p.id: p for p in store.people}
        self._name_sets = {
            p.id: [frozenset(tokens(n)) - self.lex.stopwords for n in (p.name, *p.aliases)]
            for p in store.people
        }
        self._by_name: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for pid, sets in self._name_sets.items():
            for name in sets:
                for word in name:
                    self._by_name.setdefault(word, []).append((pid, name))
        names = {w for sets in self._name_sets.values() for s in sets for w in s}
        names |= {w for e in store.events for w in tokens(e.place)}
        names |= {w for a in store.articles for w in tokens(f"{a.outlet} {a.dateline or ''}")}
        self.names = frozenset(names - self.lex.stopwords)
        sides = {s.id: self.words_of(side_names(s)) for s in store.sides}
        self._sides = {p.id: sides.get(p.side, frozenset()) for p in store.people}
        self.entries = tuple(_Builder(self, store).entries)
        postings: dict[str, list[int]] = {}
        for number, entry in enumerate(self.entries):
            for word in entry.words:
                postings.setdefault(word, []).append(number)
        total = max(len(self.entries), 1)
        self.postings = {w: tuple(ns) for w, ns in postings.items()}
        self.weight = {w: math.log(1 + total / len(ns)) for w, ns in postings.items()}
        self._stems = tuple(sorted(w for w in postings if w not in self.names))
        self._names_found = tuple(sorted(w for w in postings if w in self.names))
        self._corrections: dict[str, str | None] = {}
        # Flat per-entry columns: ranking reads them for every matching fact.
        self._kind_of = [KINDS.index(e.kind) for e in self.entries]
        self._person_of = [e.person for e in self.entries]
        self._when_of = [e.when for e in self.entries]
        facts = [e for e in self.entries if e.kind in ("point", "event", "reaction", "quote")]
        facts.sort(key=lambda e: (-changed_at(e.fact).timestamp(), -e.when))  # type: ignore[arg-type]
        self.newest = tuple(facts)
        """Facts by when they entered or last changed in the store, newest first."""

    def norm(self, word: str) -> str:
        """The store word for a word: a name stays whole, anything else is stemmed."""
        return word if word in self.names else stem_en(word)

    def words_of(self, texts: Iterable[str]) -> frozenset[str]:
        skip = self.lex.stopwords
        return frozenset(self.norm(w) for t in texts for w in tokens(t) if w not in skip)

    def named_in(self, words: Iterable[str]) -> frozenset[str]:
        """People one of whose names (or aliases) is wholly among `words`."""
        present = set(words)
        return frozenset(
            pid for word in present for pid, name in self._by_name.get(word, ()) if name <= present
        )

    def side_people(self, words: Iterable[str]) -> frozenset[str]:
        """People on a side the words name: "what did China say?" asks China's government."""
        asked = set(words)
        return frozenset(pid for pid, side in self._sides.items() if side & asked)

    def resolve(self, reading: Reading) -> Query:
        """The question's content words as store words; those with nothing like them apart."""
        found: dict[str, str] = {}
        unknown: list[str] = []
        for word in reading.words:
            hit = self.correct(word)
            if hit is None:
                if word not in self.lex.soft:
                    unknown.append(word)
            else:
                found[word] = hit
        corrected = [found.get(w, w) for w in reading.words if w in found]
        people = self.named_in(corrected)
        return Query(reading, tuple(dict.fromkeys(found.values())), tuple(unknown), people, found)

    def correct(self, word: str) -> str | None:
        """The store word `word` stands for, or None: exact, stem, prefix, then a near miss."""
        if word in self._corrections:
            return self._corrections[word]
        hit = self._correct(word)
        if len(self._corrections) > 4096:
            self._corrections.clear()
        self._corrections[word] = hit
        return hit

    def _correct(self, word: str) -> str | None:
        if word in self.postings:
            return word
        stem = stem_en(word)
        if stem in self.postings:
            return stem
        if word.isdigit() or len(word) < 4:
            return None
        cutoff = TYPO if len(word) > 6 or len(word) == 4 else SHORT_TYPO
        prefixed = [w for w in self._names_found if w.startswith(word)]
        prefixed += [w for w in self._stems if w.startswith(stem)]
        if prefixed:
            return min(prefixed, key=len)
        best: tuple[str, float] | None = None
        searched = [(self._names_found, word)]
        if len(word) > 4:  # one slip in four letters makes another word too often; not a name
            searched.append((self._stems, stem))
        for choices, typed in searched:
            hit = process.extractOne(typed, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
            if hit is not None and (best is None or hit[1] > best[1]):
                best = (hit[0], hit[1])
        return best[0] if best else None

    def rank(self, query: Query, boost: Mapping[str, float] | None = None) -> list[Match]:
        """The facts sharing a word with the question, by score (each kind weighed by `boost`),
        then date, then curated order: the same question always lists them the same way.
        At most RANKED: no reply shows more, and a big store would pay to sort the rest."""
        scores: defaultdict[int, float] = defaultdict(float)
        for word in query.words:
            weight = self.weight.get(word, 0.0)
            for number in self.postings.get(word, ()):
                scores[number] += weight
        if not scores:
            return []
        only_names = self._only_names(query)
        weights = boost or {}
        factor = [weights.get(kind, 1.0) for kind in KINDS]
        kinds, persons, when = self._kind_of, self._person_of, self._when_of
        matches = [
            (
                -score * factor[kinds[n]] * (NAMED if persons[n] in only_names else 1.0),
                when[n],
                n,
            )
            for n, score in scores.items()
        ]
        return [
            Match(self.entries[n].kind, self.entries[n].fact, -s, self.entries[n])
            for s, _, n in heapq.nsmallest(RANKED, matches)
        ]

    def _only_names(self, query: Query) -> frozenset[str]:
        """People whose name is the whole question ("Global Times", "chong")."""
        asked = set(query.words)
        return frozenset(
            pid for pid in query.people if any(s and asked <= s for s in self._name_sets[pid])
        )


class _Builder:
    """Turns each kind of fact into its `Entry`."""

    def __init__(self, index: Index, store: Store) -> None:
        self.index = index
        self.store = store
        self.published = {a.id: a.published.toordinal() for a in store.articles}
        sides = {s.id: s for s in store.sides}
        self.about = {
            p.id: [*person_names(p), p.role, p.affiliation, *side_names(sides[p.side])]
            if p.side in sides
            else [*person_names(p), p.role, p.affiliation]
            for p in store.people
        }
        self.entries: list[Entry] = []
        quotes = {q.id: q for q in store.quotes}
        for section, points in store.summary.sections():
            for p in points:
                self.add("point", p, [p.text], None, p.sources, section=section)
        for e in store.events:
            self.add("event", e, [e.text, e.place, *e.topics], None, (), when=e.date.toordinal())
        for q in store.quotes:
            texts = [q.text, q.context, *q.topics, *self.about[q.speaker]]
            when = q.said.date.toordinal() if q.said else None
            self.add("quote", q, texts, q.speaker, q.sources, when=when)
        for r in store.reactions:
            stance = index.lex.stances.get(str(r.stance), ())
            quoted = [quotes[qid].text for qid in r.quotes if qid in quotes]
            texts = [r.text, str(r.stance), *stance, *quoted, *self.about[r.actor]]
            self.add("reaction", r, texts, r.actor, r.sources)
        for person in store.people:
            self.add("person", person, self.about[person.id], person.id, ())
        for a in store.articles:
            texts = [a.headline, a.outlet, a.dateline or ""]
            self.add("article", a, texts, None, (), when=a.published.toordinal())

    def add(
        self,
        kind: str,
        fact: Fact,
        texts: list[str],
        person: str | None,
        sources: tuple[str, ...],
        *,
        when: int | None = None,
        section: str = "",
    ) -> None:
        index = self.index
        words = index.words_of(texts)
        raw = {w for t in texts for w in tokens(t)}
        named = index.named_in(raw) | ({person} if person else set())
        if when is None:
            when = max((self.published.get(s, 0) for s in sources), default=0)
        self.entries.append(Entry(kind, fact, words, person, frozenset(named), when, section))
