"""Event status and `updated`: read, checked against their articles, and told by one rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from briefs.model import Status, changed_at
from briefs.render import timeline
from briefs.store import StoreError, load_store
from tests.briefs.storefactory import make_store
from tests.briefs.test_store_problems import break_file, copy_seeds


def _confirm_meeting(root: Path, update: str) -> None:
    """Mark carney-meets-xi happened, with the given `updated` line, citing ap-beijing."""
    path = root / "facts/events.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: carney-meets-xi")
    block_end = text.index("\n\n", start)
    block = text[start:block_end].replace("status: planned", "status: happened")
    block = block.replace("    added:", f"    updated: {update}\n    added:")
    path.write_text(text[:start] + block + text[block_end:], encoding="utf-8")


def test_an_unknown_status_is_refused_with_the_choices(tmp_path):
    """A status outside planned/happened/cancelled/postponed names the allowed words."""
    root = copy_seeds(tmp_path)
    break_file(root, "facts/events.yaml", "status: planned", "status: done")
    with pytest.raises(StoreError) as caught:
        load_store(root)
    assert "'done' is not allowed; use planned, happened, cancelled or postponed" in str(
        caught.value
    )


def test_an_update_loads_and_moves_the_store_version(tmp_path):
    """A valid `updated` is read into the model, and the store's version is its stamp."""
    root = copy_seeds(tmp_path)
    _confirm_meeting(root, "{at: 2026-11-30T09:00:00Z, article: ap-beijing, was: planned}")
    store = load_store(root)
    event = next(e for e in store.events if e.id == "carney-meets-xi")
    assert event.status is Status.HAPPENED
    assert event.updated is not None
    assert event.updated.was is Status.PLANNED
    assert changed_at(event) == datetime(2026, 11, 30, 9, tzinfo=UTC)
    assert store.version == datetime(2026, 11, 30, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("update", "fragment"),
    [
        ("{at: 2026-01-17T09:00:00Z, article: polar-herald}", "not in its sources"),
        ("{at: 2026-01-01T09:00:00Z, article: ap-beijing}", "is before the fact was added"),
        ("{at: 2099-01-01T09:00:00Z, article: ap-beijing}", "is in the future"),
        ("{at: 2026-01-17T09:00:00Z}", "has no article"),
    ],
)
def test_a_bad_update_is_refused(tmp_path, update, fragment):
    """An update must cite one of the fact's sources and enter after the fact, not later
    than now."""
    root = copy_seeds(tmp_path)
    _confirm_meeting(root, update)
    with pytest.raises(StoreError) as caught:
        load_store(root)
    assert fragment in str(caught.value)


def test_status_decides_before_the_date():
    """Reported done is happened even before its day; a plan whose day passed stays planned;
    cancelled and postponed are their own buckets."""
    store = make_store()
    events = {e.id: e for e in store.events}
    changed = tuple(
        replace(e, status=Status.HAPPENED)
        if e.id == "meets"
        else replace(e, status=Status.CANCELLED)
        if e.id == "leaves"
        else replace(e, status=Status.POSTPONED)
        if e.id == "davos"
        else e
        for e in store.events
    )
    told = timeline.telling(changed, date(2026, 1, 13), store.reports_end)
    assert told["meets"] == "happened"
    assert told["leaves"] == "cancelled"
    assert told["davos"] == "postponed"
    assert told["arrives"] == "coming"
    later = timeline.telling(store.events, date(2026, 11, 1), store.reports_end)
    assert later["arrives"] == "planned"
    assert later["old-meeting"] == "happened"
    assert events["arrives"].status is Status.PLANNED


def test_the_reports_end_is_the_newest_cited_article():
    """An article no fact cites does not move the end of the reporting."""
    store = make_store()
    assert store.reports_end == max(a.published for a in store.articles)
