"""Settings: one frozen object built from the environment and `.env`, validated at start-up.

Why validate everything up front: a bot that starts with a malformed setting fails later,
far from the cause. Each problem stops start-up with one line naming the variable. Secrets
(the token, the webhook secret) are kept out of repr() and out of every message.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_T = TypeVar("_T")
_TOKEN = re.compile(r"^[0-9]{1,20}:[A-Za-z0-9_-]{1,200}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_OURS = ("BRIEFBOT_", "TELEGRAM_")
log = logging.getLogger(__name__)

VARIABLES = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_BASE_URL",
    "BRIEFBOT_DB",
    "BRIEFBOT_ADMINS",
    "BRIEFBOT_TIMEZONE",
    "BRIEFBOT_WEBHOOK_URL",
    "BRIEFBOT_WEBHOOK_SECRET",
    "BRIEFBOT_WEBHOOK_PORT",
    "BRIEFBOT_WEBHOOK_LISTEN",
    "BRIEFBOT_STORE_DIR",
    "BRIEFBOT_FLOOD_LIMIT",
    "BRIEFBOT_GRACE_HOURS",
    "BRIEFBOT_BROADCAST_RATE",
    "BRIEFBOT_CHAT_RATE",
)


class ConfigError(Exception):
    """A setting is missing or malformed; str() is one line naming the variable."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the bot reads from its environment; secrets are excluded from repr."""

    token: str | None = field(default=None, repr=False)
    api_base_url: str = "https://api.telegram.org"
    db_path: Path = Path("briefbot.sqlite3")
    admins: frozenset[int] = frozenset()
    timezone: str = "America/Toronto"
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_port: int = 8443
    webhook_listen: str = "0.0.0.0"  # noqa: S104 - a webhook must listen beyond loopback
    store_dir: Path | None = None
    flood_limit: int = 20
    grace_hours: float = 3.0
    broadcast_rate: float = 30.0
    chat_rate: float = 1.0

    def require_token(self) -> str:
        """The token, or ConfigError saying how to provide one (never what it was)."""
        if self.token is None:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN: not set; put the token from @BotFather in the environment "
                "or .env (or run `python -m bot console` to chat offline)"
            )
        return self.token


def read_dotenv(path: Path) -> dict[str, str]:
    """KEY=VALUE lines, `#` comments, optional `export ` and quotes; a missing file is empty.

    As in shells and python-dotenv: a quoted value may hold `#`, and a comment may follow
    its closing quote; an unquoted value ends at ` #`.
    """
    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.removeprefix("export ").partition("=")
        key = key.strip()
        if not sep or not _KEY.match(key):
            raise ConfigError(f"{path}:{number}: expected KEY=VALUE")
        parsed = _dotenv_value(value.strip())
        if parsed is None:
            raise ConfigError(f"{path}:{number}: {key}: a quote is not closed, or text follows it")
        values[key] = parsed
    return values


def _dotenv_value(value: str) -> str | None:
    """The value of one .env line; None when a quote is left open or junk follows it."""
    if value[:1] in ("'", '"'):
        end = value.find(value[0], 1)
        if end < 0:
            return None
        rest = value[end + 1 :].strip()
        return value[1:end] if not rest or rest.startswith("#") else None
    if value.startswith("#"):
        return ""
    return re.split(r"\s#", value, maxsplit=1)[0].rstrip()


def unknown_names(names: Iterable[str]) -> list[str]:
    """One line for each name that looks like a setting but is not one, with the closest.

    Any unknown BRIEFBOT_ name is ours and a typo; TELEGRAM_ names are shared with other
    tools (a local Bot API server reads TELEGRAM_API_ID), so only near misses count there.
    """
    lines = []
    for name in sorted(set(names)):
        if not name.startswith(_OURS) or name in VARIABLES:
            continue
        close = difflib.get_close_matches(name, VARIABLES, n=1, cutoff=0.8)
        if not close and name.startswith("TELEGRAM_"):
            continue
        hint = f"; did you mean {close[0]}?" if close else "; .env.example lists every setting"
        lines.append(f"{name}: not a setting the bot reads, ignored{hint}")
    return lines


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
) -> Settings:
    """Settings from `.env` overlaid by the environment (the environment wins)."""
    merged = read_dotenv(dotenv) if dotenv is not None else {}
    merged.update(os.environ if environ is None else environ)
    for line in unknown_names(merged):
        log.warning("%s", line)
    raw = {name: merged[name].strip() for name in VARIABLES if merged.get(name, "").strip()}
    defaults = Settings()

    def get(name: str, parse: Callable[[str, str], _T], default: _T) -> _T:
        return parse(name, raw[name]) if name in raw else default

    webhook_url = get("BRIEFBOT_WEBHOOK_URL", _https_url, None)
    return Settings(
        token=get("TELEGRAM_BOT_TOKEN", _token, None),
        api_base_url=get("TELEGRAM_API_BASE_URL", _http_url, defaults.api_base_url),
        db_path=get("BRIEFBOT_DB", _path, defaults.db_path),
        admins=get("BRIEFBOT_ADMINS", _ids, defaults.admins),
        timezone=get("BRIEFBOT_TIMEZONE", _zone, defaults.timezone),
        webhook_url=webhook_url,
        webhook_secret=get("BRIEFBOT_WEBHOOK_SECRET", _secret, None),
        webhook_port=get("BRIEFBOT_WEBHOOK_PORT", _port, defaults.webhook_port),
        webhook_listen=get("BRIEFBOT_WEBHOOK_LISTEN", _host, defaults.webhook_listen),
        store_dir=get("BRIEFBOT_STORE_DIR", _path, None),
        flood_limit=get("BRIEFBOT_FLOOD_LIMIT", _positive_int, defaults.flood_limit),
        grace_hours=get("BRIEFBOT_GRACE_HOURS", _GRACE, defaults.grace_hours),
        broadcast_rate=get("BRIEFBOT_BROADCAST_RATE", _BROADCAST, defaults.broadcast_rate),
        chat_rate=get("BRIEFBOT_CHAT_RATE", _CHAT, defaults.chat_rate),
    )


