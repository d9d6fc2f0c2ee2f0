"""Suite-wide settings: the same PTB behaviour the bot opts into, no real network, and the
frozen fixture store (tests/support/store.py) in place of the live seeds/."""

import os

from briefs.paths import STORE_ENV
from tests.support.store import FIXTURE_STORE

os.environ.setdefault("PTB_TIMEDELTA", "1")
# Unconditional: a curator's own BRIEFBOT_STORE_DIR must not leak into the tests.
os.environ[STORE_ENV] = str(FIXTURE_STORE)
