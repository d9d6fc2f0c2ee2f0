"""Fixtures for the console tests: a clean process environment for the entry point."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A clean environment in an empty directory; the root logger restored afterwards
    (the entry point configures logging for a whole process)."""
    for name in list(os.environ):
        if name.startswith(("TELEGRAM_", "BRIEFBOT_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("BRIEFBOT_DB", str(tmp_path / "console.sqlite3"))
    monkeypatch.chdir(tmp_path)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