def _fail(name: str, expected: str, got: str | None) -> ConfigError:
    shown = "" if got is None else f", got {got[:60]!r}"
    return ConfigError(f"{name}: expected {expected}{shown}")


def _token(name: str, value: str) -> str:
    if not _TOKEN.match(value):
        # Never echo the value: a near-miss token is still a secret.
        raise _fail(name, "the token from @BotFather, like 123456:ABC-def...", None)
    return value


def _secret(name: str, value: str) -> str:
    if not _SECRET.match(value):
        raise _fail(name, "1-256 characters from A-Z, a-z, 0-9, _ and -", None)
    return value


def _http_url(name: str, value: str) -> str:
    """The Bot API root: the bot appends /bot<token>/<method>, so nothing may follow it."""
    expected = "an http(s) server root like https://api.telegram.org"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise _fail(name, expected + " (with a port from 1 to 65535)", None) from None
    if parts.username is not None or parts.password is not None:
        raise _fail(name, expected + ", without user:password@", None)  # never echo a password
    # Anywhere in the path, not only at its end: /bot<token>/... holds a secret, never echoed.
    if any(segment.lower().startswith("bot") for segment in parts.path.split("/")):
        raise _fail(name, expected + " without /bot (the bot adds /bot<token> itself)", None)
    if parts.scheme not in ("http", "https") or not parts.hostname or port == 0:
        raise _fail(name, expected, value)
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise _fail(name, expected + ", without ?query or #fragment", value)
    return value.rstrip("/")


def _https_url(name: str, value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc:
        raise _fail(
            name, "an https URL Telegram can reach, like https://bot.example.org/hook", value
        )
    return value


def _path(name: str, value: str) -> Path:
    return Path(value).expanduser()


def _ids(name: str, value: str) -> frozenset[int]:
    items = [item.strip() for item in value.split(",") if item.strip()]
    # Commas and no id (",,,") is a mistake, not "no admins": the operator meant someone.
    if not items or not all(re.fullmatch(r"-?[0-9]{1,20}", item) for item in items):
        raise _fail(name, "comma-separated Telegram user ids", value)
    return frozenset(int(item) for item in items)


def _zone(name: str, value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(name, "an IANA time zone like America/Toronto", value) from None
    return value


def _port(name: str, value: str) -> int:
    number = _positive_int(name, value)
    if number > 65535:
        raise _fail(name, "a TCP port from 1 to 65535", value)
    return number


def _host(name: str, value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9.:\-\[\]]+", value):
        raise _fail(name, "an address to listen on, like 0.0.0.0 or 127.0.0.1", value)
    return value


def _positive_int(name: str, value: str) -> int:
    if not re.fullmatch(r"[0-9]{1,9}", value) or int(value) == 0:
        raise _fail(name, "a whole number above 0", value)
    return int(value)


def _number(name: str, value: str, expected: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise _fail(name, expected, value) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise _fail(name, expected, value)
    return number


def _between(low: float, high: float, unit: str) -> Callable[[str, str], float]:
    """A parser for a number from `low` to `high`: beyond a sane range a typo (1e12 hours,
    a rate of 1e-300 a second) would overflow a date or a sleep long after start-up."""
    expected = f"a number of {unit} from {low:g} to {high:g}"

    def parse(name: str, value: str) -> float:
        number = _number(name, value, expected)
        if not low <= number <= high:
            raise _fail(name, expected, value)
        return number

    return parse


_GRACE = _between(0, 168, "hours")  # a week: a longer outage is not worth catching up on
_BROADCAST = _between(0.01, 10_000, "messages a second")  # Telegram's paid cap is 1,000
_CHAT = _between(0.01, 100, "messages a second")
