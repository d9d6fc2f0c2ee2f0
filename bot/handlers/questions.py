"""Plain-text questions ("what did Chong say?", "tariffs"), answered from the store with
sources; when nothing matches, a short reply pointing to the commands. Answered in the
chat's language, or in French when the question is French (bot.briefings.asked)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.briefings.asked import answer_language
from bot.handlers.common import FRESH, Voice, chat_language, for_us, without_mention
from bot.handlers.start import send_welcome
from bot.types import App, Context

_MAX_QUESTION = 500


async def ask(update: Update, context: Context) -> None:
    """Answer a question in private, or in a group when it mentions or replies to the bot."""
    message = update.effective_message
    if message is None or not message.text:
        return
    username = context.bot.username
    if not for_us(message, username):
        return
    question = without_mention(message, username)[:_MAX_QUESTION]
    lang = answer_language(question, chat_language(update, context))
    speaking = Voice(context.bot_data.services.edition, lang)
    if not question:  # a bare "@bot": they want to know what it does
        await send_welcome(message, speaking)
        return
    answer = speaking.edition.answer(question, lang)
    await message.reply_text(answer or speaking.message("no_match", question=question))


def register(application: App) -> None:
    application.add_handler(MessageHandler(FRESH & filters.TEXT & ~filters.COMMAND, ask))
