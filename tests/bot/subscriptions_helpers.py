"""Shared pieces for the subscription and delivery tests: real SQLite, the stand-in, a bot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from telegram import Bot

from bot.delivery.engine import Briefing, Delivery, Limits
from bot.subscriptions.storage import Storage
from tests.support.botapi_standin import BotApiStandin
from tests.support.loopback import standin_bot
from tests.support.store import fixture_store
from tests.support.virtual_time import VirtualTime

TOKEN = "123456:TEST-TOKEN"
FAST = Limits(rate=1000, chat_rate=100, workers=8, attempts=3, backoff=0.01, timeout=2.0)


def make_briefing() -> Briefing:
    """The real renderer over the real store, as the bot builds it."""
    from bot.briefings.keyboards import welcome_keyboard
    from briefs.render import Renderer

    store = fixture_store()
    renderer = Renderer(store)
    return Briefing(renderer, store.version, welcome_keyboard(renderer))


@pytest.fixture
def standin() -> Iterator[BotApiStandin]:
    with BotApiStandin(token=TOKEN) as server:
        yield server


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    opened = await Storage.open(tmp_path / "subs.sqlite3")
    yield opened
    await opened.close()


@pytest.fixture
async def bot(standin: BotApiStandin) -> AsyncIterator[Bot]:
    async with standin_bot(standin) as started:
        yield started


@pytest.fixture(scope="session")
def briefing() -> Briefing:
    return make_briefing()


def delivery(storage: Storage, bot: Bot, briefing: Briefing, limits: Limits = FAST) -> Delivery:
    return Delivery(storage, bot, lambda: briefing, limits=limits)


def virtual_delivery(
    storage: Storage, bot: Bot, briefing: Briefing, limits: Limits = FAST
) -> tuple[Delivery, VirtualTime]:
    """A Delivery whose every wait (pacing, retry_after, backoff) is on virtual time."""
    virtual = VirtualTime()
    engine = Delivery(storage, bot, lambda: briefing, limits=limits, sleep=virtual.sleep)
    pace_virtually(engine, virtual)
    return engine, virtual


def pace_virtually(engine: Delivery, virtual: VirtualTime | None = None) -> VirtualTime:
    """Put `engine`'s pacing (its overall cap and per-chat pace) on virtual time."""
    virtual = virtual or VirtualTime()
    engine.sender.pace_on(virtual.clock, virtual.sleep)
    return virtual


async def subscribe_due(storage: Storage, chat_id: int, due: datetime) -> None:
    """A UTC subscription at `due`'s time of day, due at that instant."""
    await storage.subscribe(
        chat_id,
        due.hour,
        due.minute,
        "UTC",
        now=due - timedelta(days=1),
        next_due=lambda _day: due,
    )
