"""The briefing commands (/summary /timeline [page] /quotes [name] /reactions [side] /sources)
and the buttons under them, which edit the message in place."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.briefings.callbacks import Noop, SectionView, clean_arg, parse
from bot.handlers.common import FRESH, Voice, argument, edit_or_send, name_argument, voice
from bot.types import App, Context
from briefs.render import SECTIONS

MENU = SECTIONS
FILTERED = ("quotes", "reactions")
_MAX_PAGE_DIGITS = 4


async def send_view(message: Message, speaking: Voice, view: SectionView) -> None:
    """Reply with one page of a section and its keyboard."""
    shown = speaking.edition.show(view, speaking.lang)
    await message.reply_text(shown.page.text, reply_markup=shown.keyboard)


def view_of(section: str, args: list[str] | None) -> SectionView | None:
    """What `/section args` asks for: a name or side for quotes and reactions, a page for the
    timeline (past the end shows the last, 0 is no page); None when the words mean nothing to it."""
    if section in FILTERED:
        return SectionView(section, 1, clean_arg(name_argument(args)))
    text = argument(args)
    if text is None:
        return SectionView(section, 1)
    # Pages count from 1: a 0, like a -1, is words the command does not take, not page 1.
    if section == "timeline" and text.isdecimal() and len(text) <= _MAX_PAGE_DIGITS:
        return SectionView(section, int(text)) if int(text) >= 1 else None
    return None


async def command(update: Update, context: Context) -> None:
    """/summary, /timeline [page], /quotes [name], /reactions [side], /sources."""
    message = update.effective_message
    if message is None or not message.text:
        return
    section = message.text.split()[0].lstrip("/").split("@")[0].lower()
    view, speaking = view_of(section, context.args), voice(update, context)
    if view is not None:
        await send_view(message, speaking, view)
        return
    # Words the command does not take: say so, with the section one tap away.
    text = speaking.message("section_args", command=section, words=argument(context.args))
    button = InlineKeyboardButton(
        speaking.label(section), callback_data=SectionView(section, 1).pack()
    )
    await message.reply_text(text, reply_markup=InlineKeyboardMarkup([[button]]))


async def button(update: Update, context: Context) -> None:
    """A section or page button: answer it, then edit the message in place."""
    query = update.callback_query
    if query is None:
        return
    view, speaking = parse(query.data), voice(update, context)
    if not isinstance(view, SectionView):
        notice = "page_counter" if isinstance(view, Noop) else "stale_button"
        await query.answer(speaking.edition.message_text(notice, speaking.lang))
        return
    shown = speaking.edition.show(view, speaking.lang)
    await query.answer()
    await edit_or_send(query, context, shown.page.text, shown.keyboard)


def register(application: App) -> None:
    application.add_handler(CommandHandler(list(SECTIONS), command, filters=FRESH))
    application.add_handler(CallbackQueryHandler(button, pattern=r"^(sec:|nop$)"))
