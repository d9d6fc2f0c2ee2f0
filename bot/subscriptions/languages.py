"""Chat languages in SQLite: what /language chose, or what the daily should speak meanwhile.

Part of the storage (it runs on the Storage's one connection and lock, see
`Languages.of`), kept in its own module so bot.subscriptions.storage stays about the daily
briefing; its rows go with the chat on /forget and on a group's migration (storage.forget,
storage.migrate).

Two kinds of row, told apart by `chosen`:
- chosen: someone picked it with /language (in a group, an administrator). It applies to
  every reply in the chat and to what delivery sends there.
- remembered: nobody chose, so replies follow the Telegram language of whoever writes; but a
  daily briefing or alert has nobody writing, so subscribing (or turning alerts on) remembers
  the subscriber's language for delivery. A later remembered language replaces it; a choice
  is never replaced by one.

Every update asks for the chat's choice, so choices are cached in memory (a chat's row
changes only through this object, or is deleted by /forget, which calls `drop`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from bot.subscriptions.records import iso
from bot.subscriptions.storage import Storage
from briefs.i18n import LANGUAGES

CACHE_SIZE = 100_000

_SET = (
    "INSERT INTO chat_languages (chat_id, lang, chosen, updated_at) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (chat_id) DO UPDATE SET lang = excluded.lang, chosen = excluded.chosen,"
    " updated_at = excluded.updated_at WHERE excluded.chosen OR NOT chat_languages.chosen"
)
_OF_CHATS = (
    "SELECT chat_id, lang FROM chat_languages WHERE chat_id IN (SELECT value FROM json_each(?))"
)


def known(lang: str | None) -> str | None:
    """A stored language this bot can speak, or None (a row from a newer bot, say)."""
    return lang if lang in LANGUAGES else None


class Languages(Storage):
    """Chat languages on a Storage's connection; one instance (the Runtime's) keeps the cache."""

    _chosen: dict[int, str | None]

    @classmethod
    def of(cls, storage: Storage) -> Languages:
        """The languages of `storage`, sharing its connection and its lock."""
        languages = cls(storage._db)
        languages._lock = storage._lock
        languages._chosen = {}
        return languages

    async def chosen(self, chat_id: int) -> str | None:
        """The language /language chose for the chat, None when nobody chose one."""
        if chat_id in self._chosen:
            return self._chosen[chat_id]
        sql = "SELECT lang FROM chat_languages WHERE chat_id = ? AND chosen = 1"
        async with self._lock, self._db.execute(sql, (chat_id,)) as cursor:
            row = await cursor.fetchone()
        lang = known(row[0]) if row else None
        self._remember_in_cache(chat_id, lang)
        return lang

    async def choose(self, chat_id: int, lang: str, *, now: datetime) -> None:
        """Store the chat's choice; committed when this returns."""
        await self._set(chat_id, lang, chosen=True, now=now)
        self._remember_in_cache(chat_id, lang)

    async def remember(self, chat_id: int, lang: str, *, now: datetime) -> None:
        """The language delivery uses until someone chooses (a choice is left as it is)."""
        await self._set(chat_id, lang, chosen=False, now=now)

    async def stored(self, chat_ids: Iterable[int]) -> dict[int, str]:
        """Each chat's stored language, chosen or remembered (one query for a delivery batch);
        chats with none are left out."""
        async with self._lock, self._db.execute(_OF_CHATS, (json.dumps(list(chat_ids)),)) as c:
            rows = await c.fetchall()
        return {int(chat): lang for chat, lang in rows if known(lang)}

    def drop(self, *chat_ids: int) -> None:
        """Forget cached choices after their rows were deleted or moved (/forget, migration)."""
        for chat_id in chat_ids:
            self._chosen.pop(chat_id, None)

    async def _set(self, chat_id: int, lang: str, *, chosen: bool, now: datetime) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"not a language this bot speaks: {lang!r}")
        async with self._transaction() as db:
            await db.execute(_SET, (chat_id, lang, int(chosen), iso(now)))

    def _remember_in_cache(self, chat_id: int, lang: str | None) -> None:
        if len(self._chosen) >= CACHE_SIZE:
            self._chosen.clear()
        self._chosen[chat_id] = lang
