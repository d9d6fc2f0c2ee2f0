"""`python -m bot [run|console|auto] [--lang en|fr]`: run the bot, chat offline, or choose
by the token; `--lang` is the console user's Telegram language (the bot's replies follow it
until /language chooses one)."""

from __future__ import annotations

import logging
import os
import sys

from bot import logs, runner, startup
from bot.config import ConfigError, Settings, load_settings
from bot.console import session as console
from briefs.i18n import DEFAULT, LANGUAGES
from briefs.store import StoreError

USAGE = f"usage: python -m bot [run|console|auto] [--lang {'|'.join(LANGUAGES)}]"


def parse(args: list[str]) -> tuple[str, str] | None:
    """(mode, console language) from the arguments; None when they make no sense."""
    lang = DEFAULT
    if len(args) >= 2 and args[-2] == "--lang" and args[-1] in LANGUAGES:
        lang, args = args[-1], args[:-2]
    mode = args[0] if args else "run"
    if mode not in ("run", "console", "auto") or len(args) > 1:
        return None
    return mode, lang


def main(argv: list[str] | None = None) -> int:
    """Dispatch; every failure ends in clear lines on stderr, and none shows the token."""
    parsed = parse(sys.argv[1:] if argv is None else argv)
    if parsed is None:
        print(USAGE, file=sys.stderr)
        return 2
    mode, lang = parsed
    # Logging first, so warnings about the settings themselves are seen; the token as set
    # in the environment is protected before anything can fail with it in a message.
    logs.configure(None, level=logging.WARNING)
    logs.protect(os.environ.get("TELEGRAM_BOT_TOKEN", "").strip())
    settings: Settings | None = None
    try:
        settings = load_settings()
        for secret in settings.secrets():
            logs.protect(secret)
        if mode == "auto":
            mode = "run" if settings.token is not None else "console"
        if mode == "console":
            logs.configure(None, level=logging.WARNING)  # its secrets are protected above
            return console.main(settings, lang)
        return runner.run(settings)
    except ConfigError as error:
        print(f"bot: {error}", file=sys.stderr)
        return 2
    except StoreError as error:
        print("bot: the fact store fails its checks:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except Exception as error:  # the last resort: one line, or a redacted traceback
        return startup.report(error, settings)


if __name__ == "__main__":
    sys.exit(main())
