"""/reload (admins): load the store now; a store that fails its checks is refused with the
problem lines, and the bot keeps serving the last good one. An admin's /reload in their own
chat also remembers their language for the store watcher's notices."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CommandHandler

from bot.briefings.reload import Outcome, refusal_text, reload_store
from bot.handlers.common import FRESH, voice
from bot.types import App, Context

ADMIN_MENU = ("reload",)


async def reload(update: Update, context: Context) -> None:
    """Reload the store for an admin; refuse anyone else."""
    message = update.effective_message
    if message is None:
        return
    services, speaking = context.bot_data.services, voice(update, context)
    if not services.is_admin(update.effective_user.id if update.effective_user else None):
        await message.reply_text(speaking.message("admin_only"))
        return
    chat = update.effective_chat
    if context.bot_data.started and chat is not None and chat.type == ChatType.PRIVATE:
        # The store watcher's notices to this admin speak this language (nobody writes then).
        runtime = context.bot_data.subscriptions
        await runtime.languages.remember(chat.id, speaking.lang, now=runtime.clock())
    result = await reload_store(services.holder)
    store = result.edition.store
    if result.outcome is Outcome.REFUSED:
        text = refusal_text(services, result.problems, speaking.lang)
    else:
        name = "reload_unchanged" if result.outcome is Outcome.UNCHANGED else "reload_ok"
        text = speaking.message(
            name,
            version=store.version,
            facts=len(store.facts()),
            articles=len(store.articles),
        )
    await message.reply_text(text)


def register(application: App) -> None:
    application.add_handler(CommandHandler("reload", reload, filters=FRESH))
