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

Every update asks for the chat's choice, and a database read per update would cost more
than the rest of a reply, so the Runtime's instance reads every choice into memory at
start-up (`load`) and keeps that copy in step: choices change only through it, /forget drops
one (`drop`), a group's migration re-reads both ids (`refresh`). Only chats that chose are
held, one small entry each.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from bot.subscriptions.records import iso
from bot.subscriptions.storage import Storage
from briefs.i18n import LANGUAGES

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
    """Chat languages on a Storage's connection; the Runtime's instance holds the choices."""

    _chosen: dict[int, str]

    @classmethod
    def of(cls, storage: Storage) -> Languages:
        """The languages of `storage`, sharing its connection and its lock."""
        languages = cls(storage._db)
        languages._lock = storage._lock
        languages._chosen = {}
        return languages

    async def load(self) -> None:
        """Read every chosen language into memory (once, at start-up)."""
        sql = "SELECT chat_id, lang FROM chat_languages WHERE chosen = 1"
        async with self._lock, self._db.execute(sql) as cursor:
            rows = await cursor.fetchall()
        self._chosen = {int(chat): lang for chat, lang in rows if known(lang)}

    def chosen(self, chat_id: int) -> str | None:
        """The language /language chose for the chat, None when nobody chose one (from
        memory: see `load`)."""
        return self._chosen.get(chat_id)

    async def choose(self, chat_id: int, lang: str, *, now: datetime) -> None:
        """Store the chat's choice; committed when this returns."""
        await self._set(chat_id, lang, chosen=True, now=now)
        self._chosen[chat_id] = lang

    async def remember(self, chat_id: int, lang: str, *, now: datetime) -> None:
        """The language delivery uses until someone chooses (a choice is left as it is)."""
        await self._set(chat_id, lang, chosen=False, now=now)

    async def stored(self, chat_ids: Iterable[int]) -> dict[int, str]:
        """Each chat's stored language, chosen or remembered (one query for a delivery batch);
        chats with none are left out."""
        async with self._lock, self._db.execute(_OF_CHATS, (json.dumps(list(chat_ids)),)) as c:
            rows = await c.fetchall()
        return {int(chat): lang for chat, lang in rows if known(lang)}

    def drop(self, chat_id: int) -> None:
        """Forget a choice whose row /forget deleted."""
        self._chosen.pop(chat_id, None)

    async def refresh(self, *chat_ids: int) -> None:
        """Read these chats' choices again (a group's migration moved its row)."""
        sql = "SELECT lang FROM chat_languages WHERE chat_id = ? AND chosen = 1"
        for chat_id in chat_ids:
            async with self._lock, self._db.execute(sql, (chat_id,)) as cursor:
                row = await cursor.fetchone()
            if row is not None and (lang := known(row[0])) is not None:
                self._chosen[chat_id] = lang
            else:
                self._chosen.pop(chat_id, None)

    async def _set(self, chat_id: int, lang: str, *, chosen: bool, now: datetime) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"not a language this bot speaks: {lang!r}")
        async with self._transaction() as db:
            await db.execute(_SET, (chat_id, lang, int(chosen), iso(now)))
