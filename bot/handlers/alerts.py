"""/alerts on|off: "New in the story" whenever the bot loads a store that adds or changes facts.

Alerts stand apart from the daily briefing: a chat may have either or both, so /alerts on
works without a daily time, and /unsubscribe leaves alerts as they are. Turning them on
starts from the store shown now (no alert for what is already there); the settings button
("sub:alerts:on|off", bot.handlers.subscriptions) does the same as the command. In a group
only its administrators may change them, as with the daily briefing.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.handlers.chat_rights import managed_chat
from bot.handlers.common import FRESH, argument, voice
from bot.runtime import Runtime
from bot.services import Services
from bot.subscriptions.alert_storage import AlertChoice, Alerts
from bot.types import App, Context

MENU = ("alerts",)
_WORDS = {"on": True, "off": False}


async def switch(runtime: Runtime, services: Services, chat_id: int, on: bool) -> bool:
    """Turn the chat's alerts on or off; whether that changed anything."""
    alerts, now = Alerts.of(runtime.storage), runtime.clock()
    if not on:
        return await alerts.turn_off(chat_id, now=now)
    before = await alerts.choice(chat_id)
    await alerts.turn_on(chat_id, now=now, version=services.edition.store.version)
    return before is None or not before.active


async def choice(runtime: Runtime, chat_id: int) -> AlertChoice | None:
    """The chat's alert setting, for /settings."""
    return await Alerts.of(runtime.storage).choice(chat_id)


async def alerts(update: Update, context: Context) -> None:
    """/alerts on|off: change and confirm; with no word, say how they stand."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    runtime, services = context.bot_data.subscriptions, context.bot_data.services
    word, speaking = (argument(context.args) or "").casefold(), voice(update, context)
    if word not in _WORDS:
        current = await choice(runtime, chat.id)
        on = current is not None and current.active
        reply = speaking.message("alerts", on=on, changed=False, asked=word)
        await message.reply_text(reply)
        return
    if await managed_chat(update, context) is None:
        return
    changed = await switch(runtime, services, chat.id, _WORDS[word])
    # Alerts speak this language until someone picks one (bot.subscriptions.languages).
    await runtime.languages.remember(chat.id, speaking.lang, now=runtime.clock())
    reply = speaking.message("alerts", on=_WORDS[word], changed=changed, asked=word)
    await message.reply_text(reply)


def register(application: App) -> None:
    application.add_handler(CommandHandler("alerts", alerts, filters=FRESH))
