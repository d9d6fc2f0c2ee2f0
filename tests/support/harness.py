"""The real Application, offline: build it, run post_init, push updates, read what it sent."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from telegram import Update

from bot.app import build_application
from bot.briefings.callbacks import SectionView
from bot.config import Settings
from bot.console.offline import OfflineCall, OfflineRequest
from bot.types import App
from tests.support.store import FIXTURE_STORE, fixture_store
from tests.support.updates import Updates


@dataclass
class Harness:
    """One application with its recording request and an update factory."""

    app: App
    request: OfflineRequest
    updates: Updates = field(default_factory=Updates)

    async def send(self, update: dict[str, Any]) -> list[OfflineCall]:
        """Process one update to the end; the Bot API calls it caused, in order."""
        before = len(self.request.calls)
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return self.request.calls[before:]

    async def say(self, text: str, **kwargs: Any) -> list[OfflineCall]:
        return await self.send(self.updates.message(text, **kwargs))

    def message(self, name: str, *, fmt: str = "html", lang: str = "en", **context: object) -> str:
        """What the bot sends for message template `name` with `context`: tests compare
        replies with this, so they check which message was sent, not its wording."""
        renderer = self.app.bot_data.services.renderer
        text = renderer.message(name, fmt=fmt, lang=lang, **context)
        assert isinstance(text, str)
        return text

    def page(self, section: str, number: int = 1, *, lang: str = "en") -> str:
        """The text the bot shows for page `number` of `section` (what /summary sends)."""
        edition = self.app.bot_data.services.edition
        return edition.show(SectionView(section, number), lang).page.text

    async def reply(self, text: str, **kwargs: Any) -> OfflineCall:
        """The single sendMessage a message causes (fails if there is not exactly one)."""
        sent = [c for c in await self.say(text, **kwargs) if c.method == "sendMessage"]
        assert len(sent) == 1, f"expected one reply to {text!r}, got {sent}"
        return sent[0]


@asynccontextmanager
async def running(
    settings: Settings, request: OfflineRequest | None = None
) -> AsyncIterator[Harness]:
    """An initialised application with post_init run (store loaded, menu set, features started)."""
    request = request or OfflineRequest()
    app = build_application(settings, request=request, updater=False)
    holder = app.bot_data.services.holder
    if holder.root.resolve() == FIXTURE_STORE:
        holder.swap(fixture_store())  # post_init then keeps it instead of parsing it again
    async with app:
        assert app.post_init is not None
        assert app.post_shutdown is not None
        await app.post_init(app)
        try:
            yield Harness(app, request)
        finally:
            await app.post_shutdown(app)
