"""Footnote numbers for one briefing or page: [1] is the first article the reader sees cited.

A fresh `Footnotes` goes into each render's context; the `cite` filter numbers articles as
the template prints them, and the footnotes block at the end lists exactly those.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from briefs.model import Article


class Footnotes:
    """Numbers articles in order of first citation."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        self._articles = articles
        self._numbers: dict[str, int] = {}

    def number(self, article_id: str) -> int:
        if article_id not in self._numbers:
            self._numbers[article_id] = len(self._numbers) + 1
        return self._numbers[article_id]

    def cite(self, sources: Iterable[str]) -> str:
        """Markers like "[1][2]" for the given article ids, in ascending number."""
        numbers = sorted({self.number(s) for s in sources})
        return "".join(f"[{n}]" for n in numbers)

    def entries(self) -> list[tuple[int, Article]]:
        """(number, article) for every article cited so far, by number."""
        return [(n, self._articles[a]) for a, n in self._numbers.items()]
