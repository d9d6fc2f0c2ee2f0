"""The subscription commands and buttons through the real Application, offline."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace
from typing import Any

import pytest

from bot.console.offline import OfflineCall
from bot.handlers.admin_broadcast import ANNOUNCE_LIMIT
from bot.handlers.subscriptions import shown as settings_view_of
from bot.runtime import Runtime
from bot.subscriptions.storage import Subscription
from bot.subscriptions.zones import ParseError, parse_subscribe
from tests.bot.conftest import ADMIN_ID
from tests.support.harness import Harness
from tests.support.updates import GROUP_ID, USER_ID


def to(call: OfflineCall, chat_id: int) -> bool:
    return call.method == "sendMessage" and call.params.get("chat_id") == chat_id


def reported(harness: Harness, call: OfflineCall) -> bool:
    """The admin is sent the announcement's report (the harness is not a running application,
    so PTB's warning about the background task also earns the admin the error message)."""
    apology = harness.app.bot_data.services.renderer.message("error")
    return to(call, ADMIN_ID) and call.params["text"] != apology


def runtime(harness: Harness) -> Runtime:
    return harness.app.bot_data.subscriptions


async def stored(harness: Harness, chat_id: int = USER_ID) -> Subscription | None:
    return await runtime(harness).storage.get(chat_id)


def buttons(call: Any) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


async def press(harness: Harness, data: str, user_id: int | None = None) -> Any:
    """Press a button; the one editMessageText it causes."""
    message = {
        "message_id": 77,
        "date": int(time.time()),
        "chat": harness.updates.chat(None),
        "text": "x",
    }
    calls = await harness.send(harness.updates.callback(data, message, user_id=user_id))
    assert [c.method for c in calls if c.method == "answerCallbackQuery"]
    edits = [c for c in calls if c.method == "editMessageText"]
    assert len(edits) == 1, calls
    return edits[0]


def member_update(harness: Harness, old: str, new: str) -> dict[str, Any]:
    user = harness.updates.user()
    me = {"id": 123456, "is_bot": True, "first_name": "Storybrief"}
    return {
        "update_id": int(time.time() * 1000) % 10**9,
        "my_chat_member": {
            "chat": harness.updates.chat(None),
            "from": user,
            "date": int(time.time()),
            "old_chat_member": {
                "user": me,
                "status": old,
                **({"until_date": 0} if old == "kicked" else {}),
            },
            "new_chat_member": {
                "user": me,
                "status": new,
                **({"until_date": 0} if new == "kicked" else {}),
            },
        },
    }


async def test_subscribe_confirms_time_zone_and_next_delivery(harness: Harness) -> None:
    """/subscribe 8am Toronto saves the subscription and replies with the next local delivery."""
    reply = await harness.reply("/subscribe 8am Toronto")
    saved = await stored(harness)
    assert saved is not None
    assert (saved.hour, saved.minute, saved.tz, saved.active) == (8, 0, "America/Toronto", True)
    place = parse_subscribe("8am Toronto").place
    assert place is not None
    expected = harness.message(
        "sub_saved",
        updated=False,
        view=settings_view_of(saved),
        place=place.name,
        others=place.others,
    )
    assert reply.params["text"] == expected


async def test_subscribing_again_updates_and_keeps_the_zone(harness: Harness) -> None:
    """A second /subscribe with only a time keeps the chat's zone and updates the one row."""
    await harness.reply("/subscribe 9am Beijing")
    reply = await harness.reply("/subscribe 20:30")
    saved = await stored(harness)
    assert saved is not None
    assert (saved.hour, saved.minute, saved.tz) == (20, 30, "Asia/Shanghai")
    expected = harness.message(
        "sub_saved", updated=True, view=settings_view_of(saved), place=None, others=()
    )
    assert reply.params["text"] == expected
    assert (await runtime(harness).storage.stats()).active == 1


async def test_subscribe_defaults_to_the_configured_zone(harness: Harness) -> None:
    """With no zone and no earlier one, the configured default zone is used."""
    await harness.reply("/subscribe 7:15 pm")
    saved = await stored(harness)
    assert saved is not None
    assert (saved.hour, saved.minute, saved.tz) == (19, 15, "America/Toronto")


async def test_nonsense_gets_examples_and_escaped_echo(harness: Harness) -> None:
    """Nonsense gets a clear error quoting it (escaped) with examples, and saves nothing."""
    for text, shown in (("25:99", "25:99"), ("8pm Mars", "Mars"), ("<b>x</b>", "&lt;b&gt;x")):
        reply = await harness.reply(f"/subscribe {text}")
        assert shown in reply.params["text"]
        assert "/subscribe 9am Beijing" in reply.params["text"]
    assert await stored(harness) is None


