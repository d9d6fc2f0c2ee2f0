"""Small helpers the handlers share: who is talking, whether a message is meant for us,
which language to answer in, and editing a message in place when Telegram still allows it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel import Locale
from telegram import CallbackQuery, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import filters

from bot.briefings.edition import Edition
from bot.types import Context
from briefs.i18n import language_for
from briefs.render import Renderer

# Messages as first sent. PTB's handlers also match edits by default, and an edited
# "/summary" or question is a correction of an old request, not a new one to answer.
FRESH = filters.UpdateType.MESSAGES & ~filters.UpdateType.EDITED

_POSSESSIVE = re.compile(r"(?<=\w)['’]s?(?=\s|$)")
_GONE = ("can't be edited", "message to edit not found")


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


def _our_mentions(message: Message, username: str) -> list[MessageEntity]:
    """The `mention` entities that name exactly @username (Telegram marks them; a substring
    test would also take "@usernamex" or "a@username.com")."""
    wanted = f"@{username}".lower()
    found = message.parse_entities([MessageEntity.MENTION])
    return [entity for entity, text in found.items() if text.lower() == wanted]


def mentions(message: Message, username: str) -> bool:
    """Whether the text @-mentions the bot."""
    return bool(_our_mentions(message, username))


def without_mention(message: Message, username: str) -> str:
    """The message text with the bot's own @mentions cut out (and nothing else)."""
    text = message.text or ""
    units = text.encode("utf-16-le")  # entity offsets count UTF-16 code units
    for entity in sorted(_our_mentions(message, username), key=lambda e: -e.offset):
        start, end = 2 * entity.offset, 2 * (entity.offset + entity.length)
        units = units[:start] + " ".encode("utf-16-le") + units[end:]
    return " ".join(units.decode("utf-16-le").split())


def replies_to(message: Message, username: str) -> bool:
    """Whether the message replies to one of the bot's own messages."""
    replied = message.reply_to_message
    author = replied.from_user if replied is not None else None
    return author is not None and (author.username or "").lower() == username.lower()


def after_command(message: Message) -> str | None:
    """The text after a leading /command, line breaks and spacing kept (context.args would
    split it into words); None when there is none."""
    text = message.text or ""
    entities = message.entities
    if entities and entities[0].type == MessageEntity.BOT_COMMAND and entities[0].offset == 0:
        text = text[len(message.parse_entity(entities[0])) :]
    return text.strip() or None


def argument(args: list[str] | None) -> str | None:
    """A command's arguments as one string, None when there are none."""
    text = " ".join(args or ()).strip()
    return text or None


def name_argument(args: list[str] | None) -> str | None:
    """A name typed after a command, possessives dropped ("Chong's" -> "Chong"): people
    write "/quotes Chong's", and the store's names carry no 's."""
    text = argument(args)
    if text is None:
        return None
    return _POSSESSIVE.sub("", text).strip() or None


async def edit_or_send(
    query: CallbackQuery, context: Context, text: str, keyboard: InlineKeyboardMarkup | None
) -> None:
    """Edit the pressed message in place; when it is gone or too old, send a new one."""
    try:
        await query.edit_message_text(text, reply_markup=keyboard)
    except BadRequest as error:
        reason = error.message.lower()
        if "not modified" in reason:
            return  # pressed what it already shows
        if query.message is None or not any(gone in reason for gone in _GONE):
            raise
        await context.bot.send_message(query.message.chat.id, text, reply_markup=keyboard)


def writer_language(update: Update) -> str:
    """The Telegram language of whoever sent the update ("fr", "fr-CA"... is French)."""
    user = update.effective_user
    return language_for(user.language_code if user else None)


def chat_language(update: Update, context: Context) -> str:
    """The language to answer in: the chat's /language choice (in a group, the group's), else
    the Telegram language of whoever writes."""
    chat, chosen = update.effective_chat, None
    if chat is not None and context.bot_data.started:  # an inline query has no chat
        chosen = context.bot_data.subscriptions.languages.chosen(chat.id)
    return chosen or writer_language(update)


def name_of(lang: str, shown_in: str | None = None) -> str:
    """A language's name from Babel (CLDR), in its own tongue unless `shown_in` says which,
    cased as that tongue writes it in a sentence ("français", "English"), so no language
    name needs translating."""
    return Locale.parse(lang).get_language_name(shown_in or lang) or lang


@dataclass(frozen=True, slots=True)
class Voice:
    """The current edition speaking the chat's language: what a handler replies with."""

    edition: Edition
    lang: str

    @property
    def renderer(self) -> Renderer:
        return self.edition.renderer

    @property
    def name(self) -> str:
        """The language's name in itself ("français")."""
        return name_of(self.lang)

    def message(self, name: str, *, fmt: str = "html", **context: object) -> str:
        return self.edition.renderer.message(name, fmt=fmt, lang=self.lang, **context)

    def label(self, name: str) -> str:
        return self.edition.renderer.label(name, lang=self.lang)


def voice(update: Update, context: Context) -> Voice:
    """The edition now, in the language this update is answered in (see chat_language)."""
    return Voice(context.bot_data.services.edition, chat_language(update, context))
