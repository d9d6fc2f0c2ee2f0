"""The Telegram layer: handlers, keyboards, the console, subscriptions and delivery."""

import os

# Opt in to PTB's future behaviour: durations (RetryAfter.retry_after, ...) are timedeltas.
# Set before any telegram object is used, so the bot and its tests see one type, no warnings.
os.environ.setdefault("PTB_TIMEDELTA", "1")
