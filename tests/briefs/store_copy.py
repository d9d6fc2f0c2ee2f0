"""A temporary copy of a store for tests that write: the frozen fixture store when it
exists (tests/fixtures/store), else the seeds, so writes never touch the live store."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE_STORE = REPO / "tests" / "fixtures" / "store"
PAGES = REPO / "tests" / "fixtures" / "pages"
XI_TEXT = REPO / "tests" / "fixtures" / "articles" / "xi-meeting.txt"
XI_PAGE = PAGES / "xi-meeting.html"
XI_URL = "https://apnews.com/article/carney-xi-beijing-new-chapter-0f1e2d3c"


def copy_store(tmp_path: Path) -> Path:
    """A writable copy of the store's articles/ and facts/ under tmp_path."""
    source = FIXTURE_STORE if FIXTURE_STORE.is_dir() else REPO / "seeds"
    root = tmp_path / "store"
    shutil.copytree(source, root)
    return root
