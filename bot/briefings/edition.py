"""One loaded store with its renderer, and everything rendered from it, cached.

A reload makes a new Edition, so a cache can never serve text from an old store. Caches
are bounded (cleared when full): the keys are a few sections and pages, the common
messages, and the questions people actually ask, so they stay small in practice. Every key
names the language (briefs.i18n) the text or keyboard is in.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Protocol, TypeVar, cast

from telegram import InlineKeyboardMarkup

from bot.briefings.callbacks import SectionView
from bot.briefings.keyboards import section_keyboard
from briefs.i18n import DEFAULT, LANGUAGES
from briefs.model import Store
from briefs.render import Page, Renderer, Reply

T = TypeVar("T")
CACHE_SIZE = 1024
_SPACE = re.compile(r"\s+")


class KeyboardMaker(Protocol):
    """A keyboard built from labels in one language (bot.briefings.keyboards)."""

    def __call__(self, renderer: Renderer, *, lang: str = DEFAULT) -> InlineKeyboardMarkup: ...


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

    def show(self, view: SectionView, lang: str = DEFAULT) -> Shown:
        """One page of a section with its keyboard.

        Keyed by the UTC day too: the timeline's happened / coming split moves with the date.
        """

        def make() -> Shown:
            page = self.renderer.page(view.section, view.page, arg=view.arg, lang=lang)
            return Shown(page, section_keyboard(self.renderer, view, page, lang=lang))

        return self.memo(("show", view, lang, int(time.time() // 86400)), make)

    def reply(self, question: str, lang: str = DEFAULT) -> Reply | None:
        """Renderer.reply in the chat's language `lang` (a French question is answered in
        French whatever it is), cached per question as typed (case and spacing aside), per
        language and per UTC day: how a dated event is told moves with the date."""
        text = _SPACE.sub(" ", question).strip().casefold()
        key = ("reply", text, lang, int(time.time() // 86400))
        return self.memo(key, lambda: self.renderer.reply(question, lang=lang))

    def message_text(self, name: str, lang: str = DEFAULT) -> str:
        """A plain-text message template that takes no context (a button's pop-up), once."""
        key = ("text", name, lang)
        return self.memo(key, lambda: self.renderer.message(name, fmt="text", lang=lang))

    def message(self, name: str, lang: str = DEFAULT) -> str:
        """A message template that takes no context (welcome, error...), rendered once."""
        return self.memo(("message", name, lang), lambda: self.renderer.message(name, lang=lang))

    def keyboard(self, make: KeyboardMaker, lang: str = DEFAULT) -> InlineKeyboardMarkup:
        """A keyboard that depends only on the store and the language, built once."""
        return self.memo((make, lang), lambda: make(self.renderer, lang=lang))

    def keyboards(self, make: KeyboardMaker) -> Mapping[str, InlineKeyboardMarkup]:
        """The keyboard in every language (delivery picks each chat's)."""
        return {lang: self.keyboard(make, lang) for lang in LANGUAGES}
