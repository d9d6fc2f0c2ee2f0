"""Live reload: a changed store is picked up; a broken one is refused and the last good kept."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.briefings.reload import Outcome
from bot.config import Settings
from briefs.store import StoreError, load_store
from tests.bot.conftest import ADMIN_ID
from tests.support.harness import Harness, running

OLD = "the first by a Canadian leader in nearly a decade"
NEW = "the first by a Canadian leader in almost ten years"


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "facts" / name
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def improve(root: Path) -> None:
    edit(root, "summary.yaml", OLD, NEW)


def corrupt(root: Path) -> None:
    edit(root, "quotes.yaml", "start: 2267", "start: 2270")


@pytest.fixture
async def live(settings: Settings, store_copy: Path) -> AsyncIterator[Harness]:
    async with running(dataclasses.replace(settings, store_dir=store_copy)) as harness:
        yield harness


def reloaded(harness: Harness, name: str) -> str:
    """/reload's answer `name` for the store the bot serves now."""
    store = harness.app.bot_data.services.edition.store
    return harness.message(
        name, version=store.version, facts=len(store.facts()), articles=len(store.articles)
    )


async def summary_text(harness: Harness) -> str:
    return str((await harness.reply("/summary")).params["text"])


async def test_admin_reload_serves_the_changed_store(live: Harness, store_copy: Path) -> None:
    """/reload by an admin loads the edited store, and the next briefing shows the change."""
    assert OLD in await summary_text(live)
    improve(store_copy)
    answer = await live.reply("/reload", user_id=ADMIN_ID)
    assert answer.params["text"] == reloaded(live, "reload_ok")
    assert NEW in await summary_text(live)


async def test_admin_reload_of_an_unchanged_store_says_so(live: Harness) -> None:
    """/reload when nothing changed says the store is unchanged, not that it was reloaded."""
    text = (await live.reply("/reload", user_id=ADMIN_ID)).params["text"]
    assert text == reloaded(live, "reload_unchanged")


async def test_admin_reload_refuses_a_broken_store(live: Harness, store_copy: Path) -> None:
    """A store failing its checks is refused: admins get the problems, readers the old store."""
    before = await summary_text(live)
    improve(store_copy)
    corrupt(store_copy)
    answer = await live.reply("/reload", user_id=ADMIN_ID)
    with pytest.raises(StoreError) as refused:
        load_store(store_copy)
    problems = [str(problem) for problem in refused.value.problems]
    assert answer.params["text"] == live.message("reload_refused", problems=problems)
    assert any("quotes.yaml" in problem for problem in problems)
    assert await summary_text(live) == before


async def test_non_admin_reload_is_refused(live: Harness, store_copy: Path) -> None:
    """/reload from someone who is not an admin changes nothing and says why."""
    improve(store_copy)
    answer = await live.reply("/reload")
    assert answer.params["text"] == live.message("admin_only")
    assert NEW not in await summary_text(live)


async def test_watcher_picks_up_a_changed_file(live: Harness, store_copy: Path) -> None:
    """The watcher reloads when a store file changes, and does nothing when none did."""
    watcher = live.app.bot_data.store_watcher
    assert watcher is not None
    assert await watcher.check(live.app.bot) is None
    improve(store_copy)
    result = await watcher.check(live.app.bot)
    assert result is not None
    assert result.outcome is Outcome.LOADED
    assert NEW in await summary_text(live)


async def test_watcher_tells_admins_once_per_broken_version(
    live: Harness, store_copy: Path
) -> None:
    """A broken store is reported to admins once, not every poll; a new breakage is reported."""
    watcher = live.app.bot_data.store_watcher
    assert watcher is not None
    before = len(live.request.calls_to("sendMessage"))
    corrupt(store_copy)
    assert (await watcher.check(live.app.bot)).outcome is Outcome.REFUSED  # type: ignore[union-attr]
    (store_copy / "facts" / "quotes.yaml").touch()
    await watcher.check(live.app.bot)
    told = live.request.calls_to("sendMessage")[before:]
    assert [c.params["chat_id"] for c in told] == [ADMIN_ID]
    assert "quotes.yaml" in told[0].params["text"]
    edit(store_copy, "quotes.yaml", "start: 2270", "start: 2271")
    await watcher.check(live.app.bot)
    assert len(live.request.calls_to("sendMessage")[before:]) == 2
