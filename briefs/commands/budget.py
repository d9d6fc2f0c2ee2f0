"""The summary's message budget: the one content rule that needs the renderer.

/summary is a briefing, not a dump: it must arrive as one Telegram message, as HTML (what
the bot sends) and as plain text (`briefs render --format text`). This lives beside the
check command, not in briefs/store, so the store stays free of rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefs.model import Store
from briefs.render import LIMIT, Renderer, telegram_length


@dataclass(frozen=True, slots=True)
class Budget:
    """The summary's size in the format that comes closest to the limit."""

    used: int
    limit: int
    messages: int
    fmt: str

    @property
    def fits(self) -> bool:
        return self.messages == 1

    def __str__(self) -> str:
        return f"summary: {self.used:,} / {self.limit:,}"


def summary_budget(store: Store) -> Budget:
    """How much of one message the rendered summary takes, in its larger format."""
    renderer = Renderer(store)
    measured = []
    for fmt in ("html", "text"):
        messages = renderer.section("summary", fmt=fmt)
        used = sum(telegram_length(m, fmt) for m in messages)
        measured.append(Budget(used, LIMIT, len(messages), fmt))
    return max(measured, key=lambda b: (b.messages, b.used))
