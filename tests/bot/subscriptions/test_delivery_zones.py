"""Once per local day when a chat changes zone: no day skipped, no day twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from telegram import Bot

from bot.delivery.engine import Briefing, Delivery
from bot.subscriptions.schedule import next_due
from bot.subscriptions.storage import Storage, Subscription
from tests.bot.subscriptions_helpers import FAST
from tests.support.botapi_standin import BotApiStandin


def local(text: str, zone: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


async def save(storage: Storage, hour: int, zone: str, now: datetime) -> Subscription:
    """What /subscribe does (bot.handlers.subscriptions.save) for chat 1."""
    return await storage.subscribe(
        1, hour, 0, zone, now=now,
        next_due=lambda last: next_due(hour, 0, zone, after=now, last_local_day=last),
    )  # fmt: skip


async def deliver_at(
    storage: Storage, bot: Bot, briefing: Briefing, moment: datetime, *, real: bool = False
) -> int:
    """One run at `moment` on a clock showing `moment` (a one-part text unless `real`)."""
    chosen = briefing if real else replace(briefing, renderer=_OnePart())
    engine = Delivery(storage, bot, lambda: chosen, limits=FAST, clock=lambda: moment)
    return (await engine.run_once(moment)).sent


async def test_moving_west_does_not_skip_a_day(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin
) -> None:
    """8am Shanghai on 10 Mar is still 9 Mar in Toronto: after the move, 10 Mar 8am Toronto
    comes (and is sent, though the log has a Shanghai 10 Mar)."""
    first = await save(storage, 8, "Asia/Shanghai", local("2026-03-10T07:00", "Asia/Shanghai"))
    assert await deliver_at(storage, bot, briefing, first.next_due_utc) == 1
    moved = await save(storage, 8, "America/Toronto", local("2026-03-09T21:00", "America/Toronto"))
    assert moved.next_due_utc == local("2026-03-10T08:00", "America/Toronto")
    assert await deliver_at(storage, bot, briefing, moved.next_due_utc) == 1
    assert len(standin.calls_to("sendMessage")) == 2


async def test_moving_east_does_not_repeat_a_day(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin
) -> None:
    """8pm Toronto on 9 Mar is 8am 10 Mar in Shanghai: after the move, the next is 11 Mar."""
    first = await save(storage, 20, "America/Toronto", local("2026-03-09T19:00", "America/Toronto"))
    assert await deliver_at(storage, bot, briefing, first.next_due_utc) == 1
    moved = await save(storage, 10, "Asia/Shanghai", local("2026-03-10T09:00", "Asia/Shanghai"))
    assert moved.last_local_day == datetime(2026, 3, 10).date()
    assert moved.next_due_utc == local("2026-03-11T10:00", "Asia/Shanghai")


async def test_the_briefing_is_dated_in_the_subscribers_own_days(
    storage: Storage, bot: Bot, briefing: Briefing, standin: BotApiStandin
) -> None:
    """8am in Sydney on 10 Mar is 9 Mar in UTC: the header says 10 Mar, and the next day's
    "nothing new" names 10 Mar as the last briefing."""
    first = await save(
        storage, 8, "Australia/Sydney", local("2026-03-10T07:00", "Australia/Sydney")
    )
    for moment in (first.next_due_utc, local("2026-03-11T08:00", "Australia/Sydney")):
        assert await deliver_at(storage, bot, briefing, moment, real=True) == 1
    texts = [c.params["text"] for c in standin.calls_to("sendMessage")]
    assert "Tue 10 Mar" in texts[0].splitlines()[0]
    assert any("Nothing new since your last briefing on Tue 10 Mar" in t for t in texts[1:])


class _OnePart:
    def daily(self, since: datetime | None, **_: object) -> list[str]:
        return ["one part"]
