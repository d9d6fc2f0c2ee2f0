"""Type aliases for the PTB generics, so handler signatures stay one short line.

`Context` carries the typed bot_data (bot.services.BotData): handlers read
`context.bot_data.services` with its type. build_application passes CONTEXT_TYPES to the
Application builder so that the object PTB makes at run time is that class.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.services import BotData

Context: TypeAlias = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
App: TypeAlias = Application[ExtBot[None], Context, dict[Any, Any], dict[Any, Any], BotData, Any]
CONTEXT_TYPES = ContextTypes(context=CallbackContext, bot_data=BotData)
