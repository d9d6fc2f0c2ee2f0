"""Where the curated store lives, so the CLI, the bot and the tests agree on one place."""

from __future__ import annotations

import os
from pathlib import Path

STORE_ENV = "BRIEFBOT_STORE_DIR"


def default_root() -> Path:
    """The store directory: $BRIEFBOT_STORE_DIR when set, else the repository's seeds/."""
    configured = os.environ.get(STORE_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[1] / "seeds"
