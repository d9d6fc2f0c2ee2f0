"""Alerts: a store that confirms the Xi meeting reaches alert chats once per version, paced
and fault-handled like the daily, across a restart, and the daily still tells it too."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot

from bot.briefings.keyboards import alert_keyboard, welcome_keyboard
from bot.delivery.alerts import AlertSource
from bot.delivery.engine import Briefing, Delivery
from bot.subscriptions.alert_storage import Alerts, micros
from bot.subscriptions.storage import Outcome, Storage
from briefs.model import Store
from briefs.render import Renderer
from briefs.render.changes import changes
from briefs.store import load_store
from tests.bot.subscriptions_helpers import FAST, pace_virtually, subscribe_due
from tests.support.botapi_standin import BotApiStandin, Fault
from tests.support.loopback import standin_bot
from tests.support.store import FIXTURE_STORE
from tests.support.waiting import until

NOW = datetime(2026, 12, 1, 13, 0, tzinfo=UTC)
CONFIRMED_AT = "2026-11-30T09:00:00Z"
MEETING = "carney-meets-xi"


def confirmed_store(tmp_path: Path) -> Store:
    """The seed store with the Xi meeting reported as happened (updated, was planned)."""
    root = tmp_path / "store"
    shutil.copytree(FIXTURE_STORE, root)
    path = root / "facts/events.yaml"
    text = path.read_text("utf-8")
    start = text.index(f"  - id: {MEETING}")
    end = text.index("\n\n", start)
    update = f"    updated: {{at: {CONFIRMED_AT}, article: ap-beijing, was: planned}}\n    added:"
    block = text[start:end].replace("status: planned", "status: happened")
    path.write_text(text[:start] + block.replace("    added:", update) + text[end:], "utf-8")
    return load_store(root)


@pytest.fixture(scope="module")
def before() -> Store:
    return load_store(FIXTURE_STORE)


@pytest.fixture
def after(tmp_path: Path) -> Store:
    return confirmed_store(tmp_path)


def sources(store: Store) -> tuple[Briefing, AlertSource]:
    renderer = Renderer(store)
    daily = Briefing(renderer, store.version, welcome_keyboard(renderer))
    return daily, AlertSource(renderer, store.version, alert_keyboard(renderer))


def engine(storage: Storage, bot: Bot, store: Store, **kwargs: Any) -> Delivery:
    daily, alert = sources(store)
    limits = kwargs.pop("limits", FAST)
    return Delivery(
        storage, bot, lambda: daily, limits=limits, clock=lambda: NOW, alerts=lambda: alert,
        **kwargs,
    )  # fmt: skip


def sent_to(standin: BotApiStandin, chat: int) -> list[dict[str, Any]]:
    return [c.params for c in standin.calls_to("sendMessage") if c.params["chat_id"] == chat]


def rows(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as raw:
        return raw.execute(sql, params).fetchall()


async def alerts_on(storage: Storage, chats: range | tuple[int, ...], version: datetime) -> None:
    for chat in chats:
        await Alerts.of(storage).turn_on(chat, now=NOW - timedelta(days=1), version=version)


def test_the_confirmed_meeting_is_a_change_told_as_confirmed(before: Store, after: Store) -> None:
    """An event updated from planned to happened is listed as "confirmed", per the timeline."""
    found = changes(after, before.version, NOW.date(), most=5)
    assert [e.id for e in found.fresh["events"]] == [MEETING]
    assert found.how["events"][MEETING] == "confirmed"
    assert not any(found.fresh[kind] for kind in ("quotes", "reactions", "people", "points"))


async def test_a_status_update_reaches_the_alert_and_the_daily(
    storage: Storage, bot: Bot, standin: BotApiStandin, before: Store, after: Store
) -> None:
    """Alert chats get one "New in the story" naming the confirmed meeting with a summary
    button; a daily subscriber who also has alerts still finds it in the next daily."""
    await alerts_on(storage, (1, 2), before.version)
    await subscribe_due(storage, 1, NOW)
    yesterday = NOW - timedelta(days=1)
    seen = Outcome(1, yesterday.date(), "sent", NOW, version=before.version, at=yesterday)
    await storage.commit((), [seen], None, now=NOW)
    delivery = engine(storage, bot, after)
    alert_run = await delivery.alert_once(NOW)
    assert alert_run is not None
    assert (alert_run.sent, alert_run.failed) == (2, 0)
    expected = Renderer(after).alert(before.version, now=NOW)
    for chat in (1, 2):
        (message,) = sent_to(standin, chat)
        assert message["text"] == expected[0]
        assert "Carney meets Chinese President Xi Jinping" in message["text"]
        button = message["reply_markup"]["inline_keyboard"][0][0]
        assert button["callback_data"] == "sec:summary:1"
    assert await delivery.alert_once(NOW) is None  # once per version
    daily = await delivery.run_once(NOW)
    assert daily.sent == 1
    first = sent_to(standin, 1)[1]["text"]
    daily_text = Renderer(after).daily(
        before.version, now=NOW, today=NOW.date(), last=yesterday.date()
    )
    assert first == daily_text[0]
    assert "Carney meets Chinese President Xi Jinping" in first
    assert len(sent_to(standin, 2)) == 1  # alerts only: no daily


async def test_turning_alerts_on_starts_from_the_store_shown_now(
    storage: Storage, bot: Bot, standin: BotApiStandin, after: Store
) -> None:
    """A chat that turns alerts on at the current version hears nothing until it changes."""
    await alerts_on(storage, (1,), after.version)
    assert await engine(storage, bot, after).alert_once(NOW) is None
    assert standin.calls_to("sendMessage") == []


async def test_429_and_403_on_an_alert(
    storage: Storage, bot: Bot, standin: BotApiStandin, before: Store, after: Store
) -> None:
    """A 429 is waited out (as long as it says) and the same alert resent once; a 403 turns
    that chat's alerts off (its daily is left for its own run to find out), logged failed."""
    standin.add_fault(Fault("sendMessage", status=429, retry_after=1, chat_id=1))
    standin.add_fault(Fault("sendMessage", status=403, chat_id=2))
    await alerts_on(storage, (1, 2), before.version)
    await subscribe_due(storage, 2, NOW + timedelta(hours=1))
    naps: list[float] = []

    async def nap(seconds: float) -> None:
        naps.append(seconds)

    sender = engine(storage, bot, after, sleep=nap)
    pace_virtually(sender)  # the pause the 429 asks for, without waiting it
    run = await sender.alert_once(NOW)
    assert run is not None
    assert (run.sent, run.deactivated) == (1, 1)
    throttled, resent = sent_to(standin, 1)
    assert throttled["text"] == resent["text"]
    assert [c.status for c in standin.calls_to("sendMessage") if c.params["chat_id"] == 1] == [
        429,
        200,
    ]
    assert naps == [1.0]  # the sender waits through the injected sleep
    gone = await Alerts.of(storage).choice(2)
    assert gone is not None
    assert not gone.active
    assert "blocked" in (gone.deactivated_reason or "")
    daily = await storage.get(2)
    assert daily is not None
    assert daily.active
    assert await engine(storage, bot, after).alert_once(NOW) is None


