"""One loaded store with its renderer, and everything rendered from it, cached.

A reload makes a new Edition, so a cache can never serve text from an old store. Caches
are bounded (cleared when full): the keys are a few sections and pages, the common
messages, and the questions people actually ask, so they stay small in practice.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from telegram import InlineKeyboardMarkup

from bot.briefings.callbacks import SectionView
from bot.briefings.keyboards import section_keyboard
from briefs.model import Store
from briefs.render import Page, Renderer, Reply

T = TypeVar("T")
CACHE_SIZE = 1024
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Shown:
    """A rendered briefing page with its keyboard, ready to send."""

    page: Page
    keyboard: InlineKeyboardMarkup


@dataclass(frozen=True, slots=True)
class Edition:
    """The store, its renderer, and a cache of what has been rendered from them."""

    store: Store
    renderer: Renderer
    cache: dict[Hashable, object] = field(default_factory=dict, repr=False)

    @property
    def digest(self) -> str:
        return self.store.digest

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """`make()` the first time `key` is asked for, the cached value after."""
        try:
            return cast(T, self.cache[key])
        except KeyError:
            pass
        if len(self.cache) >= CACHE_SIZE:
            self.cache.clear()
        value = self.cache[key] = make()
        return value

    def show(self, view: SectionView) -> Shown:
        """One page of a section with its keyboard.

        Keyed by the UTC day too: the timeline's happened / coming split moves with the date.
        """

        def make() -> Shown:
            page = self.renderer.page(view.section, view.page, arg=view.arg)
            return Shown(page, section_keyboard(self.renderer, view, page))

        return self.memo(("show", view, int(time.time() // 86400)), make)

    def reply(self, question: str) -> Reply | None:
        """Renderer.reply, cached per question as typed (case and spacing aside) and per UTC
        day: how a dated event is told moves with the date."""
        key = ("reply", _SPACE.sub(" ", question).strip().casefold(), int(time.time() // 86400))
        return self.memo(key, lambda: self.renderer.reply(question))

    def message_text(self, name: str) -> str:
        """A plain-text message template that takes no context (a button's pop-up), once."""
        return self.memo(("text", name), lambda: self.renderer.message(name, fmt="text"))

    def message(self, name: str) -> str:
        """A message template that takes no context (welcome, error...), rendered once."""
        return self.memo(("message", name), lambda: self.renderer.message(name))
