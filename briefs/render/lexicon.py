"""Reading a question's words: tokens, language, stems, and what kind of question it is.

The words themselves (stop words, cue phrases, the French glossary, section names, small
talk) live in templates/questions.yaml, so a language is added there, not here. Stems come
from Snowball (English for the store's words; French for a French question's words the
glossary does not know); names of people and places are never stemmed, because Snowball
turns "beijing" into "beij" and a reader types names whole or misspelt, not inflected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import snowballstemmer  # type: ignore[import-untyped]
import yaml

_WORD = re.compile(r"[^\W_]+|\?", re.UNICODE)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_ELISION = re.compile(r"\b(?:l|d|qu|j|n|s|c|m|t)'(?=\w)")

TYPES = ("how_long", "said", "next", "latest", "who", "when", "where", "why", "did")


def tokens(text: str) -> list[str]:
    """Lower-case words, apostrophes and elisions ("l'", "qu'") dropped: "Carney's" -> carney."""
    text = text.lower().translate(_APOSTROPHES)
    text = _ELISION.sub(" ", text).replace("'s ", " ").replace("'s", " ").replace("'", " ")
    return _WORD.findall(text)


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(tokens(text))


@dataclass(frozen=True, slots=True)
class Reading:
    """A question as the index reads it: its type, language and content words."""

    kind: str | None  # one of TYPES, or None for a bare topic ("tariffs")
    french: bool
    about_sources: bool  # asks about the articles: who reported, when published
    rest: frozenset[str]  # every word of the question that is not a "who is" word
    words: tuple[str, ...]  # content words in reading order, glossary applied, unstemmed
    shown: dict[str, str]  # content word -> how to name it back in English ("EVs": spelled out)
    typed: dict[str, str]  # content word -> the reader's own words it came from, as typed


class Lexicon:
    """The word lists of questions.yaml, ready to use."""

    def __init__(self, data: dict[str, object]) -> None:
        stop: dict[str, str] = data["stopwords"]  # type: ignore[assignment]
        self.stop_en = frozenset(stop["en"].split())
        self.stop_fr = frozenset(tokens(stop["fr"])) - self.stop_en
        self.stopwords = self.stop_en | self.stop_fr
        self.generic = frozenset(tokens(str(data["generic"])))
        self.soft = frozenset(tokens(str(data["soft"])))
        self.expansions = _phrases(data["expansions"])
        self.glossary = _phrases(data["glossary"])
        self._fr_stems = {_stem_fr(k[0]): v for k, v in self.glossary.items() if len(k) == 1}
        types: dict[str, list[str]] = data["types"]  # type: ignore[assignment]
        self.types = [(kind, [_cue(c) for c in types[kind]]) for kind in TYPES]
        talk: dict[str, list[str]] = data["small_talk"]  # type: ignore[assignment]
        self.small_talk = {_phrase(p): kind for kind, ps in talk.items() for p in ps}
        sections: dict[str, list[str]] = data["sections"]  # type: ignore[assignment]
        self.sections = {w: name for name, ws in sections.items() for w in ws}
        polite: list[str] = data["polite"]  # type: ignore[assignment]
        self.polite = frozenset(polite)
        story: list[str] = data["the_story"]  # type: ignore[assignment]
        self.the_story = frozenset(story)
        who_is: list[str] = data["who_is"]  # type: ignore[assignment]
        self.who_is = frozenset(who_is)
        about: list[str] = data["about_sources"]  # type: ignore[assignment]
        self.about_sources = frozenset(about)
        stances: dict[str, list[str]] = data["stances"]  # type: ignore[assignment]
        self.stances = {s: tuple(ws) for s, ws in stances.items()}

    def small_talk_kind(self, text: str) -> str | None:
        """ "greeting" or "thanks" when the whole message is small talk, else None."""
        return self.small_talk.get(tuple(t for t in tokens(text) if t != "?"))

    def section(self, text: str) -> str | None:
        """The section (or "help") a message asks to open: "summary please", "timeline"."""
        words = [t for t in tokens(text) if t not in self.polite]
        if len(words) > 1:  # "timeline?" is the timeline; a lone "?" asks for help
            words = [w for w in words if w != "?"]
        named = {self.sections.get(w) for w in words}
        if len(named) == 1 and None not in named:
            return named.pop()
        return None

    def read(self, text: str) -> Reading:
        """The question's type, language and content words (stop and generic words dropped)."""
        raw = tokens(text)
        cased = {word.lower(): word for word in _WORD.findall(text.translate(_APOSTROPHES))}
        french = sum(t in self.stop_fr for t in raw) > sum(t in self.stop_en for t in raw)
        padded = " " + " ".join(raw) + " "
        kind = next((k for k, cues in self.types if any(_cued(padded, c) for c in cues)), None)
        words: list[str] = []
        shown: dict[str, str] = {}
        typed: dict[str, str] = {}
        for phrase, original, own in self._expanded(raw, french):
            for word in phrase:
                if word == "?" or word in self.stopwords or word in self.generic:
                    continue
                if len(word) < 2 and not word.isdigit():
                    continue
                words.append(word)
                shown.setdefault(word, original)
                typed.setdefault(word, " ".join(cased.get(t, t) for t in own.split()))
        about = bool(self.about_sources.intersection(raw))
        rest = frozenset(t for t in raw if t not in self.who_is and t != "?")
        return Reading(kind, french, about, rest, tuple(dict.fromkeys(words)), shown, typed)

    def _expanded(self, raw: list[str], french: bool) -> list[tuple[tuple[str, ...], str, str]]:
        """Each token (or known phrase) with what it stands for (expansions, then, in a
        French question, the glossary by word and by French stem), its English name, and
        the words typed."""
        out: list[tuple[tuple[str, ...], str, str]] = []
        index = 0
        while index < len(raw):
            for table in (self.expansions, self.glossary if french else {}):
                found = _longest(table, raw, index)
                if found:
                    size, value = found
                    own = " ".join(raw[index : index + size])
                    out.append((value, " ".join(value) if table is self.expansions else "", own))
                    index += size
                    break
            else:
                word = raw[index]
                mapped = self._fr_stems.get(_stem_fr(word)) if french else None
                out.append((mapped or (word,), word, word))
                index += 1
        return [(p, o or " ".join(p), own) for p, o, own in out]