async def test_a_refused_zone_with_a_readable_twin_suggests_it(harness: Harness) -> None:
    """Etc/GMT-8 (which means UTC+8) is refused with the offset to type instead."""
    reply = await harness.reply("/subscribe 8am Etc/GMT-8")
    with pytest.raises(ParseError) as refused:
        parse_subscribe("8am Etc/GMT-8")
    assert refused.value.suggestion == "UTC+08:00"
    expected = harness.message(
        "sub_invalid",
        kind=refused.value.kind,
        text=refused.value.text,
        suggestion=refused.value.suggestion,
    )
    assert reply.params["text"] == expected
    assert await stored(harness) is None


async def test_subscribe_without_arguments_offers_time_buttons(harness: Harness) -> None:
    """/subscribe alone offers the common times; pressing one subscribes at that time."""
    reply = await harness.reply("/subscribe")
    assert buttons(reply) == [f"sub:t:{t}" for t in ("07:00", "08:00", "12:00", "18:00", "21:00")]
    edit = await press(harness, "sub:t:18:00")
    assert "18:00 (America/Toronto)" in edit.params["text"]
    saved = await stored(harness)
    assert saved is not None
    assert (saved.hour, saved.minute) == (18, 0)


async def test_settings_buttons_change_time_and_zone_in_place(harness: Harness) -> None:
    """/settings shows the subscription; ±1 h and zone buttons edit it in place."""
    await harness.reply("/subscribe 8am Toronto")
    reply = await harness.reply("/settings")
    assert "08:00 (America/Toronto)" in reply.params["text"]
    assert {"sub:shift:1", "sub:shift:-1", "sub:zones", "sub:off"} <= set(buttons(reply))
    assert "09:00" in (await press(harness, "sub:shift:1")).params["text"]
    zones = await press(harness, "sub:zones")
    assert "sub:z:Asia/Shanghai" in buttons(zones)
    edit = await press(harness, "sub:z:Asia/Shanghai")
    assert "09:00 (Asia/Shanghai)" in edit.params["text"]


@pytest.mark.parametrize(
    "data",
    [
        "sub:z:Mars/Phobos",
        "sub:t:99:99",
        "sub:t:²:00",
        "sub:shift:5",
        "sub:shift:1",
        "sub:",
        "sub:x",
    ],
)
async def test_forged_subscription_buttons_change_nothing(harness: Harness, data: str) -> None:
    """A forged or stale "sub:" press only gets a notice: nothing stored, the message untouched."""
    reply = await harness.reply("/summary")
    calls = await harness.send(harness.updates.callback(data, reply.result))
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert calls[0].params["text"] == harness.message("stale_button", fmt="text")
    assert await stored(harness) is None


async def test_subscription_button_on_an_inline_message_is_answered(harness: Harness) -> None:
    """A "sub:" press on an inline message (no chat to change) is still answered."""
    update = harness.updates.callback("sub:t:08:00", {})
    query = update["callback_query"]
    del query["message"]
    query["inline_message_id"] = "inline-1"
    calls = await harness.send(update)
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert await stored(harness) is None


async def test_unsubscribe_then_again(harness: Harness) -> None:
    """/unsubscribe stops deliveries; a second one says there is nothing to stop."""
    await harness.reply("/subscribe 8am")
    stopped = harness.message("sub_stopped", was_active=True)
    assert (await harness.reply("/unsubscribe")).params["text"] == stopped
    nothing = harness.message("sub_stopped", was_active=False)
    assert (await harness.reply("/unsubscribe")).params["text"] == nothing
    saved = await stored(harness)
    assert saved is not None
    assert not saved.active


async def test_forget_asks_then_deletes_everything(harness: Harness) -> None:
    """/forget asks first; cancelling keeps the data, confirming deletes every row."""
    await harness.reply("/subscribe 8am")
    reply = await harness.reply("/forget")
    assert buttons(reply) == ["sub:forget:yes", "sub:forget:no"]
    await press(harness, "sub:forget:no")
    assert await stored(harness) is not None
    done = await press(harness, "sub:forget:yes")
    assert done.params["text"] == harness.message("sub_forgotten", confirmed=True, deleted=True)
    assert await stored(harness) is None


