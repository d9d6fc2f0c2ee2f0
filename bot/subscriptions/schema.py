"""The SQLite schema as data: versioned migrations and the hot queries, read by the storage.

Kept apart so the storage module stays about behaviour; only bot.subscriptions.storage runs these.
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
    (
        # Once per local day across a zone change: the last delivered day keeps its zone and
        # instant (schedule.last_day_in), and each log row when it was written, so a
        # claim can tell an old zone's row from today's (CLAIM_AGAIN).
        "ALTER TABLE subscriptions ADD COLUMN last_sent_utc INTEGER",
        "ALTER TABLE subscriptions ADD COLUMN last_tz TEXT",
        "ALTER TABLE deliveries ADD COLUMN logged_at INTEGER",
        "UPDATE deliveries SET logged_at = CAST(strftime('%s', sent_at) AS INTEGER)"
        " WHERE sent_at IS NOT NULL",
        "UPDATE subscriptions SET last_tz = tz, last_sent_utc = (SELECT max(d.logged_at)"
        " FROM deliveries AS d WHERE d.chat_id = subscriptions.chat_id AND d.status = 'sent')"
        " WHERE last_local_day IS NOT NULL",
    ),
    (
        # Alerts ("New in the story"), apart from the daily: a chat may have either or both.
        # Versions are store versions in microseconds since the epoch. `seen_version`: what
        # the chat's last alert (or /alerts on) covered, so the next one lists what changed
        # after it; `handled_version`: the newest version a run has dealt with for the chat,
        # whatever the outcome, so the due query finds chats behind the store's version.
        """CREATE TABLE alerts (
            chat_id INTEGER PRIMARY KEY,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            seen_version INTEGER NOT NULL,
            handled_version INTEGER NOT NULL,
            deactivated_reason TEXT
        )""",
        "CREATE INDEX alerts_due ON alerts (handled_version, chat_id) WHERE active = 1",
        # Once per (chat, store version): claimed before the send, like the daily's day.
        """CREATE TABLE alert_log (
            chat_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            reason TEXT,
            logged_at INTEGER NOT NULL,
            PRIMARY KEY (chat_id, version)
        ) WITHOUT ROWID""",
    ),
    (
        # A run's row is written with its first commit and finished at its end; a run the
        # process died in is marked interrupted at the next start (Storage.recover).
        "ALTER TABLE runs ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0",
    ),
    (
        # A chat's language (bot.subscriptions.languages): `chosen` = 1 once someone picked it
        # with /language; 0 while it only follows the Telegram language of whoever last
        # subscribed or turned alerts on, so the daily has a language before any choice.
        """CREATE TABLE chat_languages (
            chat_id INTEGER PRIMARY KEY,
            lang TEXT NOT NULL,
            chosen INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1)),
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = frozenset({"subscriptions", "deliveries", "runs"})


class SchemaRefused(Exception):
    """A file this bot must not touch: it is left exactly as it was found."""


class SchemaTooNew(SchemaRefused):
    """The file was migrated by a newer bot; this one would misread it, so it stops."""

    def __init__(self, found: int) -> None:
        super().__init__(f"schema version {found}, this bot knows up to {SCHEMA_VERSION}")
        self.found = found


class ForeignSchema(SchemaRefused):
    """The file holds another application's tables; migrating would write into its data."""

    def __init__(self, tables: list[str]) -> None:
        shown = ", ".join(tables[:3]) + (", ..." if len(tables) > 3 else "")
        super().__init__(f"it holds other tables: {shown}")
        self.tables = tables


DUE = (
    "SELECT * FROM subscriptions WHERE active = 1 AND next_due_utc <= ?"
    " AND (next_due_utc, chat_id) > (?, ?) ORDER BY next_due_utc, chat_id LIMIT ?"
)
# Claims: [chat, local day, the day's start (epoch), now (epoch)] as JSON.
CLAIM = (
    "INSERT INTO deliveries (chat_id, local_day, status, attempts, logged_at)"
    " SELECT j.value ->> 0, j.value ->> 1, 'pending', 0, j.value ->> 3 FROM json_each(?) AS j"
    " WHERE true ON CONFLICT DO NOTHING RETURNING chat_id"
)
# A row for that date written before the day began (in the chat's zone now) is another
# zone's day: the chat changed zone since. Claimed over; a pending one never is.
CLAIM_AGAIN = (
    "UPDATE deliveries SET status = 'pending', attempts = 0, reason = NULL, sent_at = NULL,"
    " logged_at = j.value ->> 3 FROM json_each(?) AS j"
    " WHERE deliveries.chat_id = j.value ->> 0 AND deliveries.local_day = j.value ->> 1"
    " AND deliveries.logged_at < j.value ->> 2 AND deliveries.status <> 'pending'"
    " RETURNING deliveries.chat_id"
)
# Outcomes: a log row only while the subscription exists (a /forget during the send wins).
RECORD_LOG = (
    "INSERT INTO deliveries (chat_id, local_day, status, attempts, reason, sent_at, logged_at)"
    " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS"
    " (SELECT 1 FROM subscriptions WHERE chat_id = ?1)"
    " ON CONFLICT (chat_id, local_day) DO UPDATE SET status = excluded.status,"
    " attempts = excluded.attempts, reason = excluded.reason, sent_at = excluded.sent_at"
)
# The due time only moves if nobody changed the subscription meanwhile: a /subscribe during
# the send already computed its own (and the log guards the day).
RECORD_SUBSCRIPTION = (
    "UPDATE subscriptions SET next_due_utc = CASE WHEN ?1 IS NULL OR updated_at = ?1"
    " THEN ?2 ELSE next_due_utc END, last_version = coalesce(?3, last_version),"
    " last_local_day = coalesce(?4, last_local_day), last_tz = coalesce(?5, last_tz),"
    " last_sent_utc = coalesce(?6, last_sent_utc), active = active AND NOT ?7,"
    " deactivated_reason = coalesce(?8, deactivated_reason) WHERE chat_id = ?9"
)

# Runs: named parameters from Run.row(); the last finished (or interrupted) run for /stats.
INSERT_RUN = (
    "INSERT INTO runs (kind, started_at, finished_at, due, sent, failed, deactivated, deferred)"
    " VALUES (:kind, :started_at, :finished_at, :due, :sent, :failed, :deactivated, :deferred)"
)
UPDATE_RUN = (
    "UPDATE runs SET finished_at = :finished_at, due = :due, sent = :sent, failed = :failed,"
    " deactivated = :deactivated, deferred = :deferred WHERE id = :id"
)
LAST_RUN = (
    "SELECT id, kind, started_at, finished_at, due, sent, failed, deactivated, deferred,"
    " interrupted FROM runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1"
)
RECOVER_DELIVERIES = (
    "UPDATE deliveries SET status = 'failed',"
    " reason = 'interrupted: the bot stopped mid-send; not resent' WHERE status = 'pending'"
)
# The pending claims were the newest unfinished run's: they count as its failures.
RECOVER_RUNS = (
    "UPDATE runs SET interrupted = 1, finished_at = :now, failed = failed + CASE WHEN id ="
    " (SELECT max(id) FROM runs WHERE finished_at IS NULL) THEN :failed ELSE 0 END"
    " WHERE finished_at IS NULL"
)
