"""After a refused store: the log line lists the problems, and admins hear it is good again."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.briefings.reload import Outcome
from tests.bot.briefings.test_reload import corrupt, edit, improve, live
from tests.bot.conftest import ADMIN_ID
from tests.support.harness import Harness
from tests.support.updates import Updates

__all__ = ["live"]


async def test_admins_hear_when_a_good_store_follows_a_refused_one(
    live: Harness, store_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A refused store is logged with its problems; the next good one is loaded and the
    admins get one more message, rendered from the recovery template; a later good change
    sends nothing more."""
    watcher = live.app.bot_data.store_watcher
    assert watcher is not None
    before = len(live.request.calls_to("sendMessage"))
    corrupt(store_copy)
    with caplog.at_level(logging.WARNING, logger="bot.briefings.reload"):
        refused = await watcher.check(live.app.bot)
    assert refused is not None
    assert refused.outcome is Outcome.REFUSED
    assert all(problem in caplog.text for problem in refused.problems)
    edit(store_copy, "quotes.yaml", "start: 2270", "start: 2267")
    improve(store_copy)
    loaded = await watcher.check(live.app.bot)
    assert loaded is not None
    assert loaded.outcome is Outcome.LOADED
    told = live.request.calls_to("sendMessage")[before:]
    assert [c.params["chat_id"] for c in told] == [ADMIN_ID, ADMIN_ID]
    store = loaded.edition.store
    expected = live.app.bot_data.services.renderer.message(
        "reload_recovered", loaded=True, version=store.version, facts=len(store.facts())
    )
    assert told[1].params["text"] == expected
    edit(store_copy, "summary.yaml", "almost ten years", "nearly ten years")
    assert (await watcher.check(live.app.bot)).outcome is Outcome.LOADED  # type: ignore[union-attr]
    assert len(live.request.calls_to("sendMessage")[before:]) == 2


async def test_watcher_notices_speak_each_admins_language(live: Harness, store_copy: Path) -> None:
    """An admin whose Telegram is in French and who used /reload gets the watcher's refusal
    and recovery notices in French (an admin the bot knows no language of gets English, as
    in the test above)."""
    watcher = live.app.bot_data.store_watcher
    assert watcher is not None
    live.updates = Updates(user_id=ADMIN_ID, language_code="fr")
    await live.say("/reload", user_id=ADMIN_ID)
    before = len(live.request.calls_to("sendMessage"))
    corrupt(store_copy)
    refused = await watcher.check(live.app.bot)
    assert refused is not None
    edit(store_copy, "quotes.yaml", "start: 2270", "start: 2267")
    improve(store_copy)
    loaded = await watcher.check(live.app.bot)
    assert loaded is not None
    told = live.request.calls_to("sendMessage")[before:]
    store, renderer = loaded.edition.store, loaded.edition.renderer
    assert [c.params["text"] for c in told] == [
        renderer.message("reload_refused", problems=list(refused.problems), lang="fr"),
        renderer.message(
            "reload_recovered", loaded=True, version=store.version, facts=len(store.facts()),
            lang="fr",
        ),
    ]  # fmt: skip
    assert told[0].params["text"] != renderer.message(
        "reload_refused", problems=list(refused.problems)
    )
