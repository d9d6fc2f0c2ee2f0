"""Source articles: metadata from <id>.yaml, text from <id>.txt kept exactly as published.

Spans index into the text, so it is decoded from its bytes with no newline translation and
never normalised; a quote is checked against exactly these characters, which the sha256 in
the metadata pins (see pinning.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefs.model import Precision
from briefs.store.fields import PartialDate
from briefs.store.pinning import check_pin
from briefs.store.problems import Problems
from briefs.store.schema import Record, read_record
from briefs.store.yamlnodes import read_yaml


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """An article's id (its file name), metadata record and exact text, each None if unreadable.

    The id is known even when the rest is broken, so facts citing it are not reported too.
    `pinned` is False when the text is not the published one: its quotes' spans are then
    not checked, since one "text changed" problem says it all.
    """

    id: str
    record: Record | None
    text: str | None
    pinned: bool


def _read_text(path: Path, data: bytes, problems: Problems) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(path, None, f"is not UTF-8 ({exc.reason} at byte {exc.start}); save as UTF-8")
        return None


def _check_sources(records: list[Record], problems: Problems) -> None:
    """Two articles copied from one source file is a copy-paste slip in the metadata."""
    seen: dict[str, Record] = {}
    for record in records:
        name = record.values.get("source_file")
        if not isinstance(name, str):
            continue
        first = seen.setdefault(name, record)
        if first is not record:
            problems.add(
                record.path,
                record.line_for("source_file"),
                f"source_file {name} is also the source of {first.path.name}; "
                "each article is copied from its own file, so write this one's original name",
            )
            record.ok = False


def _check_metadata(record: Record, stem: str, problems: Problems) -> None:
    if record.id is not None and record.id != stem:
        problems.add(
            record.path,
            record.line_for("id"),
            f"article id '{record.id}' does not match its file name; set id: {stem}",
        )
        record.ok = False
    published = record.values.get("published")
    if isinstance(published, PartialDate) and published.precision != Precision.DAY:
        problems.add(
            record.path,
            record.line_for("published"),
            f"published {published.written} needs a full date (YYYY-MM-DD); "
            "mark an inferred date with published_approximate: true",
        )
        record.ok = False


def read_articles(root: Path, problems: Problems) -> list[ArticleSource]:
    """Every article under root/articles/, each metadata file paired with its text."""
    folder = root / "articles"
    if not folder.is_dir():
        problems.add(folder, None, "the store has no articles/ folder; create it with the articles")
        return []
    found: list[ArticleSource] = []
    metadata = sorted(folder.glob("*.yaml"))
    for path in metadata:
        node = read_yaml(path, problems)
        record = None if node is None else read_record("article", node, path, problems)
        if record is not None:
            _check_metadata(record, path.stem, problems)
        text_path = path.with_suffix(".txt")
        text, pinned = None, False
        if text_path.is_file():
            data = text_path.read_bytes()
            text = _read_text(text_path, data, problems)
            pinned = check_pin(record, text_path, data, problems)
        else:
            problems.add(
                path, None, f"no article text: add {problems.display(text_path)} beside it"
            )
        found.append(ArticleSource(path.stem, record, text, pinned))
    _check_sources([a.record for a in found if a.record is not None], problems)
    described = {path.stem for path in metadata}
    for path in sorted(folder.glob("*.txt")):
        if path.stem not in described:
            problems.add(
                path,
                None,
                f"article text has no metadata; add {path.stem}.yaml "
                "(id, headline, outlet, published, published_approximate, url, sha256)",
            )
    return found
