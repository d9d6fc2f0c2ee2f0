"""Quotation marks are promises: what sits between them was said, exactly so.

- Every quotation in an article's body is covered by a stored quote (its span, or one
  containing it), so the bot can serve every remark the coverage reports and attribute it.
- A quotation inside a curator's prose (summary points, event and reaction texts, quote
  contexts) is verbatim in the body of an article the fact cites. Only a final comma or
  full stop may differ, since a quote ends a clause differently in the curator's sentence.
- A quote's context says how it was said, without repeating the quote or its speaker.
"""

from __future__ import annotations

import re

from briefs.store.content.bodies import CLOSING, OPENING, quotations
from briefs.store.content.context import Content, prose, prose_field

_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _stored(content: Content) -> None:
    stored: dict[str, list[tuple[int, int]]] = {}
    for quote in content.store.quotes:
        stored.setdefault(quote.article, []).append((quote.start, quote.end))
    for article_id, body in content.covered_bodies().items():
        text = body.article.text
        for start, end in quotations(text):
            if not body.lines[body.line_at(start) - 1].body:
                continue  # a caption's quotation is the caption's, not the report's
            if any(s <= start and end <= e for s, e in stored.get(article_id, ())):
                continue  # a stored quote covers it
            words = text[start:end]
            content.article(
                article_id,
                start,
                f"the quotation “{words}” is not in quotes.yaml; add it with its speaker, "
                f"article: {article_id}, start: {start}, end: {end}",
            )


def _loose(words: str) -> str:
    return words.rstrip(".,").translate(_MARKS)


def _verbatim(content: Content) -> None:
    for fact in content.store.facts():
        text = prose(fact)
        if not any(mark in text for mark in OPENING + CLOSING):
            continue
        cited = [content.bodies[a].text for a in fact.sources if a in content.bodies]
        for start, end in quotations(text):
            words = text[start:end].rstrip(".,")
            if not words or any(words in body for body in cited):
                continue
            near = any(_loose(words) in body.translate(_MARKS) for body in cited)
            how = (
                "it matches only if quotation marks or apostrophes are ignored; "
                "copy them as printed"
                if near
                else "copy the words exactly as printed, or drop the quotation marks"
            )
            content.fact(
                fact,
                prose_field(fact),
                f"the quotation “{text[start:end]}” is not verbatim in the body of "
                f"{', '.join(fact.sources)}; {how}",
            )


def _plain(text: str) -> str:
    return re.sub(r"[^\w\s]", "", text.replace("’", "'")).lower().strip()


def _contexts(content: Content) -> None:
    for quote in content.store.quotes:
        context = _plain(quote.context)
        if not context:
            # A warning: an empty context makes nothing untrue, and ingest --write leaves it
            # for the maintainer (the article's attribution says "said", rarely how).
            content.fact(
                quote,
                "context",
                'has no context; say how it was said, like "in a statement" or "told reporters"',
                warn=True,
            )
            continue
        if _plain(quote.text) in context:
            content.fact(quote, "context", "context repeats the quote; say how it was said")
        role = content.store.person(quote.speaker).role
        for part in role.split(","):
            if _plain(part) and _plain(part) in context:
                content.fact(
                    quote,
                    "context",
                    f"context repeats the speaker's role ({part.strip()}), which the bot "
                    "already shows; say how it was said",
                )


def check_quotations(content: Content) -> None:
    """Every quotation in the articles stored; every quotation in prose verbatim."""
    _stored(content)
    _verbatim(content)
    _contexts(content)
