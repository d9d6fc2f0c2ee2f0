"""Reading an article file for ingest: text exactly as stored, front matter, paragraphs.

Spans index into the file text exactly as read (UTF-8, newline=""), front matter included,
so a proposal's offsets stay valid for the file a maintainer copies into seeds/articles/.
Every way the input can be wrong becomes one `IngestError` line, never a traceback.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_LINE = re.compile(r"[^\r\n]+")


class IngestError(Exception):
    """Input ingest cannot work with; the message is one line for stderr."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One non-blank line of the body; `number` counts from 1 (the headline)."""

    number: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Source:
    """An article as ingest sees it: the whole file text and where its body starts."""

    path: Path
    text: str
    body_start: int
    article_id: str
    published: date
    outlet: str
    headline: str
    paragraphs: tuple[Paragraph, ...]
    warnings: tuple[str, ...] = ()
    # The paragraphs quotes and dates are read from: not the headline, nor the lines the
    # metadata calls non-body (a photo caption, an alternate headline).
    body: tuple[Paragraph, ...] = ()


def parse_date(value: object, what: str) -> date:
    """A calendar date from --published or front matter, or a one-line error."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise IngestError(f"{what}: expected a date as YYYY-MM-DD, got {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise IngestError(f"{what}: {text!r} is not a real calendar date") from None


def read_text(path: Path) -> str:
    """The file's text exactly as stored, or an IngestError saying why it is unusable."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a directory, not an article file") from None
    except OSError as exc:
        raise IngestError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if b"\x00" in data:
        raise IngestError(f"{path}: looks like a binary file (NUL bytes), not article text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None
    if not text.strip():
        raise IngestError(f"{path}: the file is empty")
    return text


def front_matter(path: Path, text: str) -> tuple[dict[str, object], int]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        if text.startswith("---"):
            raise IngestError(f"{path}: front matter starts with --- but is never closed")
        return {}, 0
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise IngestError(f"{path}: front matter is not valid YAML{where}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise IngestError(f"{path}: front matter must be a mapping of key: value")
    return {str(k): v for k, v in meta.items()}, match.end()


# What ingest reads (id, published, outlet), and the rest of an article's metadata as
# seeds/articles/<id>.yaml holds it (briefs/store/schema.py), so front matter may carry it.
FRONT_MATTER_KEYS: tuple[str, ...] = ("id", "published", "outlet")
FRONT_MATTER_KEYS += ("headline", "alternate_headline", "dateline", "url", "source_file")
FRONT_MATTER_KEYS += ("published_approximate", "published_note", "non_body_lines")


def _unknown_keys(path: Path, meta: dict[str, object]) -> list[str]:
    """A warning per front matter key nothing reads, so a typo ("publshed") is not lost."""
    found = []
    for key in meta:
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            found.append(
                f"{path}: front matter key {key!r} is not known and is ignored{hint}; "
                f"known keys: {', '.join(FRONT_MATTER_KEYS)}"
            )
    return found


def _sidecar(path: Path) -> dict[str, object] | None:
    """The metadata file beside the article (seeds/articles/<id>.yaml), None if unreadable.

    It says what front matter would (published, non_body_lines), for seed articles, which
    are kept byte-for-byte as published and so carry no front matter.
    """
    side = path.with_suffix(".yaml")
    if not side.is_file():
        return {}
    try:
        meta = yaml.safe_load(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return {str(k): v for k, v in meta.items()} if isinstance(meta, dict) else {}


def _sidecar_published(path: Path, side: dict[str, object] | None) -> date | None:
    """`published` from the metadata file beside the article."""
    if side is None:
        raise IngestError(
            f"{path}: no publication date: pass --published YYYY-MM-DD "
            f"({path.with_suffix('.yaml')} is unreadable)"
        )
    if side.get("published") is None:
        return None
    return parse_date(side["published"], f"{path.with_suffix('.yaml')}: 'published'")


def _line_numbers(value: object) -> frozenset[int]:
    """`non_body_lines` as a set of file line numbers; anything else in it is ignored."""
    if not isinstance(value, list):
        return frozenset()
    return frozenset(n for n in value if isinstance(n, int) and not isinstance(n, bool))


def body_paragraphs(
    text: str, paras: tuple[Paragraph, ...], non_body: frozenset[int]
) -> tuple[Paragraph, ...]:
    """The paragraphs after the headline that are not on a non-body line of the file.

    A headline or a photo caption ("..., Oct. 31, 2025. (Photo ...)") is no statement of
    the article's, so dates and quotes there would be proposed twice or wrongly.
    """
    return tuple(p for p in paras[1:] if text.count("\n", 0, p.start) + 1 not in non_body)


def paragraphs(text: str, body_start: int) -> tuple[Paragraph, ...]:
    """Non-blank lines of the body: news copy puts one paragraph on a line."""
    found = [
        (m.start(), m.end())
        for m in _LINE.finditer(text, body_start)
        if m.group().strip() and not m.group().strip().startswith("<!--")
    ]
    return tuple(Paragraph(n, s, e) for n, (s, e) in enumerate(found, start=1))


def load_source(path: Path, published: date | None, article_id: str | None) -> Source:
    """Read, decode and split an article; --published/--id win over front matter, and
    front matter over the metadata file beside the article."""
    text = read_text(path)
    meta, body_start = front_matter(path, text)
    paras = paragraphs(text, body_start)
    if not paras:
        raise IngestError(f"{path}: no article text after the front matter")
    if published is None and "published" in meta:
        published = parse_date(meta["published"], f"{path}: front matter 'published'")
    side = _sidecar(path)
    if published is None:
        published = _sidecar_published(path, side)
    if published is None:
        raise IngestError(f"{path}: no publication date: pass --published YYYY-MM-DD")
    non_body = meta.get("non_body_lines", (side or {}).get("non_body_lines"))
    first = paras[0]
    return Source(
        path=path,
        text=text,
        body_start=body_start,
        article_id=article_id or str(meta.get("id") or path.stem),
        published=published,
        outlet=str(meta.get("outlet") or ""),
        headline=text[first.start : first.end].strip(),
        paragraphs=paras,
        warnings=tuple(_unknown_keys(path, meta)),
        body=body_paragraphs(text, paras, _line_numbers(non_body)),
    )