def _phrases(table: object) -> dict[tuple[str, ...], tuple[str, ...]]:
    assert isinstance(table, dict)
    return {_phrase(str(k)): _phrase(str(v)) for k, v in table.items()}


def _longest(
    table: dict[tuple[str, ...], tuple[str, ...]], raw: list[str], index: int
) -> tuple[int, tuple[str, ...]] | None:
    for size in (3, 2, 1):
        key = tuple(raw[index : index + size])
        if len(key) == size and key in table:
            return size, table[key]
    return None


def _cue(text: str) -> tuple[bool, str]:
    """A cue phrase as (only at the start, " words ")."""
    start = text.startswith("^")
    return start, " " + " ".join(tokens(text.lstrip("^"))) + " "


def _cued(padded: str, cue: tuple[bool, str]) -> bool:
    start, phrase = cue
    return padded.startswith(phrase) if start else phrase in padded


_EN = snowballstemmer.stemmer("english")
_FR = snowballstemmer.stemmer("french")


@cache
def stem_en(word: str) -> str:
    """The Snowball English stem, cached: questions reuse a small vocabulary."""
    return str(_EN.stemWord(word))


@cache
def _stem_fr(word: str) -> str:
    return str(_FR.stemWord(word))


@cache
def lexicon() -> Lexicon:
    """The word lists, read once from templates/questions.yaml."""
    text = files("briefs").joinpath("templates/questions.yaml").read_text("utf-8")
    return Lexicon(yaml.safe_load(text))
