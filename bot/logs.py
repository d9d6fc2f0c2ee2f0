"""Logging set-up that keeps the bot token out of every log line.

The token is part of every Bot API URL: httpx logs request URLs at INFO, and PTB logs its
base URL at DEBUG. httpx is quieted to WARNING, and as the real guard every log record is
redacted when it is created (a record factory), so no handler, formatter or test capture
ever sees a registered secret, in a message or in a traceback. A token's secret half is
registered too, so a URL-encoded token (`%3A` for the colon) is caught as well.

PTB logs a start-up failure (the token rejected, the server unreachable) with its whole
traceback just before it raises it, and an answer that is not JSON (a proxy's HTML error
page) with the JSON parser's traceback just before it raises a NetworkError naming the
status and the body; the entry point (bot.startup) reports the same failure in one line,
and polling's error handler one warning, so those records are dropped here.
"""

from __future__ import annotations

import logging
from typing import Any

REDACTED = "<token>"
_MIN_SECRET = 8  # shorter fragments would redact ordinary words
_BOOTSTRAP_LOGGER = "telegram.ext"  # PTB names its loggers after the public package
_REQUEST_LOGGER = "telegram.request.BaseRequest"  # a filter sees its own logger only
_secrets: set[str] = set()
_installed = False


def redact(text: str) -> str:
    """`text` with every registered secret replaced."""
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def _redact_record(record: logging.LogRecord) -> None:
    message = record.getMessage()
    cleaned = redact(message)
    if cleaned != message:
        record.msg, record.args = cleaned, None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)


def protect(secret: str | None) -> None:
    """Redact `secret` from every log record created from now on, by any logger."""
    global _installed
    if not secret:
        return
    _secrets.add(secret)
    _, _, tail = secret.partition(":")
    if len(tail) >= _MIN_SECRET:
        _secrets.add(tail)
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        _redact_record(record)
        return record

    logging.setLogRecordFactory(factory)
    _installed = True


def quiet_libraries() -> None:
    """httpx logs every request URL (with the token in it) at INFO; apscheduler every run."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def _not_a_bootstrap_abort(record: logging.LogRecord) -> bool:
    """Drop PTB's "Network Retry Loop (Bootstrap ...): Aborting" records, which it logs with
    a traceback right before raising to the entry point; keep everything else it says."""
    aborting = record.levelno >= logging.ERROR
    return not (aborting and record.getMessage().startswith("Network Retry Loop (Bootstrap"))


def _not_an_unparsable_answer(record: logging.LogRecord) -> bool:
    """Drop PTB's "Can not load invalid JSON data" record: the error it raises next says it."""
    return not record.getMessage().startswith("Can not load invalid JSON data")


def configure(token: str | None, level: int = logging.INFO) -> None:
    """Root logging for a bot process: one line a record, the token redacted everywhere."""
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    quiet_libraries()
    bootstrap = logging.getLogger(_BOOTSTRAP_LOGGER)
    if _not_a_bootstrap_abort not in bootstrap.filters:
        bootstrap.addFilter(_not_a_bootstrap_abort)
    request = logging.getLogger(_REQUEST_LOGGER)
    if _not_an_unparsable_answer not in request.filters:
        request.addFilter(_not_an_unparsable_answer)
    protect(token)
