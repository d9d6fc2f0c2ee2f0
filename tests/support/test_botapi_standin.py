"""The stand-in itself: a real telegram.Bot talks to it over loopback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter

from tests.support.botapi_standin import BOT_USERNAME, BotApiStandin, Fault
from tests.support.loopback import standin_bot

TOKEN = "123456:TEST-TOKEN"


@pytest.fixture
def standin() -> Iterator[BotApiStandin]:
    with BotApiStandin(token=TOKEN) as server:
        yield server


def make_bot(standin: BotApiStandin, token: str = TOKEN) -> Bot:
    return standin_bot(standin, token)


async def test_send_message_is_recorded(standin: BotApiStandin) -> None:
    """sendMessage answers a real Message and the call is recorded with its decoded text."""
    async with make_bot(standin) as bot:
        assert bot.username == BOT_USERNAME
        message = await bot.send_message(42, "héllo <b>1</b>", parse_mode="HTML")
    assert message.chat_id == 42
    call = standin.calls_to("sendMessage")[-1]
    assert call.params["text"] == "héllo <b>1</b>"
    assert call.params["chat_id"] == 42


async def test_faults_are_served_once(standin: BotApiStandin) -> None:
    """Injected 429, 403 and 400 faults surface as PTB's exceptions, then the method recovers."""
    standin.add_fault(Fault("sendMessage", status=429, retry_after=3))
    standin.add_fault(Fault("sendMessage", status=403, chat_id=7))
    standin.add_fault(Fault("sendMessage", status=400, chat_id=8))
    async with make_bot(standin) as bot:
        with pytest.raises(RetryAfter) as retry:
            await bot.send_message(1, "a")
        assert retry.value.retry_after == timedelta(seconds=3)
        with pytest.raises(Forbidden):
            await bot.send_message(7, "b")
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(8, "c")
        assert (await bot.send_message(7, "d")).text == "d"
    assert [c.status for c in standin.calls_to("sendMessage")] == [429, 403, 400, 200]


async def test_get_updates_serves_pushed_updates(standin: BotApiStandin) -> None:
    """getUpdates long polling returns a pushed update and honours the offset."""
    update_id = standin.next_update_id()
    standin.push_update(
        {
            "update_id": update_id,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 5, "type": "private"},
                "from": {"id": 5, "is_bot": False, "first_name": "R"},
                "text": "/start",
            },
        }
    )
    async with make_bot(standin) as bot:
        updates = await bot.get_updates(timeout=1)
        assert [u.update_id for u in updates] == [update_id]
        assert await bot.get_updates(offset=update_id + 1, timeout=0) == ()


async def test_wrong_token_is_unauthorized(standin: BotApiStandin) -> None:
    """A request with another token is refused, as Telegram would."""
    from telegram.error import InvalidToken

    with pytest.raises(InvalidToken):
        async with make_bot(standin, token="999:WRONG"):
            pass
