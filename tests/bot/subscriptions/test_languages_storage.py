"""bot.subscriptions.languages on real SQLite files: choices, remembered languages, /forget."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.subscriptions.languages import Languages
from bot.subscriptions.storage import Storage

NOW = datetime(2026, 1, 12, 12, 0, tzinfo=UTC)


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    opened = await Storage.open(tmp_path / "subs.sqlite3")
    yield opened
    await opened.close()


async def test_a_choice_is_stored_and_read_back_after_reopening(tmp_path: Path) -> None:
    """A chosen language survives closing and reopening the file."""
    first = await Storage.open(tmp_path / "a.sqlite3")
    await Languages.of(first).choose(7, "fr", now=NOW)
    await first.close()
    again = await Storage.open(tmp_path / "a.sqlite3")
    languages = Languages.of(again)
    await languages.load()
    assert languages.chosen(7) == "fr"
    assert languages.chosen(8) is None
    await again.close()


async def test_remembered_language_serves_delivery_but_is_no_choice(storage: Storage) -> None:
    """Remembering a subscriber's language tells delivery, not the chat's replies."""
    languages = Languages.of(storage)
    await languages.remember(7, "fr", now=NOW)
    await languages.load()
    assert languages.chosen(7) is None
    assert await languages.stored([7, 8]) == {7: "fr"}


async def test_a_choice_is_never_replaced_by_a_remembered_language(storage: Storage) -> None:
    """After /language fr, a subscriber's English client does not switch the daily back."""
    languages = Languages.of(storage)
    await languages.choose(7, "fr", now=NOW)
    await languages.remember(7, "en", now=NOW)
    assert await languages.stored([7]) == {7: "fr"}
    await languages.choose(7, "en", now=NOW)
    assert languages.chosen(7) == "en"


async def test_forget_and_migrate_take_the_language_with_the_chat(storage: Storage) -> None:
    """/forget deletes the chat's language; a group's migration moves it to the new id."""
    languages = Languages.of(storage)
    await languages.choose(7, "fr", now=NOW)
    await languages.choose(-5, "fr", now=NOW)
    assert await storage.forget(7)
    assert await languages.stored([7]) == {}
    await storage.migrate(-5, -1005)
    assert await languages.stored([-5, -1005]) == {-1005: "fr"}
    await languages.refresh(-5, -1005)
    assert (languages.chosen(-5), languages.chosen(-1005)) == (None, "fr")


async def test_a_language_the_bot_does_not_speak_is_refused(storage: Storage) -> None:
    """Only languages the bot has texts for can be stored."""
    with pytest.raises(ValueError, match="not a language"):
        await Languages.of(storage).choose(7, "de", now=NOW)
