"""Writing into the store all or nothing: files change only if `briefs check` still passes.

Every command that writes (add-article, ingest --write, --review) hands its new file
contents here. They are written, the store is checked exactly as `briefs check` checks it,
and if the write brought a new error every file is put back as it was (or removed, if it was
new), so a maintainer never finds a half-written store.

One kind of finding is not the write's fault: while an article is being ingested, check's
coverage rules list the quotations, names and days in it that are not in the store yet
(reported at the article's text). Those are what is left to review, so they are returned,
not refused; `briefs check` keeps listing them until the review is done. Nor is the French
of the facts the write brings: a maintainer writes it (`briefs translations` lists it), so
a missing translation of a fact that was not in the store before is returned, not refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefs.model import Store
from briefs.store import Problem, StoreError
from briefs.store.loader import Checked, check_store
from briefs.store.translations import Owed


@dataclass(frozen=True, slots=True)
class Written:
    """The store a write made, what check still asks of the article being ingested, and the
    new facts whose French the maintainer is to write."""

    store: Store
    to_review: tuple[Problem, ...]
    to_translate: tuple[Owed, ...] = ()


def _pending(problem: Problem, article: str | None) -> bool:
    return article is not None and Path(problem.file).name == f"{article}.txt"


def _untranslated(checked: Checked, was: Checked) -> tuple[Owed, ...]:
    """The missing French of facts new with the write, or already missing before it (by
    record, not line: a write moves lines)."""
    before = {fact.id for fact in was.store.facts()} if was.store is not None else set()
    owing = {owed.owner for owed in was.owed if owed.missing}
    return tuple(
        owed
        for owed in checked.owed
        if owed.missing
        and (owed.owner in owing or (owed.fact_id is not None and owed.fact_id not in before))
    )


def guarded_write(root: Path, changes: dict[Path, bytes], article: str | None = None) -> Written:
    """Write `changes` and return the store they make; on a new error restore and raise."""
    was = check_store(root)
    earlier = {str(p) for p in was.problems}
    before = {path: path.read_bytes() if path.exists() else None for path in changes}
    try:
        for path, data in changes.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        checked = check_store(root)
        untranslated = _untranslated(checked, was)
        left = {str(owed.error()) for owed in untranslated}
        fresh = tuple(
            p
            for p in checked.problems
            if str(p) not in earlier and not _pending(p, article) and str(p) not in left
        )
        if checked.store is None or fresh:
            raise StoreError(fresh or checked.problems)
        pending = tuple(p for p in checked.problems if _pending(p, article))
        return Written(checked.store, pending, untranslated)
    except (StoreError, OSError):
        for path, old in before.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)
        raise
