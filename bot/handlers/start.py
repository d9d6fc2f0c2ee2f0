"""/start: the welcome with a button per section; deep links (/start timeline,
/start quotes_chong) open that section directly."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import CommandHandler

from bot.briefings.callbacks import SectionView, clean_arg
from bot.briefings.keyboards import welcome_keyboard
from bot.handlers.briefings import FILTERED, send_view
from bot.handlers.common import FRESH, Voice, voice
from bot.types import App, Context
from briefs.render import SECTIONS

MENU = ("start",)


def deep_link(payload: str | None) -> SectionView | None:
    """ "timeline" -> the timeline; "quotes_chong" -> Chong's quotes; anything else -> None."""
    section, _, arg = (payload or "").partition("_")
    section = section.lower()
    if section not in SECTIONS:
        return None
    filtered = clean_arg(arg.replace("_", " ")) if section in FILTERED else None
    return SectionView(section, 1, filtered)


async def welcome(update: Update, context: Context) -> None:
    """Say what the bot does, with buttons; or open the section a deep link names."""
    message = update.effective_message
    if message is None:
        return
    view, speaking = deep_link(" ".join(context.args or ())), voice(update, context)
    if view is not None:
        await send_view(message, speaking, view)
        return
    await send_welcome(message, speaking)


async def send_welcome(message: Message, speaking: Voice) -> None:
    """The welcome with its section buttons (also the answer to a bare @mention)."""
    edition, lang = speaking.edition, speaking.lang
    keyboard = edition.keyboard(welcome_keyboard, lang)
    await message.reply_text(edition.message("welcome", lang), reply_markup=keyboard)


def register(application: App) -> None:
    application.add_handler(CommandHandler("start", welcome, filters=FRESH))
