"""Inline mode: "@BotName chong" offers facts to share, each titled by what it says.

Results come from the same index as plain questions, each fact once (a quote its reaction
already carries is not offered again), with a planned event marked as planned. An empty
query offers the summary's lead and the newest facts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from briefs.i18n import DEFAULT
from briefs.model import Quote, Reaction, changed_at
from briefs.render.matching import Match
from briefs.render.plans import BOOSTS

if TYPE_CHECKING:
    from briefs.render.renderer import Renderer

SHAREABLE = ("point", "event", "quote", "reaction", "person")


@dataclass(frozen=True, slots=True)
class Hit:
    """One inline-mode result: plain-text `title` and `description`, HTML `text` with its source."""

    id: str
    title: str
    description: str
    text: str


def search(
    renderer: Renderer, query: str, limit: int, today: date, lang: str = DEFAULT
) -> list[Hit]:
    """Inline results for `query`, best first, each fact once."""
    index = renderer.index
    if query.strip():
        found = index.rank(index.resolve(index.lex.read(query)), BOOSTS[None])
    else:
        found = _opening(renderer)
    found = [m for m in found if m.kind in SHAREABLE]
    carried = {q for m in found if isinstance(m.fact, Reaction) for q in m.fact.quotes}
    unique = [m for m in found if not (isinstance(m.fact, Quote) and m.fact.id in carried)]
    return [_hit(renderer, m, today, lang) for m in unique[:limit]]


def _opening(renderer: Renderer) -> list[Match]:
    """The summary's first point, then the facts that entered the store last."""
    store = renderer.store
    lead = [Match("point", p, 1.0) for p in store.summary.points()[:1]]
    entries = [e for e in renderer.index.entries if e.kind in SHAREABLE and e.kind != "person"]
    entries.sort(key=lambda e: (-changed_at(e.fact).timestamp(), -e.when))  # type: ignore[arg-type]
    newest = [
        Match(e.kind, e.fact, 0.0, e) for e in entries if e.fact not in store.summary.points()[:1]
    ]
    return lead + newest


def _hit(renderer: Renderer, match: Match, today: date, lang: str) -> Hit:
    parts = renderer.parts("hit_label", "text", lang=lang, m=match, today=today)
    title = parts[0].strip()
    description = parts[1].strip() if len(parts) > 1 else ""
    body = renderer.messages("hit", "html", lang=lang, m=match, today=today)[0]
    key = f"{match.kind}:{match.fact.id}"
    if len(key.encode()) > 64:  # Telegram's limit for result ids
        key = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()
    return Hit(key, title, description, body)
