"""/help: every command with what it does; admins also see the admin commands."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.handlers.common import FRESH, Voice, voice
from bot.types import App, Context

MENU = ("help",)


async def show_help(update: Update, context: Context) -> None:
    """List the commands from the command menu, with their descriptions."""
    await send_help(update, context, voice(update, context))


async def send_help(update: Update, context: Context, speaking: Voice) -> None:
    """/help's reply in `speaking`'s language (also the answer to "help" asked in words)."""
    message = update.effective_message
    if message is None:
        return
    services = context.bot_data.services
    admin = services.is_admin(update.effective_user.id if update.effective_user else None)

    def render() -> str:
        commands = [(name, speaking.label(f"cmd_{name}")) for name in services.menu.public]
        extra = [(name, speaking.label(f"cmd_{name}")) for name in services.menu.admin]
        return speaking.message("help", commands=commands, admin_commands=extra if admin else [])

    await message.reply_text(speaking.edition.memo(("help", admin, speaking.lang), render))


def register(application: App) -> None:
    application.add_handler(CommandHandler("help", show_help, filters=FRESH))
