"""load_store: read, validate and build the whole store, or refuse with every problem found."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefs.model import Store
from briefs.paths import default_root
from briefs.store.articles import ArticleSource, read_articles
from briefs.store.build import build_store
from briefs.store.chronology import check_dates
from briefs.store.content import check_content
from briefs.store.facts import Facts, read_facts
from briefs.store.problems import Problem, Problems, StoreError, ordered
from briefs.store.references import check_references
from briefs.store.translations import Owed, check_translations, owed_french


def store_files(root: Path) -> list[Path]:
    """The files the store is made of, in a stable order."""
    found = [
        p for folder in ("articles", "facts") for p in (root / folder).glob("*") if p.is_file()
    ]
    return sorted(p for p in found if not p.name.startswith("."))


def store_digest(root: Path) -> str:
    """sha256 over each file's relative path and bytes: any edit anywhere changes it."""
    digest = hashlib.sha256()
    for path in store_files(root):
        data = path.read_bytes()
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Checked:
    """What `briefs check` found: the store (None when refused), errors and warnings, and
    the records whose French is owed (missing ones are among the errors, stale among the
    warnings), so a write can tell the French it left from other errors."""

    store: Store | None
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    owed: tuple[Owed, ...] = ()


def _read(root: Path, problems: Problems) -> tuple[list[ArticleSource], Facts]:
    if not root.is_dir():
        problems.add(root, None, "no store here; point --root or BRIEFBOT_STORE_DIR at a store")
        problems.raise_if_any()
    articles = read_articles(root, problems)
    facts = read_facts(root, problems)
    check_references(articles, facts, problems)
    check_dates(articles, facts, datetime.now(UTC), problems)
    return articles, facts


def load_store(root: Path | None = None) -> Store:
    """The validated store at root (default: briefs.paths.default_root()).

    Raises StoreError listing every problem; a broken store never half-loads. The content
    rules (briefs/store/content/) are `briefs check`'s: see check_store.
    """
    root = default_root() if root is None else Path(root)
    problems = Problems(root)
    articles, facts = _read(root, problems)
    problems.raise_if_any()
    return build_store(articles, facts, store_digest(root))


def check_store(root: Path | None = None) -> Checked:
    """Every rule over the store at root: what load_store refuses, then the content rules."""
    root = default_root() if root is None else Path(root)
    problems = Problems(root)
    try:
        articles, facts = _read(root, problems)
    except StoreError as error:
        return Checked(None, error.problems, ())
    if problems.found:
        return Checked(None, ordered(problems.found), ())
    store = build_store(articles, facts, store_digest(root))
    check_content(store, articles, facts, root, problems)
    owed = owed_french(facts, problems)
    check_translations(owed, problems)
    return Checked(store, ordered(problems.found), ordered(problems.warnings), owed)
