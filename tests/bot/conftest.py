"""Fixtures for bot tests: settings on temporary files and the real application, offline."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from tests.bot.subscriptions_helpers import bot, briefing, standin, storage
from tests.support.harness import Harness, running
from tests.support.store import FIXTURE_STORE

# The delivery tests' fixtures (a stand-in, a Bot on it, a Storage, the real briefing), shared
# here once instead of imported by each delivery test module; a module may still override one.
__all__ = ["bot", "briefing", "standin", "storage"]

ADMIN_ID = 9001


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a temporary database, one admin, and flood control out of the way."""
    return Settings(
        db_path=tmp_path / "bot.sqlite3", admins=frozenset({ADMIN_ID}), flood_limit=1000
    )


@pytest.fixture
def store_copy(tmp_path: Path) -> Path:
    """A copy of the fixture store that a test may edit or break."""
    root = tmp_path / "store"
    shutil.copytree(FIXTURE_STORE, root)
    return root


@pytest.fixture
async def harness(settings: Settings) -> AsyncIterator[Harness]:
    async with running(settings) as h:
        yield h
