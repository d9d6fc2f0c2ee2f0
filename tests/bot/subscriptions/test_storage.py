"""bot.subscriptions.storage on real SQLite files: upserts, claim guard, streaming, forgetting."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.subscriptions.schema import MIGRATIONS, ForeignSchema, SchemaRefused, SchemaTooNew
from bot.subscriptions.storage import SCHEMA_VERSION, Outcome, Storage

NOW = datetime(2026, 1, 12, 12, 0, tzinfo=UTC)


def due_at(moment: datetime) -> Callable[[date | None], datetime]:
    return lambda _last_day: moment


async def claim(storage: Storage, *items: tuple[int, date]) -> set[int]:
    """Claim UTC days at NOW, as a run does."""
    starts = [(chat, day, datetime.combine(day, time(), UTC)) for chat, day in items]
    return await storage.claim(starts, now=NOW)


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    store = await Storage.open(tmp_path / "subs.sqlite3")
    yield store
    await store.close()


async def test_open_migrates_and_sets_wal(tmp_path: Path) -> None:
    """Opening a new file applies every migration, records the version and turns on WAL."""
    store = await Storage.open(tmp_path / "a.sqlite3")
    assert await store.schema_version() == SCHEMA_VERSION
    await store.close()
    reopened = await Storage.open(tmp_path / "a.sqlite3")  # a second open migrates nothing
    assert await reopened.schema_version() == SCHEMA_VERSION
    await reopened.close()
    with sqlite3.connect(tmp_path / "a.sqlite3") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _newer(raw: sqlite3.Connection) -> None:
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.execute("CREATE TABLE subscriptions (chat_id INTEGER PRIMARY KEY, future TEXT)")


def _foreign(raw: sqlite3.Connection) -> None:
    raw.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    raw.execute("INSERT INTO notes (body) VALUES ('keep me')")


@pytest.mark.parametrize(
    ("make", "refusal"),
    [(_newer, SchemaTooNew), (_foreign, ForeignSchema)],
    ids=["newer-schema", "foreign-schema"],
)
async def test_a_refused_file_is_left_byte_for_byte(
    tmp_path: Path,
    make: Callable[[sqlite3.Connection], None],
    refusal: type[SchemaRefused],
) -> None:
    """A newer bot's file or another application's is refused before anything is written:
    no WAL switch, no migration, the same bytes and no journal files left beside it."""
    path = tmp_path / "theirs.sqlite3"
    with sqlite3.connect(path) as raw:
        make(raw)
    raw.close()
    before = path.read_bytes()
    with pytest.raises(refusal):
        await Storage.open(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["theirs.sqlite3"]  # noqa: ASYNC240


async def test_subscribe_twice_updates_one_row(storage: Storage) -> None:
    """Subscribing again changes the time and zone of the one row; it never duplicates."""
    first = await storage.subscribe(1, 8, 0, "America/Toronto", now=NOW, next_due=due_at(NOW))
    later = NOW + timedelta(hours=1)
    second = await storage.subscribe(1, 9, 30, "Asia/Shanghai", now=later, next_due=due_at(later))
    assert (second.hour, second.minute, second.tz) == (9, 30, "Asia/Shanghai")
    assert second.created_at == first.created_at
    assert second.updated_at > first.updated_at
    assert (await storage.stats()).active == 1


async def test_subscribe_passes_last_delivered_day_to_the_schedule(storage: Storage) -> None:
    """The next-due callback sees the day already delivered, inside the same transaction."""
    await storage.subscribe(5, 8, 0, "UTC", now=NOW, next_due=due_at(NOW))
    await claim(storage, (5, date(2026, 1, 12)))
    sent = Outcome(5, date(2026, 1, 12), "sent", NOW + timedelta(days=1), version=NOW)
    await storage.commit((), [sent], None, now=NOW)
    seen: list[date | None] = []

    def remember(last_day: date | None) -> datetime:
        seen.append(last_day)
        return NOW

    await storage.subscribe(5, 9, 0, "UTC", now=NOW, next_due=remember)
    assert seen == [date(2026, 1, 12)]


async def test_unsubscribe_keeps_zone_and_forget_removes_everything(
    storage: Storage, tmp_path: Path
) -> None:
    """Unsubscribe deactivates (zone kept for next time); forget deletes every row of the chat."""
    await storage.subscribe(7, 8, 0, "Europe/Paris", now=NOW, next_due=due_at(NOW))
    await claim(storage, (7, date(2026, 1, 12)))
    assert await storage.unsubscribe(7, now=NOW)
    assert not await storage.unsubscribe(7, now=NOW)
    kept = await storage.get(7)
    assert kept is not None
    assert not kept.active
    assert kept.tz == "Europe/Paris"
    assert kept.deactivated_reason == "unsubscribed"
    assert await storage.forget(7)
    assert await storage.get(7) is None
    with sqlite3.connect(tmp_path / "subs.sqlite3") as raw:
        assert raw.execute("SELECT count(*) FROM deliveries WHERE chat_id = 7").fetchone() == (0,)
    assert not await storage.forget(7)


async def test_claim_is_granted_once_per_chat_and_day(storage: Storage) -> None:
    """A (chat, local day) is claimed once; later claims for that day are refused."""
    day = date(2026, 1, 12)
    assert await claim(storage, (1, day), (2, day)) == {1, 2}
    assert await claim(storage, (1, day), (2, day + timedelta(days=1))) == {2}


async def test_recover_marks_interrupted_claims_failed(storage: Storage, tmp_path: Path) -> None:
    """Claims left pending by a crash become failed with a reason, and are not claimable again."""
    day = date(2026, 1, 12)
    await claim(storage, (1, day))
    assert await storage.recover() == 1
    with sqlite3.connect(tmp_path / "subs.sqlite3") as raw:
        status, reason = raw.execute("SELECT status, reason FROM deliveries").fetchone()
    assert status == "failed"
    assert "interrupted" in reason
    assert await claim(storage, (1, day)) == set()


async def test_due_streams_in_order_and_in_batches(storage: Storage) -> None:
    """Due rows come oldest first, in batches of the asked size; inactive and future rows never."""
    for chat in range(10):
        moment = NOW - timedelta(minutes=chat % 4)
        await storage.subscribe(chat, 8, 0, "UTC", now=NOW, next_due=due_at(moment))
    await storage.subscribe(99, 8, 0, "UTC", now=NOW, next_due=due_at(NOW + timedelta(hours=1)))
    await storage.unsubscribe(3, now=NOW)
    batches = [batch async for batch in storage.due(NOW, batch=4)]
    assert [len(b) for b in batches] == [4, 4, 1]
    keys = [(s.next_due_utc, s.chat_id) for b in batches for s in b]
    assert keys == sorted(keys)
    assert {s.chat_id for b in batches for s in b} == set(range(10)) - {3}


async def test_record_advances_and_deactivates(storage: Storage) -> None:
    """Recording outcomes advances next-due, stores the version, and deactivates gone chats."""
    day = date(2026, 1, 12)
    for chat in (1, 2):
        await storage.subscribe(chat, 8, 0, "UTC", now=NOW, next_due=due_at(NOW))
    await claim(storage, (1, day), (2, day))
    tomorrow = NOW + timedelta(days=1)
    await storage.commit(
        (),
        [
            Outcome(1, day, "sent", tomorrow, attempts=1, version=NOW),
            Outcome(2, day, "failed", tomorrow, reason="Forbidden: blocked", deactivate=True),
        ],
        None,
        now=NOW,
    )
    one, two = await storage.get(1), await storage.get(2)
    assert one is not None
    assert two is not None
    assert (one.next_due_utc, one.last_version, one.last_local_day) == (tomorrow, NOW, day)
    assert not two.active
    assert two.deactivated_reason == "Forbidden: blocked"
    assert two.last_local_day is None
    stats = await storage.stats()
    assert (stats.active, stats.inactive) == (1, 1)


async def test_set_active_reactivates_with_a_new_due_time(storage: Storage) -> None:
    """Reactivation clears the reason and takes the due time the caller computes."""
    await storage.subscribe(4, 8, 0, "UTC", now=NOW, next_due=due_at(NOW))
    await storage.set_active(4, False, now=NOW, reason="Forbidden: blocked")
    later = NOW + timedelta(days=2)
    back = await storage.set_active(4, True, now=NOW, next_due=lambda _sub: later)
    assert back is not None
    assert back.active
    assert back.deactivated_reason is None
    assert back.next_due_utc == later
    assert await storage.set_active(404, True, now=NOW) is None


async def test_a_version_1_database_is_migrated_with_its_last_send(tmp_path: Path) -> None:
    """Opening a schema-1 file adds the zone and instant of each chat's last briefing."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as raw:
        for statement in MIGRATIONS[0]:
            raw.execute(statement)
        raw.execute("PRAGMA user_version = 1")
        raw.execute(
            "INSERT INTO subscriptions VALUES (1, 8, 0, 'Asia/Shanghai', 1, ?, ?, 0, NULL,"
            " '2026-03-10', NULL)",
            (NOW.isoformat(), NOW.isoformat()),
        )
        raw.execute(
            "INSERT INTO deliveries VALUES (1, '2026-03-10', 'sent', 1, NULL,"
            " '2026-03-10T00:00:05.250000+00:00')"
        )
    store = await Storage.open(path)
    moved = await store.subscribe(1, 8, 0, "America/Toronto", now=NOW, next_due=due_at(NOW))
    await store.close()
    assert _version(path) == SCHEMA_VERSION
    with sqlite3.connect(path) as raw:
        row = raw.execute("SELECT last_tz, last_sent_utc FROM subscriptions").fetchone()
    assert row == ("Asia/Shanghai", int(datetime(2026, 3, 10, 0, 0, 5, tzinfo=UTC).timestamp()))
    assert moved.last_local_day == date(2026, 3, 9)  # 00:00 UTC is still 9 Mar in Toronto


def _version(path: Path) -> int:
    with sqlite3.connect(path) as raw:
        return int(raw.execute("PRAGMA user_version").fetchone()[0])
