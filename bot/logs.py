"""Logging set-up that keeps the bot token out of every log line.

The token is part of every Bot API URL, and httpx logs request URLs at INFO, so httpx is
quieted to WARNING. As a second guard a filter on the root handlers replaces the token in
messages and tracebacks, should any library ever print a URL in an error.
"""

from __future__ import annotations

import logging

REDACTED = "<token>"


class RedactToken(logging.Filter):
    """Replaces the token in a record's message and traceback text before any handler prints it."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, REDACTED), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.token in record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, REDACTED)
        return True


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
    if token:
        guard = RedactToken(token)
        for handler in logging.getLogger().handlers:
            handler.addFilter(guard)