async def test_an_alert_subscriber_across_a_restart_gets_each_alert_once(
    tmp_path: Path, standin: BotApiStandin, before: Store, after: Store
) -> None:
    """Stopped mid-alert: the sends in flight are marked interrupted (never resent), the chats
    not reached yet get theirs from the engine started next on the same file, and a third
    start sends nobody anything: one alert per chat per store version."""
    path = tmp_path / "subs.sqlite3"
    first = await Storage.open(path)
    await alerts_on(first, range(1, 11), before.version)
    hung = threading.Event()
    for chat in (1, 2):
        standin.add_fault(Fault("sendMessage", status=200, hold=hung, chat_id=chat))
    async with standin_bot(standin) as bot:
        running = engine(first, bot, after, limits=replace(FAST, workers=2))
        await running.start()
        claimed = "SELECT count(*) FROM alert_log WHERE status = 'pending'"
        await until(lambda: rows(path, claimed) == [(2,)])
        await running.stop()
        hung.set()
        await first.close()
        assert rows(path, "SELECT chat_id FROM alert_log ORDER BY chat_id") == [(1,), (2,)]

        second = await Storage.open(path)
        restarted = engine(second, bot, after)
        await restarted.start()
        # Every chat dealt with for the new version: 8 sent, and 1 and 2 skipped (logged).
        done = (
            "SELECT (SELECT count(*) FROM alert_log WHERE status = 'sent'),"
            " (SELECT count(*) FROM alerts WHERE handled_version < ?)"
        )
        bound = micros(after.version)
        await until(lambda: rows(path, done, (bound,)) == [(8, 0)])
        await restarted.stop()
        await second.close()

        third = await Storage.open(path)
        assert await engine(third, bot, after).alert_once(NOW) is None
        await third.close()
    counts = {chat: len(sent_to(standin, chat)) for chat in range(1, 11)}
    assert {chat: counts[chat] for chat in range(3, 11)} == dict.fromkeys(range(3, 11), 1)
    assert counts[1] <= 1  # cut off in flight: it may have arrived, and is never resent
    assert counts[2] <= 1
    interrupted = "SELECT chat_id FROM alert_log WHERE status = 'failed' ORDER BY chat_id"
    assert rows(path, interrupted) == [(1,), (2,)]
    assert rows(path, "SELECT count(*) FROM alert_log WHERE status = 'sent'") == [(8,)]


async def test_forget_deletes_the_alert_setting_and_log(
    storage: Storage, bot: Bot, before: Store, after: Store
) -> None:
    """/forget's delete leaves nothing about the chat's alerts."""
    await alerts_on(storage, (1,), before.version)
    await engine(storage, bot, after).alert_once(NOW)
    assert await storage.forget(1)
    assert await Alerts.of(storage).choice(1) is None
    assert await engine(storage, bot, after).alert_once(NOW) is None