async def test_blocking_deactivates_and_unblocking_reactivates(harness: Harness) -> None:
    """my_chat_member kicked deactivates; member again reactivates with a fresh due time."""
    await harness.reply("/subscribe 8am")
    await harness.send(member_update(harness, "member", "kicked"))
    blocked = await stored(harness)
    assert blocked is not None
    assert not blocked.active
    await harness.send(member_update(harness, "kicked", "member"))
    back = await stored(harness)
    assert back is not None
    assert back.active
    assert back.deactivated_reason is None


async def test_unblocking_does_not_undo_an_unsubscribe(harness: Harness) -> None:
    """A chat that unsubscribed on purpose stays unsubscribed when the bot is re-added."""
    await harness.reply("/subscribe 8am")
    await harness.reply("/unsubscribe")
    await harness.send(member_update(harness, "kicked", "member"))
    saved = await stored(harness)
    assert saved is not None
    assert not saved.active


async def test_admin_commands_are_refused_to_others(harness: Harness) -> None:
    """/announce and /stats from a non-admin get the refusal and send nothing else."""
    for text in ("/announce hello", "/stats"):
        reply = await harness.reply(text)
        assert reply.params["text"] == harness.message("admin_only")


async def test_stats_counts_subscribers(harness: Harness) -> None:
    """/stats shows active and inactive counts."""
    await harness.reply("/subscribe 8am", chat_id=None, user_id=1)
    await harness.reply("/subscribe 9am", chat_id=None, user_id=2)
    await harness.reply("/unsubscribe", chat_id=None, user_id=2)
    reply = await harness.reply("/stats", user_id=ADMIN_ID)
    figures = await runtime(harness).storage.stats()
    assert (figures.active, figures.inactive) == (1, 1)
    assert reply.params["text"] == harness.message("stats", stats=figures)


async def test_announce_reaches_subscribers_escaped(harness: Harness) -> None:
    """/announce sends the escaped text to every active subscriber, then reports the count."""
    for user in (1, 2, 3):
        await harness.reply("/subscribe 8am", user_id=user)
    before = len(harness.request.calls)
    await harness.say("/announce Meeting <moved> & more", user_id=ADMIN_ID)
    await harness.request.wait_for(lambda c: reported(harness, c), after=before)
    sent = [c for c in harness.request.calls[before:] if c.method == "sendMessage"]
    announced = [c for c in sent if "Meeting" in c.params["text"]]
    assert sorted(c.params["chat_id"] for c in announced) == [1, 2, 3]
    assert all("&lt;moved&gt; &amp; more" in c.params["text"] for c in announced)
    report = SimpleNamespace(due=3, sent=3, failed=0, deactivated=0)
    assert sent[-1].params["text"] == harness.message("announce_done", run=report)


async def test_a_second_announce_waits_for_the_first(harness: Harness) -> None:
    """/announce while one is going out is refused in one line; each chat gets one copy."""
    storage, now = runtime(harness).storage, runtime(harness).clock()
    for chat in range(1, 41):
        await storage.subscribe(chat, 8, 0, "UTC", now=now, next_due=lambda _day: now)
    held = asyncio.Event()  # the first announcement waits for its next slot until released

    async def hold(_seconds: float) -> None:
        await held.wait()

    runtime(harness).delivery.sender.pace_on(time.monotonic, hold)
    await harness.say("/announce First", user_id=ADMIN_ID)
    busy = await harness.reply("/announce Second", user_id=ADMIN_ID)
    assert busy.params["text"] == harness.message("announce_busy")
    held.set()
    after = harness.request.calls.index(busy) + 1
    await harness.request.wait_for(lambda c: reported(harness, c), after=after, within=10)
    texts = [str(c.params.get("text")) for c in harness.request.calls]
    assert sum("First" in text for text in texts) == 40
    assert not any("Second" in text for text in texts)
    assert not runtime(harness).announcing  # the next /announce may go


# -- groups: the subscription is the group's, so only its administrators change it ----------
MEMBER, GROUP_ADMIN = 7001, 7002


def group_button(harness: Harness, data: str, user_id: int) -> dict[str, Any]:
    message = {
        "message_id": 78,
        "date": int(time.time()),
        "chat": harness.updates.chat(GROUP_ID),
        "text": "x",
    }
    return harness.updates.callback(data, message, user_id=user_id)


