"""Buttons: every press is answered, briefings edit in place, bad data never raises."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.console.offline import OfflineCall
from briefs.render import Renderer
from tests.support.faulty import FaultyRequest
from tests.support.harness import Harness, running
from tests.support.store import fixture_store


def methods(calls: list[OfflineCall]) -> list[str]:
    return [c.method for c in calls]


async def press(harness: Harness, reply: OfflineCall, data: str) -> list[OfflineCall]:
    return await harness.send(harness.updates.callback(data, reply.result))


async def test_section_button_edits_the_message_in_place(harness: Harness) -> None:
    """Pressing a section button answers the callback and edits that same message."""
    reply = await harness.reply("/summary")
    calls = await press(harness, reply, "sec:timeline:1")
    assert methods(calls) == ["answerCallbackQuery", "editMessageText"]
    edit = calls[1]
    assert edit.params["message_id"] == reply.result["message_id"]
    assert edit.params["text"] == (await harness.reply("/timeline")).params["text"]


async def test_paging_moves_through_the_list(harness: Harness) -> None:
    """Next goes to page 2, whose keyboard leads with Prev back to page 1."""
    reply = await harness.reply("/quotes")
    edit = (await press(harness, reply, "sec:quotes:2"))[1]
    data = [
        b["callback_data"] for row in edit.params["reply_markup"]["inline_keyboard"] for b in row
    ]
    assert data[0] == "sec:quotes:1"
    assert edit.params["text"] != reply.params["text"]


async def test_counter_button_answers_with_a_short_notice(harness: Harness) -> None:
    """The "1 / 3" counter answers the callback with the page_counter pop-up, without an edit."""
    reply = await harness.reply("/quotes")
    calls = await press(harness, reply, "nop")
    assert methods(calls) == ["answerCallbackQuery"]
    notice = Renderer(fixture_store()).message("page_counter", fmt="text")
    assert calls[0].params["text"] == notice


@pytest.mark.parametrize(
    "data",
    [
        "sec:nosuch:1",
        "sec:summary:x",
        "sec:summary:-1",
        "sec:summary",
        "sub" + "x" * 70,
        "garbage",
        "sec:quotes:1:" + "é" * 30,
        "sec:quotes:1: padded ",
        "",
    ],
)
async def test_forged_or_stale_data_gets_a_short_answer(harness: Harness, data: str) -> None:
    """Unknown, forged or stale callback data is answered with a short notice, never an error."""
    reply = await harness.reply("/summary")
    calls = await press(harness, reply, data)
    assert methods(calls) == ["answerCallbackQuery"]
    assert 0 < len(calls[0].params["text"]) <= 200


async def test_page_beyond_the_end_is_clamped(harness: Harness) -> None:
    """A stale page number past the end shows the last page rather than failing."""
    reply = await harness.reply("/quotes")
    calls = await press(harness, reply, "sec:quotes:999")
    assert methods(calls) == ["answerCallbackQuery", "editMessageText"]


async def test_pressing_the_shown_page_again_is_quiet(settings: Settings) -> None:
    """Telegram's "message is not modified" after a repeated press is not an error."""
    request = FaultyRequest()
    async with running(settings, request) as harness:
        reply = await harness.reply("/summary")
        request.fail("editMessageText", 400, "Bad Request: message is not modified")
        calls = await press(harness, reply, "sec:summary:1")
    assert methods(calls) == ["answerCallbackQuery", "editMessageText"]


@pytest.mark.parametrize(
    "reason", ["Bad Request: message can't be edited", "Bad Request: message to edit not found"]
)
async def test_uneditable_message_gets_a_fresh_reply(settings: Settings, reason: str) -> None:
    """When the old message is gone or can no longer be edited, the page arrives as a new one."""
    request = FaultyRequest()
    async with running(settings, request) as harness:
        reply = await harness.reply("/summary")
        request.fail("editMessageText", 400, reason)
        calls = await press(harness, reply, "sec:timeline:1")
    assert methods(calls) == ["answerCallbackQuery", "editMessageText", "sendMessage"]
    assert calls[-1].params["text"] != harness.message("error")
