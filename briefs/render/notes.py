"""Footnote numbers for one briefing or page: [1] is the first article the reader sees cited.

A fresh `Footnotes` goes into each render's context; the `cite` filter numbers articles as
the template prints them. Each `{{ cut }}` the template prints starts a new section here
too, so the renderer knows which numbers each section cites and every message it sends
can end with the footnotes for exactly the markers it shows, numbered as in the whole
briefing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from briefs.model import Article


class Footnotes:
    """Numbers articles in order of first citation and records which section cited which."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        self._articles = articles
        self._numbers: dict[str, int] = {}
        self._sections: list[set[int]] = [set()]

    def number(self, article_id: str) -> int:
        """The article's number, given on first use so numbers follow reading order."""
        if article_id not in self._numbers:
            self._numbers[article_id] = len(self._numbers) + 1
        return self._numbers[article_id]

    def cite(self, sources: Iterable[str]) -> str:
        """Markers like "[1][2]" for the given article ids, in ascending number."""
        numbers = sorted({self.number(s) for s in sources})
        self._sections[-1].update(numbers)
        return "".join(f"[{n}]" for n in numbers)

    def cut(self) -> None:
        """The template printed a section boundary: later citations belong to the next section."""
        self._sections.append(set())

    def sections(self) -> list[tuple[int, ...]]:
        """The numbers each section cites, in section order, so footnotes follow their markers."""
        return [tuple(sorted(numbers)) for numbers in self._sections]

    def entries(self) -> list[tuple[int, Article]]:
        """(number, article) for every article cited so far, by number."""
        return [(n, self._articles[a]) for a, n in self._numbers.items()]
