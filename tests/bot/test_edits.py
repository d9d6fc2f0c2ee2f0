"""Edited messages are corrections of old requests: nothing answers them, nothing counts them."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import pytest

from bot.config import Settings
from bot.console.offline import BOT_USERNAME
from tests.support.harness import Harness, running
from tests.support.updates import GROUP_ID


def edited(harness: Harness, text: str, **kwargs: Any) -> dict[str, Any]:
    """The update Telegram sends when a user edits a message to read `text`."""
    update = harness.updates.message(text, **kwargs)
    message = update.pop("message")
    message["edit_date"] = int(time.time())
    return update | {"edited_message": message}


@pytest.mark.parametrize(
    "text", ["/summary", "/start", "/help", "/subscribe 8am", "/frobnicate", "tariffs"]
)
async def test_edited_messages_get_no_reply(harness: Harness, text: str) -> None:
    """An edited command, unknown command or question in private is not answered again."""
    assert await harness.send(edited(harness, text)) == []


async def test_edited_group_command_gets_no_reply(harness: Harness) -> None:
    """An edited /summary@ThisBot in a group is not answered again either."""
    update = edited(harness, f"/summary@{BOT_USERNAME}", chat_id=GROUP_ID)
    assert await harness.send(update) == []


async def test_edits_do_not_use_up_the_allowance(settings: Settings) -> None:
    """Edits are not counted by flood control."""
    async with running(dataclasses.replace(settings, flood_limit=1)) as harness:
        for _ in range(3):
            assert await harness.send(edited(harness, "/summary")) == []
        assert (await harness.reply("/summary")).params["text"] == harness.page("summary")
