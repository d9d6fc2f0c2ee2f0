"""The SQLite schema as data: versioned migrations and the hot queries, read by bot.storage.

Kept apart so the storage module stays about behaviour; only bot.storage runs these.
A new schema version is a new tuple appended to MIGRATIONS, never an edit of an old one:
PRAGMA user_version records how many have been applied.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE subscriptions (
            chat_id INTEGER PRIMARY KEY,
            hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
            minute INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 59),
            tz TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            next_due_utc INTEGER NOT NULL,
            last_version TEXT,
            last_local_day TEXT,
            deactivated_reason TEXT
        )""",
        # Partial index: only active rows are ever due, and the due query names active = 1.
        "CREATE INDEX subscriptions_due ON subscriptions (next_due_utc) WHERE active = 1",
        """CREATE TABLE deliveries (
            chat_id INTEGER NOT NULL,
            local_day TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'missed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            reason TEXT,
            sent_at TEXT,
            PRIMARY KEY (chat_id, local_day)
        ) WITHOUT ROWID""",
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            due INTEGER NOT NULL DEFAULT 0,
            sent INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            deactivated INTEGER NOT NULL DEFAULT 0,
            deferred INTEGER NOT NULL DEFAULT 0
        )""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
DUE = (
    "SELECT * FROM subscriptions WHERE active = 1 AND next_due_utc <= ?"
    " AND (next_due_utc, chat_id) > (?, ?) ORDER BY next_due_utc, chat_id LIMIT ?"
)
CLAIM = (
    "INSERT INTO deliveries (chat_id, local_day, status, attempts)"
    " SELECT j.value ->> 0, j.value ->> 1, 'pending', 0 FROM json_each(?) AS j WHERE true"
    " ON CONFLICT DO NOTHING RETURNING chat_id"
)
