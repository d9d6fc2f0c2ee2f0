"""Plain-text questions and inline-mode searches, answered only with facts from the store.

Both rank the store's quotes, events and reactions with `matching.Index`. An answer keeps
the facts scoring near the best (so "when does Carney meet Xi?" is not buried under every
fact naming Carney) and is cut back by whole facts until it fits one message, footnotes included.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefs.i18n import DEFAULT
from briefs.model import Person, Store
from briefs.render.matching import Match

if TYPE_CHECKING:
    from briefs.render.renderer import Renderer

ANSWER_ITEMS = 6
NEAR_BEST = 0.6
_SAYING = re.compile(r"\b(say|says|said|saying|quoted?|quotes|told|tell)\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_NOT_NAMES = frozenset({"the", "of", "and", "for", "in", "a", "an", "on", "at", "to"})


@dataclass(frozen=True, slots=True)
class Hit:
    """One inline-mode result: plain-text `title` and `description`, HTML `text` with its source."""

    id: str
    title: str
    description: str
    text: str


def answer(
    renderer: Renderer, question: str, *, fmt: str = "html", lang: str = DEFAULT
) -> str | None:
    """The best-matching facts as one message, or None when nothing in the store matches.

    Asked what someone said who has no quote in the store, the answer says so first, so a
    list of events naming them is not mistaken for their words.
    """
    matches = renderer.index.rank(question, ratio=NEAR_BEST)[:ANSWER_ITEMS]
    unquoted = unquoted_speakers(renderer.store, question)
    if not matches and not unquoted:
        return None
    while True:
        messages = renderer.messages("answer", fmt, lang=lang, matches=matches, unquoted=unquoted)
        if len(messages) == 1 or len(matches) == 1:
            return messages[0]
        matches = matches[:-1]


def unquoted_speakers(store: Store, question: str) -> list[Person]:
    """People a "what did X say" question names who have no quote in the store."""
    if not _SAYING.search(question):
        return []
    words = set(_WORD.findall(question.casefold()))
    quoted = {q.speaker for q in store.quotes}
    return [p for p in store.people if p.id not in quoted and _named(p, words)]


def _named(person: Person, words: set[str]) -> bool:
    """Whether the question names the person: a whole word of their name or an alias."""
    names = (person.name, *person.aliases)
    tokens = {t for n in names for t in _WORD.findall(n.casefold())} - _NOT_NAMES
    return bool(tokens & words)


def search(renderer: Renderer, query: str, limit: int = 20, *, lang: str = DEFAULT) -> list[Hit]:
    """Inline results for `query`, best first; an empty query offers the store's first quotes."""
    if query.strip():
        matches = renderer.index.rank(query)[:limit]
    else:
        matches = [Match("quote", q, 0.0) for q in renderer.store.quotes[:limit]]
    return [_hit(renderer, m, lang) for m in matches]


def _hit(renderer: Renderer, match: Match, lang: str) -> Hit:
    title, description = _label(renderer, match, lang)
    body = renderer.messages("hit", "html", lang=lang, m=match)[0]
    key = f"{match.kind}:{match.fact.id}"
    if len(key.encode()) > 64:  # Telegram's limit for result ids
        key = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()
    return Hit(key, title, description, body)


def _label(renderer: Renderer, match: Match, lang: str) -> tuple[str, str]:
    parts = renderer.parts("hit_label", "text", lang=lang, m=match)
    title = parts[0].strip()
    description = parts[1].strip() if len(parts) > 1 else ""
    return title, description
