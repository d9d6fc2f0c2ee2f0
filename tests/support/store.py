"""The frozen fixture store every behaviour test reads, so curating seeds/ never breaks a test.

tests/fixtures/store/ is a copy of seeds/ (articles and facts) as it stood when the tests
were written. The live seeds/ is guarded by `briefs check` (run by `make test`), not by
tests pinning its counts. tests/conftest.py points BRIEFBOT_STORE_DIR here, so
a `python -m briefs` subprocess reads this store too; tests load it explicitly
(`fixture_store()`, or `load_store(FIXTURE_STORE)`).
"""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from briefs.model import Store
from briefs.store import load_store

FIXTURE_STORE = Path(__file__).resolve().parents[1] / "fixtures" / "store"


def copy_store(tmp_path: Path, name: str = "seeds") -> Path:
    """A copy of the fixture store under tmp_path/name that a test may edit or break."""
    root = tmp_path / name
    shutil.copytree(FIXTURE_STORE, root)
    return root


@cache
def fixture_store() -> Store:
    """The frozen store, parsed once per test process: the model is immutable, so tests and
    applications share it (a test that edits a store works on its own copy)."""
    return load_store(FIXTURE_STORE)
