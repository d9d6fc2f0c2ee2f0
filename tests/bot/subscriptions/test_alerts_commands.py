"""/alerts on|off and the alerts button in /settings, through the real Application, offline."""

from __future__ import annotations

from bot.subscriptions.alert_storage import AlertChoice, Alerts
from tests.bot.subscriptions.test_subscriptions import MEMBER, buttons, press, stored
from tests.support.harness import Harness
from tests.support.updates import GROUP_ID, USER_ID


async def alert_choice(harness: Harness, chat_id: int = USER_ID) -> AlertChoice | None:
    runtime = harness.app.bot_data.subscriptions
    return await Alerts.of(runtime.storage).choice(chat_id)


def store_version(harness: Harness) -> object:
    services = harness.app.bot_data.services
    return services.edition.store.version


async def test_alerts_on_works_without_a_daily_and_off_stops_them(harness: Harness) -> None:
    """/alerts on saves alerts from the store shown now, with no daily subscription made;
    /alerts off turns them off; a bare /alerts changes nothing."""
    await harness.reply("/alerts on")
    on = await alert_choice(harness)
    assert on is not None
    assert on.active
    assert on.seen == store_version(harness)
    assert await stored(harness) is None  # no daily briefing implied
    await harness.reply("/alerts")
    still = await alert_choice(harness)
    assert still is not None
    assert still.active
    await harness.reply("/alerts off")
    off = await alert_choice(harness)
    assert off is not None
    assert not off.active


async def test_settings_shows_alerts_and_its_button_switches_them(harness: Harness) -> None:
    """/settings offers the alerts button for the state it is not in; pressing it switches
    alerts in place, with or without a daily subscription."""
    reply = await harness.reply("/settings")
    assert "sub:alerts:1" in buttons(reply)
    turned_on = await press(harness, "sub:alerts:1")
    assert "sub:alerts:0" in buttons(turned_on)
    choice = await alert_choice(harness)
    assert choice is not None
    assert choice.active
    await harness.reply("/subscribe 8am Toronto")
    assert "sub:alerts:0" in buttons(await harness.reply("/settings"))
    turned_off = await press(harness, "sub:alerts:0")
    assert "sub:alerts:1" in buttons(turned_off)
    choice = await alert_choice(harness)
    assert choice is not None
    assert not choice.active
    daily = await stored(harness)
    assert daily is not None
    assert daily.active  # the daily is its own choice


async def test_unsubscribe_leaves_alerts_and_forget_deletes_them(harness: Harness) -> None:
    """/unsubscribe stops only the daily; /forget deletes the alert setting too."""
    await harness.reply("/subscribe 8am")
    await harness.reply("/alerts on")
    await harness.reply("/unsubscribe")
    choice = await alert_choice(harness)
    assert choice is not None
    assert choice.active
    await harness.reply("/forget")
    await press(harness, "sub:forget:yes")
    assert await alert_choice(harness) is None


async def test_group_members_cannot_change_the_groups_alerts(harness: Harness) -> None:
    """In a group, a member who is not an administrator cannot turn its alerts on."""
    await harness.reply("/alerts on", chat_id=GROUP_ID, user_id=MEMBER)
    assert await alert_choice(harness, GROUP_ID) is None
