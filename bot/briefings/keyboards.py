"""Inline keyboards: section switching and paging, labelled from templates/labels.yaml in the
language given (`lang`, briefs.i18n)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.briefings.callbacks import NOOP, SectionView
from briefs.i18n import DEFAULT
from briefs.render import SECTIONS, Page, Renderer


class Keyboard(InlineKeyboardMarkup):
    """An InlineKeyboardMarkup that serialises once.

    Briefing keyboards are cached per store edition and sent many times; PTB would rebuild
    the same JSON dict for every send. The object is frozen, so the dict cannot go stale.
    """

    __slots__ = ("_as_dict",)

    def __init__(self, inline_keyboard: Sequence[Sequence[InlineKeyboardButton]]) -> None:
        super().__init__(inline_keyboard)
        with self._unfrozen():
            self._as_dict = super().to_dict()

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        return dict(self._as_dict) if recursive else super().to_dict(recursive=False)


def _button(renderer: Renderer, label: str, data: str, lang: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(renderer.label(label, lang=lang), callback_data=data)


def sections_rows(
    renderer: Renderer, skip: str | None = None, *, lang: str = DEFAULT
) -> list[list[InlineKeyboardButton]]:
    """Buttons to every section (but `skip`), two or three to a row so labels stay readable."""
    buttons = [
        _button(renderer, name, SectionView(name, 1).pack(), lang)
        for name in SECTIONS
        if name != skip
    ]
    width = 3 if len(buttons) > 4 else 2
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def pager_row(
    renderer: Renderer, view: SectionView, page: Page, *, lang: str = DEFAULT
) -> list[InlineKeyboardButton]:
    """Prev / "2 / 5" / Next; the ends of the list leave their arrow out."""
    row: list[InlineKeyboardButton] = []
    if page.page > 1:
        row.append(_button(renderer, "prev", _at(view, page.page - 1), lang))
    counter = renderer.label("page", lang=lang).format(page=page.page, pages=page.pages)
    row.append(InlineKeyboardButton(counter, callback_data=NOOP.pack()))
    if page.page < page.pages:
        row.append(_button(renderer, "next", _at(view, page.page + 1), lang))
    return row


def section_keyboard(
    renderer: Renderer, view: SectionView, page: Page, *, lang: str = DEFAULT
) -> Keyboard:
    """The keyboard under a briefing page: paging (when there is more) then the other sections."""
    rows = sections_rows(renderer, skip=view.section, lang=lang)
    if page.pages > 1:
        rows.insert(0, pager_row(renderer, view, page, lang=lang))
    return Keyboard(rows)


def welcome_keyboard(renderer: Renderer, *, lang: str = DEFAULT) -> Keyboard:
    """Every section, for the welcome message."""
    return Keyboard(sections_rows(renderer, lang=lang))


def alert_keyboard(renderer: Renderer, *, lang: str = DEFAULT) -> Keyboard:
    """Under "New in the story": the summary, where the story now stands."""
    return Keyboard([[_button(renderer, "summary", SectionView("summary", 1).pack(), lang)]])


def _at(view: SectionView, number: int) -> str:
    return SectionView(view.section, number, view.arg).pack()
