"""A new article for the store: its text and metadata from a text file or a saved page.

A text file is the article as published, headline on the first line (front matter, if
any, gives defaults for the flags and is not part of the text). A saved page (.html) is
read by page.py, and its headline, site name, canonical URL and date fill what the flags
leave open. What neither says is a missing flag, named exactly, so nothing half-known is
ever written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from briefs.ingest.ids import article_id
from briefs.ingest.page import read_page
from briefs.ingest.source import IngestError, front_matter, parse_date, read_text
from briefs.ingest.yaml_out import scalar

PAGE_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True, slots=True)
class Flags:
    """What the maintainer passed; None where they left it to the file."""

    id: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    approximate: bool = False
    non_body_lines: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class NewArticle:
    """Everything seeds/articles/<id>.txt and <id>.yaml hold for one article."""

    id: str
    headline: str
    outlet: str
    url: str
    published: date
    approximate: bool
    text: str
    non_body_lines: tuple[int, ...]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


class MissingFlags(IngestError):
    """The file does not say something the store needs; `flags` names what to pass."""

    def __init__(self, path: Path, flags: list[str]) -> None:
        self.flags = flags
        super().__init__(f"{path}: the file does not say {'; nor '.join(flags)}")


_HINTS = {
    "headline": "its headline: save it as text with the headline on the first line",
    "outlet": "the outlet: pass --outlet NAME",
    "url": "the article's address: pass --url URL",
    "published": "when it was published: pass --published YYYY-MM-DD",
}


def _from_text(path: Path) -> tuple[dict[str, object], str]:
    text = read_text(path).removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta, body_start = front_matter(path, text)
    body = text[body_start:].lstrip("\n")
    if not body.strip():
        raise IngestError(f"{path}: no article text")
    meta["headline"] = meta.get("headline") or body.splitlines()[0].strip()
    return meta, body if body.endswith("\n") else body + "\n"


def _from_page(path: Path) -> tuple[dict[str, object], str]:
    page = read_page(path)
    meta: dict[str, object] = {"outlet": page.outlet, "url": page.url}
    meta |= {"published": page.published, "headline": page.headline}
    headline = page.headline or ""
    return meta, "\n".join([headline, *page.paragraphs]) + "\n"


def read_article(path: Path, flags: Flags) -> NewArticle:
    """The article at `path` with the flags filled in; MissingFlags names what is unknown."""
    is_page = path.suffix.lower() in PAGE_SUFFIXES
    meta, text = _from_page(path) if is_page else _from_text(path)
    chosen = {
        "outlet": flags.outlet or meta.get("outlet"),
        "url": flags.url or meta.get("url"),
        "published": flags.published or meta.get("published"),
        "headline": meta.get("headline"),
    }
    missing = [_HINTS[name] for name, value in chosen.items() if not value]
    if missing:
        raise MissingFlags(path, missing)
    published = parse_date(chosen["published"], f"{path}: 'published'")
    headline, outlet = str(chosen["headline"]).strip(), str(chosen["outlet"]).strip()
    meta_id = meta.get("id")
    return NewArticle(
        id=flags.id or (str(meta_id) if meta_id else article_id(outlet, headline)),
        headline=headline,
        outlet=outlet,
        url=str(chosen["url"]).strip(),
        published=published,
        approximate=flags.approximate,
        text=text,
        non_body_lines=flags.non_body_lines,
    )


def metadata_yaml(article: NewArticle, source: Path) -> str:
    """<id>.yaml in the seeds' own layout, with the comments a curator expects there."""
    lines = [
        f"# Metadata for {article.id}.txt, added by `briefs add-article` from {source.name}.",
        f"id: {article.id}",
        f"headline: {scalar(article.headline)}",
        f"outlet: {scalar(article.outlet)}",
        f"published: {article.published.isoformat()}",
        f"published_approximate: {'true' if article.approximate else 'false'}",
        f"url: {scalar(article.url)}",
        f"# sha256 of {article.id}.txt as written (`sha256sum`); briefs check refuses any other.",
        f"sha256: {article.sha256}",
    ]
    if article.non_body_lines:
        numbers = ", ".join(str(n) for n in article.non_body_lines)
        lines += ["# Lines that are not body text (captions, alternate headlines).", ""]
        lines[-1] = f"non_body_lines: [{numbers}]"
    return "\n".join(lines) + "\n"
