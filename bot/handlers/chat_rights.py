"""Who may change a chat's daily briefing: anyone in a private chat; in a group, its admins.

A group's subscription is shared by everyone in it, so one member's /forget or /subscribe
must not undo what the group's administrators chose. The bot's own admins may always.
"""

from __future__ import annotations

from telegram import Chat, Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from bot.handlers.common import voice
from bot.types import Context

_MANAGERS = frozenset({ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})


async def may_manage(update: Update, context: Context) -> bool:
    """Whether the sender may change this chat's subscription (asks Telegram in groups)."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or chat.type == ChatType.PRIVATE:
        return True
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id  # an anonymous admin speaks as the group
    if user is None:
        return False
    if context.bot_data.services.is_admin(user.id):
        return True
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError:
        return False  # cannot tell: refuse, and the reply says who may
    return member.status in _MANAGERS


async def managed_chat(update: Update, context: Context) -> tuple[Message, Chat] | None:
    """The message and chat of a command that changes the chat's subscription: None when
    the update has none, or when the sender may not change it (after telling them so)."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return None
    if not await may_manage(update, context):
        await message.reply_text(voice(update, context).message("sub_admins_only"))
        return None
    return message, chat
