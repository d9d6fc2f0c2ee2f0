"""Suite-wide settings: the same PTB behaviour the bot opts into, and no real network."""

import os

os.environ.setdefault("PTB_TIMEDELTA", "1")
