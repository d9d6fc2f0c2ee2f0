"""Who may change a chat's daily briefing: anyone in a private chat; in a group, its admins.

A group's subscription is shared by everyone in it, so one member's /forget or /subscribe
must not undo what the group's administrators chose. The bot's own admins may always.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from bot.services import services_of
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
    if services_of(context).is_admin(user.id):
        return True
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError:
        return False  # cannot tell: refuse, and the reply says who may
    return member.status in _MANAGERS


async def refused(update: Update, context: Context) -> bool:
    """True, after telling the sender so, when they may not change this chat's subscription."""
    if await may_manage(update, context):
        return False
    message = update.effective_message
    if message is not None:
        await message.reply_text(services_of(context).renderer.message("sub_admins_only"))
    return True
