"""Small helpers the handlers share: who is talking, and whether a message is meant for us."""

from __future__ import annotations

from telegram import Message, MessageEntity
from telegram.constants import ChatType


def command_target(message: Message) -> str | None:
    """The bot a command names ("/x@Bot" -> "bot"), "" when it names none, None if no command."""
    entities = message.entities
    if not entities or entities[0].type != MessageEntity.BOT_COMMAND or entities[0].offset != 0:
        return None
    command = message.parse_entity(entities[0])
    _, _, target = command.partition("@")
    return target.lower()


def for_us(message: Message, username: str) -> bool:
    """A message the bot should act on: anything in private, or in a group a command that does
    not name another bot, a mention of us, or a reply to us."""
    if message.chat.type == ChatType.PRIVATE:
        return True
    target = command_target(message)
    if target is not None:
        return target in ("", username.lower())
    return mentions(message, username) or replies_to(message, username)


def mentions(message: Message, username: str) -> bool:
    """Whether the text @-mentions the bot."""
    return f"@{username.lower()}" in (message.text or "").lower()


def replies_to(message: Message, username: str) -> bool:
    """Whether the message replies to one of the bot's own messages."""
    replied = message.reply_to_message
    author = replied.from_user if replied is not None else None
    return author is not None and (author.username or "").lower() == username.lower()


def argument(args: list[str] | None) -> str | None:
    """A command's arguments as one string, None when there are none."""
    text = " ".join(args or ()).strip()
    return text or None
