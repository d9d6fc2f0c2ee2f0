"""/language: the chat's language, with a button per language; `/language fr` works too.

The choice is stored per chat (bot.subscriptions.languages) and applies to every reply there
and to its daily briefing and alerts; without one, replies follow the Telegram language of
whoever writes (bot.handlers.common.chat_language). In a group only its administrators
change it (bot.handlers.chat_rights), as with the daily briefing. /settings shows it with a
button to the same choices ("lang:?:s", which comes back to /settings); /forget deletes it.
Languages are named by Babel (CLDR), each in its own tongue (bot.handlers.common.name_of),
so no name needs translating.
"""

from __future__ import annotations

import unicodedata

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.briefings.callbacks import LanguageView, parse_language
from bot.handlers.chat_rights import managed_chat, may_manage
from bot.handlers.common import FRESH, Voice, argument, edit_or_send, name_of, voice
from bot.handlers.subscriptions import settings_view
from bot.types import App, Context
from briefs.i18n import LANGUAGES

MENU = ("language",)


def _plain(text: str) -> str:
    """Case and accents aside: "Français" and "francais" are the same word typed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def asked_for(word: str) -> str | None:
    """The language a typed word names: a code ("fr", "fr-CA") or a name in any language we
    speak ("French", "français", "anglais"); None when it names none of ours."""
    typed = _plain(word).replace("_", "-")
    if typed.split("-")[0] in LANGUAGES:
        return typed.split("-")[0]
    for lang in LANGUAGES:
        if any(typed == _plain(name_of(lang, shown)) for shown in LANGUAGES):
            return lang
    return None


def choices(back: bool = False) -> InlineKeyboardMarkup:
    """A button per language, each named in its own tongue ("English", "Français")."""
    buttons = [
        InlineKeyboardButton(
            name_of(lang).capitalize(), callback_data=LanguageView(lang, back).pack()
        )
        for lang in LANGUAGES
    ]
    return InlineKeyboardMarkup([buttons])


def _reply(speaking: Voice, *, changed: bool, asked: str = "") -> str:
    return speaking.message("language", current=speaking.name, changed=changed, asked=asked)


async def language(update: Update, context: Context) -> None:
    """/language [en|fr]: with a language, choose it; without (or not understood), the buttons."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    typed, speaking = argument(context.args) or "", voice(update, context)
    wanted = asked_for(typed)
    if wanted is None:
        await message.reply_text(
            _reply(speaking, changed=False, asked=typed), reply_markup=choices()
        )
        return
    if await managed_chat(update, context) is None:
        return
    runtime = context.bot_data.subscriptions
    await runtime.languages.choose(chat.id, wanted, now=runtime.clock())
    speaking = Voice(speaking.edition, wanted)
    await message.reply_text(_reply(speaking, changed=True), reply_markup=choices())


async def button(update: Update, context: Context) -> None:
    """A "lang:" button: show the choices, or choose one and say so in it (in place)."""
    query, chat = update.callback_query, update.effective_chat
    if query is None:
        return
    view, speaking = parse_language(query.data), voice(update, context)
    if view is None or chat is None:  # forged, or on an inline message: no chat to set
        await query.answer(speaking.message("stale_button", fmt="text"))
        return
    if view.lang is not None:
        if not await may_manage(update, context):
            await query.answer(speaking.message("sub_admins_only", fmt="text"), show_alert=True)
            return
        runtime = context.bot_data.subscriptions
        await runtime.languages.choose(chat.id, view.lang, now=runtime.clock())
        speaking = Voice(speaking.edition, view.lang)
    await query.answer()
    if view.back and view.lang is not None:
        text, keyboard = await settings_view(speaking, context, chat.id, saved=True)
    else:
        text, keyboard = _reply(speaking, changed=view.lang is not None), choices(view.back)
    await edit_or_send(query, context, text, keyboard)


def register(application: App) -> None:
    application.add_handler(CommandHandler("language", language, filters=FRESH))
    application.add_handler(CallbackQueryHandler(button, pattern=r"^lang:"))
