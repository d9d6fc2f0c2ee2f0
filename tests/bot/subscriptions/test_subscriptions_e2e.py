"""End to end: `python -m bot` started on a database with a subscription already due sends
the daily briefing unprompted, once.

The bot runs as its own process against the Bot API stand-in on 127.0.0.1. The subscription
was due an hour ago (inside BRIEFBOT_GRACE_HOURS), as after the bot was down at its time,
so the delivery run at start-up sends it: no test waits for a minute boundary.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.subscriptions.storage import Storage
from tests.support.bot_process import Printed, running_bot
from tests.support.botapi_standin import BotApiStandin, Call

pytestmark = pytest.mark.e2e
TOKEN = "123456:E2E-subscriptions"
CHAT = 271828


def to_chat(call: Call) -> bool:
    return call.params.get("chat_id") == CHAT


def has_section_buttons(call: Any) -> bool:
    markup = call.params.get("reply_markup") or {}
    data = [b.get("callback_data", "") for row in markup.get("inline_keyboard", []) for b in row]
    return to_chat(call) and any(d.startswith("sec:") for d in data)


async def _seed(path: Path, due: datetime) -> None:
    """A UTC subscription for `due`'s time of day, due at `due`, made the day before."""
    storage = await Storage.open(path)
    await storage.subscribe(
        CHAT, due.hour, due.minute, "UTC", now=due - timedelta(days=1), next_due=lambda _: due
    )
    await storage.close()


def test_due_subscription_gets_the_daily_briefing_unprompted_once(tmp_path: Path) -> None:
    """A subscription due an hour ago, within the grace window, is sent at start-up, once,
    logged sent and scheduled for its next day."""
    due = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=1)
    asyncio.run(_seed(tmp_path / "e2e.sqlite3", due))
    with BotApiStandin(token=TOKEN) as standin, running_bot(standin, tmp_path) as process:
        printed = Printed(process)
        briefing = standin.wait_for("sendMessage", has_section_buttons, timeout=30)
        assert briefing.status == 200
        printed.wait_for("delivery run:", timeout=20)  # logged once its outcomes are committed
        logged = _logged(tmp_path / "e2e.sqlite3")
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
        printed.close()
        to_us = [c for c in standin.calls_to("sendMessage") if to_chat(c)]
    # Stopped: every send it made is in the list. One briefing, its parts each once.
    assert sum(has_section_buttons(c) for c in to_us) == 1
    assert len({c.params["text"] for c in to_us}) == len(to_us)
    assert logged == "sent"
    with sqlite3.connect(tmp_path / "e2e.sqlite3") as raw:
        (next_due,) = raw.execute("SELECT next_due_utc FROM subscriptions").fetchone()
    raw.close()
    assert next_due > due.timestamp() + 12 * 3600


def _logged(path: Path) -> str | None:
    """The chat's delivery-log status, read beside the running bot (WAL allows it)."""
    with sqlite3.connect(path) as raw:
        row = raw.execute("SELECT status FROM deliveries WHERE chat_id = ?", (CHAT,)).fetchone()
    raw.close()
    return None if row is None else str(row[0])
