"""Fixtures for tests that add an article: the follow-up article as text and as a saved page,
and a writable copy of the frozen store (tests/support/store.py), never the live seeds/."""

from __future__ import annotations

from pathlib import Path

from tests.support.store import FIXTURE_STORE
from tests.support.store import copy_store as _copy_fixture

REPO = Path(__file__).resolve().parents[2]
PAGES = REPO / "tests" / "fixtures" / "pages"
XI_TEXT = REPO / "tests" / "fixtures" / "articles" / "xi-meeting.txt"
XI_PAGE = PAGES / "xi-meeting.html"
XI_URL = "https://apnews.com/article/carney-xi-beijing-new-chapter-0f1e2d3c"

__all__ = ["FIXTURE_STORE", "PAGES", "XI_PAGE", "XI_TEXT", "XI_URL", "copy_store"]


def copy_store(tmp_path: Path) -> Path:
    """A writable copy of the fixture store's articles/ and facts/ under tmp_path/store."""
    return _copy_fixture(tmp_path, "store")
