"""The error handler, and the token staying out of every log line."""

from __future__ import annotations

import dataclasses
import io
import logging

import pytest
from pydantic import SecretStr

from bot.config import Settings
from bot.logs import REDACTED, protect
from tests.support.faulty import FaultyRequest
from tests.support.harness import running

TOKEN = "123456:AAH-very_secret-token"


async def test_failure_is_logged_and_the_user_told(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """When a reply fails, the error is logged with its traceback and the user gets an apology."""
    request = FaultyRequest()
    async with running(settings, request) as harness:
        request.fail("sendMessage", 400, "Bad Request: can't parse entities")
        with caplog.at_level(logging.ERROR):
            calls = await harness.say("/summary")
    sent = [c for c in calls if c.method == "sendMessage"]
    assert len(sent) == 2
    assert "went wrong" in sent[1].params["text"]
    assert any(r.exc_info for r in caplog.records if r.name == "bot.handlers.errors")


async def test_failed_button_is_still_answered(settings: Settings) -> None:
    """When editing fails, the callback still gets an answer and the chat an apology."""
    request = FaultyRequest()
    async with running(settings, request) as harness:
        reply = await harness.reply("/summary")
        request.fail("editMessageText", 500, "Internal Server Error")
        calls = await harness.send(harness.updates.callback("sec:timeline:1", reply.result))
    assert next(c.method for c in calls) == "answerCallbackQuery"
    assert "went wrong" in calls[-1].params["text"]


async def test_token_never_reaches_the_logs(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Running commands, buttons and a failure at DEBUG level never logs the token."""
    request = FaultyRequest()
    with caplog.at_level(logging.DEBUG):
        async with running(
            dataclasses.replace(settings, token=SecretStr(TOKEN)), request
        ) as harness:
            reply = await harness.reply("/start")
            await harness.send(harness.updates.callback("sec:quotes:1", reply.result))
            request.fail("sendMessage", 500, "Internal Server Error")
            await harness.say("/summary")
    assert caplog.records
    assert TOKEN not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text


def test_redaction_covers_messages_and_tracebacks() -> None:
    """Should any library log a URL with the token, the record is redacted, traceback included."""
    protect(TOKEN)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    try:
        logger.warning("POST https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise RuntimeError(f"failed: /bot{TOKEN}/sendMessage")
        except RuntimeError:
            logger.exception("boom")
    finally:
        logger.removeHandler(handler)
    assert TOKEN not in stream.getvalue()
    assert stream.getvalue().count(REDACTED) == 2
