"""Start-up failures as one line an operator can act on, and never the token.

What escapes `runner.run` or the console failed while starting: PTB raises a rejected
token as InvalidToken (whose text holds the token), an unreachable server as NetworkError,
SQLite an unopenable BRIEFBOT_DB as sqlite3.Error (bot.subscriptions.storage a newer bot's file
as SchemaTooNew, another application's as ForeignSchema), the webhook server a port in use as
OSError; a proxy's HTML error page comes as a NetworkError. Each becomes one line naming
the setting to check. Exit code 2 means "fix the configuration" (a restart will not
help); 1 means it may pass on its own (the network).
Anything else is a bug: its traceback is printed with every secret redacted.
"""

from __future__ import annotations

import sqlite3
import sys
import traceback

from telegram.error import InvalidToken, NetworkError, TelegramError

from bot import logs
from bot.config import Settings
from bot.subscriptions.schema import ForeignSchema, SchemaTooNew

CONFIG = 2
TRANSIENT = 1
_NOT_JSON = "Parsing the server response"  # PTB's words for an answer that is not JSON


def explain(error: BaseException, settings: Settings) -> tuple[int, str] | None:
    """(exit code, one line) for a failure an operator can fix; None for anything else."""
    root, detail = settings.api_base_url, _detail(error)
    if isinstance(error, InvalidToken):
        return CONFIG, (
            f"TELEGRAM_BOT_TOKEN: the Bot API at {root} rejected the token; check the token "
            "from @BotFather, and TELEGRAM_API_BASE_URL if you set it"
        )
    if isinstance(error, NetworkError) and _NOT_JSON in str(error):
        status = str(error).split(_NOT_JSON, 1)[0].rstrip(". ")
        return TRANSIENT, (
            f"TELEGRAM_API_BASE_URL: the server at {root} did not answer as the Bot API does "
            f"({status}, not JSON); a proxy on the way may be failing, or the address is wrong"
        )
    if isinstance(error, NetworkError):  # TimedOut too
        return TRANSIENT, (
            f"TELEGRAM_API_BASE_URL: cannot reach the Bot API at {root} ({detail}); "
            "check the address and the network"
        )
    if isinstance(error, TelegramError):
        return CONFIG, (
            f"TELEGRAM_API_BASE_URL: the Bot API at {root} refused to start the bot ({detail}); "
            "check TELEGRAM_API_BASE_URL and TELEGRAM_BOT_TOKEN"
        )
    if isinstance(error, SchemaTooNew):
        return CONFIG, (
            f"BRIEFBOT_DB: {settings.db_path} was written by a newer version of the bot "
            f"({detail}); run that version, or point BRIEFBOT_DB at another file"
        )
    if isinstance(error, ForeignSchema):
        return CONFIG, (
            f"BRIEFBOT_DB: {settings.db_path} is another application's database ({detail}); "
            "point BRIEFBOT_DB at the bot's own file (or a new one)"
        )
    if isinstance(error, sqlite3.Error):
        return CONFIG, (
            f"BRIEFBOT_DB: cannot open {settings.db_path} ({detail}); "
            "check that it is an SQLite file (or a new one) in a writable directory"
        )
    if isinstance(error, OSError) and settings.webhook_url is not None:
        where = f"{settings.webhook_listen}:{settings.webhook_port}"
        return CONFIG, (
            f"BRIEFBOT_WEBHOOK_LISTEN, BRIEFBOT_WEBHOOK_PORT: cannot listen on {where} ({detail})"
        )
    if isinstance(error, OSError):
        return TRANSIENT, f"start-up failed: {detail}"
    return None


def report(error: BaseException, settings: Settings | None) -> int:
    """Print what failed on stderr, redacted; the exit code."""
    explained = explain(error, settings) if settings is not None else None
    if explained is not None:
        code, line = explained
        print(f"bot: {logs.redact(line)}", file=sys.stderr)
        return code
    text = "".join(traceback.format_exception(error))
    print(f"bot: unexpected failure, please report it:\n{logs.redact(text)}", file=sys.stderr)
    return 1


def _detail(error: BaseException) -> str:
    """The error's own words on one line, without a secret and within reason."""
    text = " ".join(str(error).split()) or type(error).__name__
    return logs.redact(text)[:200]
