"""A saved web page as an article: its text and metadata, read by trafilatura.

Pages carry navigation, ads, captions, cookie banners and footers around the story; a
maintained extractor (trafilatura, with htmldate for the publication date) tells article
text from boilerplate far better than any scraping we would write, so nothing here reads
HTML itself. What the page does not say (no site name, no date) stays None, so the caller
can name the flag to pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import trafilatura

from briefs.ingest.source import IngestError, parse_date


@dataclass(frozen=True, slots=True)
class Page:
    """What a page says about its article; None where it says nothing."""

    headline: str | None
    paragraphs: tuple[str, ...]
    outlet: str | None
    url: str | None
    published: date | None


def _published(value: object) -> date | None:
    if not value:
        return None
    try:
        return parse_date(str(value)[:10], "page date")
    except IngestError:
        return None


def read_page(path: Path) -> Page:
    """The article text (one paragraph a line, no headline) and metadata of a saved page."""
    try:
        html = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot read: {exc.strerror or exc}") from None
    found = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if found is None or isinstance(found, dict) or not (found.text or "").strip():
        raise IngestError(f"{path}: no article text found in the page")
    lines = [line.strip() for line in (found.text or "").splitlines() if line.strip()]
    headline = (found.title or "").strip() or None
    if headline and lines and lines[0] == headline:
        lines = lines[1:]  # the page's <h1>: it becomes the article's first line once
    return Page(
        headline=headline,
        paragraphs=tuple(lines),
        outlet=(found.sitename or "").strip() or None,
        url=(found.url or "").strip() or None,
        published=_published(found.date),
    )
