"""Logging set-up that keeps the bot token out of every log line.

The token is part of every Bot API URL: httpx logs request URLs at INFO, and PTB logs its
base URL at DEBUG. httpx is quieted to WARNING, and as the real guard every log record is
redacted when it is created (a record factory), so no handler, formatter or test capture
ever sees a registered secret, in a message or in a traceback.
"""

from __future__ import annotations

import logging
from typing import Any

REDACTED = "<token>"
_secrets: set[str] = set()
_installed = False


def redact(text: str) -> str:
    """`text` with every registered secret replaced."""
    for secret in _secrets:
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


def configure(token: str | None, level: int = logging.INFO) -> None:
    """Root logging for a bot process: one line a record, the token redacted everywhere."""
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    quiet_libraries()
    protect(token)
