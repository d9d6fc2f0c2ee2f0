"""Rendering: the store's briefings and the bot's messages as Telegram-ready text.

The bot uses only this package's public names (see the "Render API" in the contracts):
`Renderer`, `Page`, `Hit`, `SECTIONS`, `telegram_length` and `split_messages`.
"""

from briefs.render.packing import split_messages
from briefs.render.questions import Reply
from briefs.render.renderer import Page, Renderer
from briefs.render.search import Hit
from briefs.render.telegram import LIMIT, telegram_length
from briefs.render.views import SECTIONS

__all__ = [
    "LIMIT",
    "SECTIONS",
    "Hit",
    "Page",
    "Renderer",
    "Reply",
    "split_messages",
    "telegram_length",
]
