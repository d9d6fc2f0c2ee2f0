"""The briefing commands (/summary /timeline /quotes [name] /reactions [side] /sources) and
the buttons under them, which edit the message in place."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import Noop, SectionView, clean_arg, parse
from bot.handlers.common import argument
from bot.services import services_of
from bot.types import App, Context
from briefs.render import SECTIONS

MENU = SECTIONS
FILTERED = ("quotes", "reactions")
log = logging.getLogger(__name__)


async def send_view(message: Message, context: Context, view: SectionView) -> None:
    """Reply with one page of a section and its keyboard."""
    shown = services_of(context).edition.show(view)
    await message.reply_text(shown.page.text, reply_markup=shown.keyboard)


async def command(update: Update, context: Context) -> None:
    """/summary, /timeline, /quotes [name], /reactions [side], /sources."""
    message = update.effective_message
    if message is None or not message.text:
        return
    section = message.text.split()[0].lstrip("/").split("@")[0].lower()
    arg = clean_arg(argument(context.args)) if section in FILTERED else None
    await send_view(message, context, SectionView(section, 1, arg))


async def button(update: Update, context: Context) -> None:
    """A section or page button: answer it, then edit the message in place."""
    query = update.callback_query
    if query is None:
        return
    view = parse(query.data)
    edition = services_of(context).edition
    if not isinstance(view, SectionView):
        stale = (
            None if isinstance(view, Noop) else edition.renderer.message("stale_button", fmt="text")
        )
        await query.answer(stale)
        return
    shown = edition.show(view)
    await query.answer()
    try:
        await query.edit_message_text(shown.page.text, reply_markup=shown.keyboard)
    except BadRequest as error:
        if "not modified" in error.message.lower():
            return  # pressed the page it already shows
        if query.message is None or "can't be edited" not in error.message.lower():
            raise
        await context.bot.send_message(
            query.message.chat.id, shown.page.text, reply_markup=shown.keyboard
        )


def register(application: App) -> None:
    application.add_handler(CommandHandler(list(SECTIONS), command))
    application.add_handler(CallbackQueryHandler(button, pattern=r"^(sec:|nop$)"))
