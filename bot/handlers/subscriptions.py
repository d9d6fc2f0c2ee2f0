"""/subscribe, /unsubscribe, /settings, /forget, their "sub:" buttons, and my_chat_member.

/settings also shows the chat's alerts, with a button to switch them (bot.handlers.alerts),
and its language, with a button to the /language choice (bot.handlers.language). Replies
speak the chat's language (bot.handlers.common.voice).

`start` opens SQLite and starts the delivery loop; `stop` ends both. What the chat chose is
committed before the reply says so (bot.subscriptions.storage commits synchronously).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.briefings.callbacks import LanguageView
from bot.handlers import alerts
from bot.handlers.chat_rights import managed_chat, may_manage
from bot.handlers.common import FRESH, Voice, argument, edit_or_send, voice
from bot.runtime import Runtime
from bot.subscriptions.schedule import next_due
from bot.subscriptions.storage import Subscription
from bot.subscriptions.zones import ParseError, Place, parse_subscribe, tzinfo_for
from bot.types import App, Context

MENU = ("subscribe", "unsubscribe", "settings", "forget")
COMMON_TIMES = ("07:00", "08:00", "12:00", "18:00", "21:00")
COMMON_ZONES = (
    "America/Vancouver", "America/Edmonton", "America/Toronto", "America/Halifax",
    "Europe/London", "Europe/Paris", "Asia/Shanghai", "UTC",
)  # fmt: skip
_BACK_ONLINE = {ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER}


async def save(runtime: Runtime, chat_id: int, hour: int, minute: int, zone: str) -> Subscription:
    """Create or update the chat's subscription; committed when this returns. The caller also
    remembers the chat's language for delivery (bot.subscriptions.languages)."""
    now = runtime.clock()
    return await runtime.storage.subscribe(
        chat_id, hour, minute, zone, now=now,
        next_due=lambda last: next_due(hour, minute, zone, after=now, last_local_day=last),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class View:
    """A subscription as the templates show it: its time, zone, next delivery in its zone."""

    subscription: Subscription | None
    time: str = ""
    zone: str = ""
    next: datetime | None = None


def shown(subscription: Subscription | None) -> View:
    if subscription is None:
        return View(None)
    return View(
        subscription,
        f"{subscription.hour:02d}:{subscription.minute:02d}",
        subscription.tz,
        subscription.next_due_utc.astimezone(tzinfo_for(subscription.tz)),
    )


async def subscribe(update: Update, context: Context) -> None:
    """/subscribe [time] [place]: save and confirm; with nothing given, offer time buttons."""
    if (checked := await managed_chat(update, context)) is None:
        return
    message, chat = checked
    runtime, speaking = context.bot_data.subscriptions, voice(update, context)
    current = await runtime.storage.get(chat.id)
    zone = current.tz if current else runtime.default_zone
    try:  # in a thread: the first city named loads the gazetteer (bot.subscriptions.gazetteer)
        asked = await asyncio.to_thread(parse_subscribe, argument(context.args) or "")
    except ParseError as error:
        await message.reply_text(_refusal(speaking, error))
        return
    if asked.hour is None and asked.zone is None:
        keyboard = InlineKeyboardMarkup([_time_row(COMMON_TIMES)])
        await message.reply_text(speaking.message("sub_choose", zone=zone), reply_markup=keyboard)
        return
    hour = asked.hour if asked.hour is not None else (current.hour if current else 8)
    minute = asked.minute if asked.minute is not None else (current.minute if current else 0)
    saved = await save(runtime, chat.id, hour, minute, asked.zone or zone)
    await runtime.languages.remember(chat.id, speaking.lang, now=runtime.clock())
    place = asked.place or Place(saved.tz)
    text = speaking.message(
        "sub_saved",
        updated=current is not None,
        view=shown(saved),
        place=place.name,
        others=place.others,
    )
    await message.reply_text(text)


def _refusal(speaking: Voice, error: ParseError) -> str:
    """The reply to a /subscribe not understood, or naming a country of several zones."""
    if error.kind == "country":
        return speaking.message(
            "sub_which_zone",
            place=error.place,
            choices=error.choices,
            prefix=error.prefix,
        )
    return speaking.message(
        "sub_invalid", kind=error.kind, text=error.text, suggestion=error.suggestion
    )


async def unsubscribe(update: Update, context: Context) -> None:
    """/unsubscribe: stop deliveries (time and zone are kept for a later /subscribe)."""
    if (checked := await managed_chat(update, context)) is None:
        return
    message, chat = checked
    runtime, speaking = context.bot_data.subscriptions, voice(update, context)
    stopped = await runtime.storage.unsubscribe(chat.id, now=runtime.clock())
    await message.reply_text(speaking.message("sub_stopped", was_active=stopped))


async def settings(update: Update, context: Context) -> None:
    """/settings: the subscription, with buttons to change it in place."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    speaking = voice(update, context)
    text, keyboard = await settings_view(speaking, context, chat.id, saved=False)
    await message.reply_text(text, reply_markup=keyboard)


async def settings_view(
    speaking: Voice, context: Context, chat_id: int, *, saved: bool
) -> tuple[str, InlineKeyboardMarkup]:
    """/settings in the chat's language: the daily, the alerts, the language, with buttons."""
    current = await context.bot_data.subscriptions.storage.get(chat_id)
    alerted = await alerts.choice(context.bot_data.subscriptions, chat_id)
    on = alerted is not None and alerted.active
    text = speaking.message(
        "sub_settings", saved=saved, view=shown(current), alerts_on=on, language=speaking.name
    )
    rows = [_time_row(COMMON_TIMES)]
    if current is not None:
        rows.insert(0, [_button(speaking, "earlier", "sub:shift:-1"),
                        _button(speaking, "later", "sub:shift:1")])  # fmt: skip
    zone_row = [_button(speaking, "zone", "sub:zones")]
    if current is not None and current.active:
        zone_row.append(
            InlineKeyboardButton(speaking.label("unsubscribe"), callback_data="sub:off")
        )
    alerts_row = [_button(speaking, "alerts_off" if on else "alerts_on", f"sub:alerts:{not on:d}")]
    language_row = [_button(speaking, "language", LanguageView(None, back=True).pack())]
    return text, InlineKeyboardMarkup([*rows, zone_row, alerts_row, language_row])


async def forget(update: Update, context: Context) -> None:
    """/forget: ask before deleting everything stored about the chat."""
    if (checked := await managed_chat(update, context)) is None:
        return
    message, speaking = checked[0], voice(update, context)
    keyboard = InlineKeyboardMarkup(
        [[_button(speaking, "delete", "sub:forget:yes"),
          InlineKeyboardButton(speaking.label("cancel"), callback_data="sub:forget:no")]]
    )  # fmt: skip
    await message.reply_text(speaking.message("sub_forget_confirm"), reply_markup=keyboard)


async def button(update: Update, context: Context) -> None:
    """Every "sub:" button: answer it, change what it says, edit the message in place.

    In a group only its administrators may press them (see bot.handlers.chat_rights).
    Stale or forged data only gets a notice: the message may be a briefing, left as it is."""
    query, chat = update.callback_query, update.effective_chat
    if query is None:
        return
    speaking = voice(update, context)
    if chat is None:  # pressed on an inline message: no chat whose briefing it could change
        await query.answer(speaking.message("stale_button", fmt="text"))
        return
    if not await may_manage(update, context):
        await query.answer(speaking.message("sub_admins_only", fmt="text"), show_alert=True)
        return
    pressed = await _pressed(speaking, context, chat.id, (query.data or "").split(":")[1:])
    if pressed is None:
        await query.answer(speaking.message("stale_button", fmt="text"))
        return
    await query.answer()
    await edit_or_send(query, context, *pressed)


async def _pressed(
    speaking: Voice, context: Context, chat_id: int, parts: list[str]
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """Do what the button says; the new text and keyboard, or None for data we never sent."""
    runtime = context.bot_data.subscriptions
    current = await runtime.storage.get(chat_id)
    zone = current.tz if current else runtime.default_zone
    match parts:
        case ["t", hh, mm] if hh.isdecimal() and mm.isdecimal() and int(hh) < 24 and int(mm) < 60:
            await save(runtime, chat_id, int(hh), int(mm), zone)
        case ["shift", step] if current is not None and step in ("1", "-1"):
            hour = (current.hour + int(step)) % 24
            await save(runtime, chat_id, hour, current.minute, current.tz)
        case ["z", *name] if ":".join(name) in (*COMMON_ZONES, zone, runtime.default_zone):
            hour, minute = (current.hour, current.minute) if current else (8, 0)
            await save(runtime, chat_id, hour, minute, ":".join(name))
        case ["zones"]:
            keyboard = _zone_keyboard(speaking, context, zone)
            return speaking.message("sub_zone_pick", zone=zone), keyboard
        case ["alerts", on] if on in ("0", "1"):
            await alerts.switch(runtime, context.bot_data.services, chat_id, on == "1")
        case ["off"]:
            await runtime.storage.unsubscribe(chat_id, now=runtime.clock())
        case ["forget", answer] if answer in ("yes", "no"):
            deleted = answer == "yes" and await runtime.forget(chat_id)
            text = speaking.message("sub_forgotten", confirmed=answer == "yes", deleted=deleted)
            return text, None
        case ["show"]:
            return await settings_view(speaking, context, chat_id, saved=False)
        case _:
            return None
    # The daily and alerts speak this language until someone picks one with /language.
    await runtime.languages.remember(chat_id, speaking.lang, now=runtime.clock())
    return await settings_view(speaking, context, chat_id, saved=True)


async def member(update: Update, context: Context) -> None:
    """The bot was blocked or removed (deactivate), or let back in (reactivate)."""
    change, chat = update.my_chat_member, update.effective_chat
    if change is None or chat is None:
        return
    runtime = context.bot_data.subscriptions
    current = await runtime.storage.get(chat.id)
    if current is None:
        return
    now = runtime.clock()
    status = change.new_chat_member.status
    if status in _BACK_ONLINE:
        if not current.active and current.deactivated_reason != "unsubscribed":
            await runtime.storage.set_active(
                chat.id, True, now=now,
                next_due=lambda s: next_due(s.hour, s.minute, s.tz, after=now,
                                            last_local_day=s.last_local_day),
            )  # fmt: skip
    elif current.active:
        reason = f"my_chat_member: the bot is now {status}"
        await runtime.storage.set_active(chat.id, False, now=now, reason=reason)


async def migrated(update: Update, context: Context) -> None:
    """A group became a supergroup: move its subscription and log to the new id now, not at
    its next delivery. Telegram sends one notice in each chat; the second finds nothing."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id is not None:
        old, new = message.chat_id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id is not None:
        old, new = message.migrate_from_chat_id, message.chat_id
    else:
        return
    await context.bot_data.subscriptions.storage.migrate(old, new)
    await context.bot_data.subscriptions.languages.refresh(old, new)


def _button(speaking: Voice, name: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(speaking.message("sub_button", which=name), callback_data=data)


def _time_row(times: tuple[str, ...]) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(t, callback_data=f"sub:t:{t}") for t in times]


def _zone_keyboard(speaking: Voice, context: Context, zone: str) -> InlineKeyboardMarkup:
    zones = list(dict.fromkeys((zone, context.bot_data.subscriptions.default_zone, *COMMON_ZONES)))
    buttons = [InlineKeyboardButton(z, callback_data=f"sub:z:{z}") for z in zones]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup([*rows, [_button(speaking, "back", "sub:show")]])


async def start(application: App) -> None:
    """Open SQLite and start the delivery loop (bot.runtime)."""
    await Runtime.start(application)


async def stop(application: App) -> None:
    if application.bot_data.started:  # post_init may have failed before starting it
        await application.bot_data.subscriptions.stop()


def register(application: App) -> None:
    for name, callback in (
        ("subscribe", subscribe),
        ("unsubscribe", unsubscribe),
        ("settings", settings),
        ("forget", forget),
    ):
        application.add_handler(CommandHandler(name, callback, filters=FRESH))
    application.add_handler(CallbackQueryHandler(button, pattern=r"^sub:"))
    application.add_handler(ChatMemberHandler(member, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, migrated))
