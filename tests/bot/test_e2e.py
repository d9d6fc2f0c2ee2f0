"""End to end: `python -m bot` as its own process against the Bot API stand-in on 127.0.0.1,
driven as a user would: long polling, a command, a button, and a clean SIGTERM."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefs.render import Renderer
from briefs.store import load_store
from tests.support.bot_process import running_bot
from tests.support.botapi_standin import BOT_USERNAME, BotApiStandin, Call
from tests.support.store import FIXTURE_STORE
from tests.support.updates import Updates

pytestmark = pytest.mark.e2e
TOKEN = "123456:E2E-secret_token"
ADMIN = 5150


@pytest.fixture
def standin() -> Iterator[BotApiStandin]:
    with BotApiStandin(token=TOKEN) as server:
        yield server


@pytest.fixture
def bot_process(standin: BotApiStandin, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    with running_bot(standin, tmp_path, BRIEFBOT_ADMINS=str(ADMIN)) as process:
        yield process


def push(standin: BotApiStandin, update: dict[str, Any]) -> None:
    update.pop("update_id")
    standin.push_update(update)


def for_chat(chat_id: int) -> Any:
    return lambda call: call.params.get("chat_id") == chat_id


def test_bot_answers_a_user_and_stops_cleanly(
    standin: BotApiStandin, bot_process: subprocess.Popen[str]
) -> None:
    """Start-up sets the menu; /start is answered; a button edits in place; SIGTERM exits 0."""
    menu: Call = standin.wait_for("setMyCommands", lambda c: "scope" not in c.params, timeout=20)
    assert {c["command"] for c in menu.params["commands"]} >= {"start", "summary", "help"}

    user = Updates(user_id=31337)
    push(standin, user.message("/start"))
    welcome = standin.wait_for("sendMessage", for_chat(31337), timeout=10)
    assert welcome.params["text"] == Renderer(load_store(FIXTURE_STORE)).message("welcome")
    assert welcome.params["parse_mode"] == "HTML"

    message = {
        "message_id": 1000,
        "date": int(time.time()),
        "chat": {"id": 31337, "type": "private"},
        "from": {
            "id": 123456,
            "is_bot": True,
            "first_name": "Storybrief",
            "username": BOT_USERNAME,
        },
        "text": welcome.params["text"],
        "reply_markup": welcome.params["reply_markup"],
    }
    push(standin, user.callback("sec:timeline:1", message))
    standin.wait_for("answerCallbackQuery", timeout=10)
    edit = standin.wait_for("editMessageText", for_chat(31337), timeout=10)
    assert edit.params["message_id"] == 1000
    markup = edit.params["reply_markup"]
    markup = json.loads(markup) if isinstance(markup, str) else markup
    pressed = [b.get("callback_data", "") for row in markup["inline_keyboard"] for b in row]
    # The shown section is the one its keyboard does not offer: the timeline, in place.
    assert "sec:timeline:1" not in pressed
    assert "sec:summary:1" in pressed

    push(standin, user.message(f"/summary@{BOT_USERNAME}", chat_id=-100200))
    standin.wait_for("sendMessage", for_chat(-100200), timeout=10)

    bot_process.send_signal(signal.SIGTERM)
    output, _ = bot_process.communicate(timeout=15)
    assert bot_process.returncode == 0, output
    assert TOKEN not in output
    polls = standin.calls_to("getUpdates")
    assert any(float(c.params.get("timeout", 0)) > 0 for c in polls)  # long polling


def test_a_french_user_gets_french_and_an_english_user_english(
    standin: BotApiStandin, bot_process: subprocess.Popen[str]
) -> None:
    """Through the real process: the French menu is set; a user whose Telegram is French gets
    the French welcome, an English user the English one until /language fr chooses French."""
    menu = standin.wait_for(
        "setMyCommands",
        lambda c: c.params.get("language_code") == "fr" and "scope" not in c.params,
        timeout=20,
    )
    renderer = Renderer(load_store(FIXTURE_STORE))
    described = {c["command"]: c["description"] for c in menu.params["commands"]}
    assert described["summary"] == renderer.label("cmd_summary", lang="fr")

    french, english = Updates(user_id=4001, language_code="fr-CA"), Updates(user_id=4002)
    push(standin, french.message("/start"))
    push(standin, english.message("/start"))
    fr = standin.wait_for("sendMessage", for_chat(4001), timeout=10)
    en = standin.wait_for("sendMessage", for_chat(4002), timeout=10)
    assert fr.params["text"] == renderer.message("welcome", lang="fr")
    assert en.params["text"] == renderer.message("welcome", lang="en")
    assert fr.params["text"] != en.params["text"]

    mark = len(standin.calls)
    push(standin, english.message("/language fr"))
    standin.wait_for("sendMessage", for_chat(4002), timeout=10, after=mark)
    mark = len(standin.calls)
    push(standin, english.message("/start"))
    again = standin.wait_for("sendMessage", for_chat(4002), timeout=10, after=mark)
    assert again.params["text"] == renderer.message("welcome", lang="fr")

    bot_process.send_signal(signal.SIGTERM)
    output, _ = bot_process.communicate(timeout=15)
    assert bot_process.returncode == 0, output
