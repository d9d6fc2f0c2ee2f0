"""End to end: subscribe through `python -m bot` for the next minute, receive it unprompted.

The bot runs as its own process against the Bot API stand-in on 127.0.0.1 with real time:
the test waits for the top of the next minute (at most about a minute).
"""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.bot_process import running_bot
from tests.support.botapi_standin import BotApiStandin, Call
from tests.support.updates import Updates

pytestmark = pytest.mark.e2e
TOKEN = "123456:E2E-subscriptions"
CHAT = 271828


@pytest.fixture
def standin() -> Iterator[BotApiStandin]:
    with BotApiStandin(token=TOKEN) as server:
        yield server


@pytest.fixture
def bot_process(standin: BotApiStandin, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    with running_bot(standin, tmp_path) as process:
        yield process


def to_chat(call: Call) -> bool:
    return call.params.get("chat_id") == CHAT


def has_section_buttons(call: Any) -> bool:
    markup = call.params.get("reply_markup") or {}
    data = [b.get("callback_data", "") for row in markup.get("inline_keyboard", []) for b in row]
    return to_chat(call) and any(d.startswith("sec:") for d in data)


def test_subscribed_chat_gets_the_daily_briefing_unprompted(
    standin: BotApiStandin, bot_process: subprocess.Popen[str]
) -> None:
    """A /subscribe for the next minute (UTC) brings the briefing, once, without asking."""
    standin.wait_for("setMyCommands", timeout=20)
    now = datetime.now(UTC)
    target = (now + timedelta(minutes=1 if now.second < 50 else 2)).replace(second=0, microsecond=0)
    user = Updates(user_id=CHAT)
    update = user.message(f"/subscribe {target:%H:%M} UTC")
    update.pop("update_id")
    standin.push_update(update)
    confirmation = standin.wait_for("sendMessage", to_chat, timeout=10)
    assert f"{target:%H:%M} (UTC)" in confirmation.params["text"]
    calls_before = len(standin.calls)

    wait = (target - datetime.now(UTC)).total_seconds() + 20
    briefing = standin.wait_for(
        "sendMessage", has_section_buttons, timeout=wait, after=calls_before
    )
    assert time.time() >= target.timestamp()
    assert "Carney" in "".join(c.params["text"] for c in standin.calls_to("sendMessage"))
    assert briefing.status == 200

    time.sleep(1.5)  # any duplicate would follow at once
    dailies = [c for c in standin.calls_to("sendMessage") if has_section_buttons(c)]
    assert len(dailies) == 1
    bot_process.send_signal(signal.SIGTERM)
    assert bot_process.wait(20) == 0