async def test_group_members_cannot_change_the_groups_subscription(harness: Harness) -> None:
    """A plain member's /subscribe, /unsubscribe, /forget and buttons are refused; nothing is
    stored or changed."""
    for command in ("/subscribe 8am Toronto", "/unsubscribe", "/forget"):
        reply = await harness.reply(command, chat_id=GROUP_ID, user_id=MEMBER)
        assert reply.params["text"] == harness.message("sub_admins_only"), command
    assert await stored(harness, GROUP_ID) is None
    calls = await harness.send(group_button(harness, "sub:t:07:00", MEMBER))
    answers = [c for c in calls if c.method == "answerCallbackQuery"]
    assert answers[0].params["show_alert"] is True
    assert answers[0].params["text"] == harness.message("sub_admins_only", fmt="text")
    assert not [c for c in calls if c.method == "editMessageText"]
    assert await stored(harness, GROUP_ID) is None


async def test_group_administrators_and_bot_admins_may(harness: Harness) -> None:
    """Telegram's group administrators, and the bot's own admins, change the subscription."""
    harness.request.member_status[GROUP_ADMIN] = "administrator"
    reply = await harness.reply("/subscribe 9am Toronto", chat_id=GROUP_ID, user_id=GROUP_ADMIN)
    assert "09:00" in reply.params["text"]
    calls = await harness.send(group_button(harness, "sub:t:07:00", GROUP_ADMIN))
    assert [c for c in calls if c.method == "editMessageText"]
    saved = await stored(harness, GROUP_ID)
    assert saved is not None
    assert (saved.hour, saved.minute) == (7, 0)
    before = len(harness.request.calls_to("getChatMember"))
    await harness.reply("/unsubscribe", chat_id=GROUP_ID, user_id=ADMIN_ID)
    assert len(harness.request.calls_to("getChatMember")) == before  # no need to ask
    saved = await stored(harness, GROUP_ID)
    assert saved is not None
    assert not saved.active


async def test_private_chats_never_ask_about_membership(harness: Harness) -> None:
    """In a private chat the person is the chat: no getChatMember round trip."""
    await harness.reply("/subscribe 8am")
    assert not harness.request.calls_to("getChatMember")


async def test_announce_keeps_line_breaks(harness: Harness) -> None:
    """The admin's line breaks and spacing reach subscribers as written."""
    await harness.reply("/subscribe 8am", user_id=1)
    before = len(harness.request.calls)
    await harness.say("/announce Line one\n\n  • point   two", user_id=ADMIN_ID)
    await harness.request.wait_for(lambda c: to(c, 1), after=before)
    announced = [c for c in harness.request.calls if "Line one" in str(c.params.get("text"))]
    assert "Line one\n\n  • point   two" in announced[0].params["text"]


async def test_too_long_announcement_is_refused_before_sending(harness: Harness) -> None:
    """An announcement longer than one message is refused up front; no subscriber gets it."""
    await harness.reply("/subscribe 8am", user_id=1)
    before = len(harness.request.calls)
    reply = await harness.reply("/announce " + "x" * 4090, user_id=ADMIN_ID)
    expected = harness.message("announce_too_long", length=4090, limit=ANNOUNCE_LIMIT)
    assert reply.params["text"] == expected
    assert not runtime(harness).announcing  # no broadcast was started to send anything later
    sent = [c for c in harness.request.calls[before:] if c.method == "sendMessage"]
    assert [c.params["chat_id"] for c in sent] == [ADMIN_ID]


def migrate_notice(chat: dict[str, Any], **field: int) -> dict[str, Any]:
    """The service message Telegram posts in a group upgraded to a supergroup (or in it)."""
    moment = int(time.time() * 1000)
    message = {"message_id": moment % 10**6, "date": moment // 1000, "chat": chat, **field}
    return {"update_id": moment % 10**9, "message": message}


async def test_a_group_upgraded_to_a_supergroup_keeps_its_subscription(harness: Harness) -> None:
    """The migrate notices move the group's subscription to the supergroup's id at once."""
    old, new = -4001, -1004001
    storage = runtime(harness).storage
    await harness.reply("/subscribe 7:15 UTC")
    await storage.migrate(USER_ID, old)  # a group's subscription, set up as the group's
    group = {"id": old, "type": "group", "title": "Readers"}
    supergroup = {"id": new, "type": "supergroup", "title": "Readers"}
    await harness.send(migrate_notice(group, migrate_to_chat_id=new))
    await harness.send(migrate_notice(supergroup, migrate_from_chat_id=old))
    moved = await storage.get(new)
    assert moved is not None
    assert (moved.hour, moved.minute, moved.tz) == (7, 15, "UTC")
    assert await storage.get(old) is None
