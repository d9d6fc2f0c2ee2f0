"""An article's body: the only text a fact may rest on.

Line 1 is the headline; the lines an article's yaml lists in `non_body_lines` (a photo
caption, an alternate headline) are not body text either. A caption can say things the
article never reports ("a meeting in Gyeongju, Oct. 31, 2025"), so a fact citing the
article must find its support in the body, not there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefs.model import Article
from briefs.store.articles import ArticleSource

# A paragraph ends in sentence punctuation; a line that does not is a heading, which
# capitalises every word and so would read as a run of names.
_PARAGRAPH_END = ".”\"?!’'"
OPENING = '“"'
CLOSING = '”"'


@dataclass(frozen=True, slots=True)
class Line:
    """One line of an article: its 1-based number, offset in the text, and whether it is body."""

    number: int
    start: int
    text: str
    body: bool

    @property
    def paragraph(self) -> bool:
        """A body line of running prose (not blank, not a heading)."""
        stripped = self.text.rstrip()
        return self.body and bool(stripped) and stripped[-1] in _PARAGRAPH_END


@dataclass(frozen=True, slots=True)
class Body:
    """An article with its lines sorted into body and not; `path` is its text file."""

    article: Article
    path: Path
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        """The body lines joined, each where it was: search it for what the body says."""
        return "\n".join(line.text for line in self.lines if line.body)

    @property
    def other_text(self) -> str:
        """The headline and the lines that are not body text."""
        return "\n".join(line.text for line in self.lines if not line.body)

    def paragraphs(self) -> list[str]:
        return [line.text for line in self.lines if line.paragraph]

    def line_at(self, offset: int) -> int:
        return self.article.text.count("\n", 0, offset) + 1


def _non_body(source: ArticleSource) -> set[int]:
    values = {} if source.record is None else source.record.values
    listed = values.get("non_body_lines", ())
    return {1, *(n for n in listed if isinstance(n, int))} if isinstance(listed, tuple) else {1}


def bodies(
    articles: tuple[Article, ...], sources: list[ArticleSource], root: Path
) -> dict[str, Body]:
    """Each article's Body, by id."""
    skip = {source.id: _non_body(source) for source in sources}
    found: dict[str, Body] = {}
    for article in articles:
        lines, offset = [], 0
        for number, text in enumerate(article.text.split("\n"), start=1):
            lines.append(Line(number, offset, text, number not in skip.get(article.id, {1})))
            offset += len(text) + 1
        path = root / "articles" / f"{article.id}.txt"
        found[article.id] = Body(article, path, tuple(lines))
    return found


def quotations(text: str) -> list[tuple[int, int]]:
    """Spans inside each pair of quotation marks, typographic or straight, line by line.

    A quotation still open at the end of a line ends there: a quote running over several
    paragraphs reopens its mark on the next one.
    """
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n]+", text):
        start: int | None = None
        for index, char in enumerate(match.group(), start=match.start()):
            if start is None and char in OPENING:
                start = index + 1
            elif start is not None and char in CLOSING:
                spans.append((start, index))
                start = None
        if start is not None:
            spans.append((start, match.end()))
    return spans
