"""/help: every command with what it does; admins also see the admin commands."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.handlers.common import FRESH
from bot.types import App, Context

MENU = ("help",)


async def show_help(update: Update, context: Context) -> None:
    """List the commands from the command menu, with their descriptions."""
    message = update.effective_message
    if message is None:
        return
    services = context.bot_data.services
    admin = services.is_admin(update.effective_user.id if update.effective_user else None)
    renderer = services.renderer

    def render() -> str:
        commands = [(name, renderer.label(f"cmd_{name}")) for name in services.menu.public]
        extra = [(name, renderer.label(f"cmd_{name}")) for name in services.menu.admin]
        return renderer.message("help", commands=commands, admin_commands=extra if admin else [])

    await message.reply_text(services.edition.memo(("help", admin), render))


def register(application: App) -> None:
    application.add_handler(CommandHandler("help", show_help, filters=FRESH))
