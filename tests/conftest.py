"""Suite-wide settings: the same PTB behaviour the bot opts into, no real network, and the
frozen fixture store (tests/support/store.py) in place of the live seeds/."""

import os
from typing import Any

from briefs.paths import STORE_ENV
from tests.support.store import FIXTURE_STORE

os.environ.setdefault("PTB_TIMEDELTA", "1")
# Unconditional: a curator's own BRIEFBOT_STORE_DIR must not leak into the tests.
os.environ[STORE_ENV] = str(FIXTURE_STORE)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the question set's score (tests/briefs/test_question_set.py records it as a user
    property) at the end of every run, with or without `-s` or xdist."""
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for name, value in getattr(report, "user_properties", []):
                if name == "question_set":
                    terminalreporter.write_line(f"question set: {value}")
