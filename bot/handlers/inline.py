"""Inline mode: "@BotName chong" in any chat offers matching quotes and facts, each
shareable with its source, in the Telegram language of the person typing."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.ext import InlineQueryHandler

from bot.types import App, Context
from briefs.i18n import language_for

CACHE_SECONDS = 30  # short: a store reload should reach inline results quickly
_MAX_QUERY = 200


async def search(update: Update, context: Context) -> None:
    """Answer an inline query with up to 20 matching facts as articles."""
    query = update.inline_query
    if query is None:
        return
    lang = language_for(query.from_user.language_code)
    text = query.query.strip()[:_MAX_QUERY]
    hits = context.bot_data.services.renderer.search(text, limit=20, lang=lang)
    results = [
        InlineQueryResultArticle(
            id=hit.id[:64],
            title=hit.title,
            description=hit.description,
            input_message_content=InputTextMessageContent(hit.text),
        )
        for hit in hits
    ]
    await query.answer(results, cache_time=CACHE_SECONDS)


def register(application: App) -> None:
    application.add_handler(InlineQueryHandler(search))
