"""`python -m bot [run|console|auto]`: run the bot, chat offline, or choose by the token."""

from __future__ import annotations

import logging
import sys

from bot import console, logs, runner
from bot.config import ConfigError, load_settings
from briefs.store import StoreError

USAGE = "usage: python -m bot [run|console|auto]"


def main(argv: list[str] | None = None) -> int:
    """Dispatch; configuration and store problems end in clear lines on stderr, not tracebacks."""
    args = sys.argv[1:] if argv is None else argv
    mode = args[0] if args else "run"
    if mode not in ("run", "console", "auto") or len(args) > 1:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        settings = load_settings()
        if mode == "auto":
            mode = "run" if settings.token else "console"
        if mode == "console":
            logs.configure(settings.token, level=logging.WARNING)
            return console.main(settings)
        return runner.run(settings)
    except ConfigError as error:
        print(f"bot: {error}", file=sys.stderr)
        return 2
    except StoreError as error:
        print("bot: the fact store fails its checks:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
