"""The settings' sections and field parsers, read by pydantic-settings (see bot.config).

One BaseSettings class per prefix, as python-discord's `EnvConfig`: TELEGRAM_ (the token
and the Bot API server) and BRIEFBOT_ (everything else). A field is the raw text through
one of the parsers below, which say what they expected in words of ours; pydantic's own
error for the first failing field is turned into the one line ConfigError carries, and
the value is shown only for what is no secret.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any, ClassVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BeforeValidator, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)
from pydantic_settings.sources.utils import parse_env_vars

_TOKEN = re.compile(r"^[0-9]{1,20}:[A-Za-z0-9_-]{1,200}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class ConfigError(Exception):
    """A setting is missing or malformed; str() is one line naming the variable."""


class _Invalid(ValueError):
    """A parser's refusal: what it expected, and the value to show (None for a secret)."""

    def __init__(self, expected: str, shown: str | None) -> None:
        super().__init__(expected)
        self.expected = expected
        self.shown = shown


def _fail(expected: str, got: str | None) -> _Invalid:
    return _Invalid(expected, got)


def _token(value: str) -> str:
    if not _TOKEN.match(value):
        # Never echo the value: a near-miss token is still a secret.
        raise _fail("the token from @BotFather, like 123456:ABC-def...", None)
    return value


def _secret(value: str) -> str:
    if not _SECRET.match(value):
        raise _fail("1-256 characters from A-Z, a-z, 0-9, _ and -", None)
    return value


def _http_url(value: str) -> str:
    """The Bot API root: the bot appends /bot<token>/<method>, so nothing may follow it."""
    expected = "an http(s) server root like https://api.telegram.org"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise _fail(expected + " (with a port from 1 to 65535)", None) from None
    if parts.username is not None or parts.password is not None:
        raise _fail(expected + ", without user:password@", None)  # never echo a password
    # Anywhere in the path, not only at its end: /bot<token>/... holds a secret, never echoed.
    if any(segment.lower().startswith("bot") for segment in parts.path.split("/")):
        raise _fail(expected + " without /bot (the bot adds /bot<token> itself)", None)
    if parts.scheme not in ("http", "https") or not parts.hostname or port == 0:
        raise _fail(expected, value)
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise _fail(expected + ", without ?query or #fragment", value)
    return value.rstrip("/")


def _https_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc:
        raise _fail("an https URL Telegram can reach, like https://bot.example.org/hook", value)
    return value


def _path(value: str) -> Path:
    return Path(value).expanduser()


def _ids(value: str) -> frozenset[int]:
    items = [item.strip() for item in value.split(",") if item.strip()]
    # Commas and no id (",,,") is a mistake, not "no admins": the operator meant someone.
    if not items or not all(re.fullmatch(r"-?[0-9]{1,20}", item) for item in items):
        raise _fail("comma-separated Telegram user ids", value)
    return frozenset(int(item) for item in items)


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail("an IANA time zone like America/Toronto", value) from None
    return value


def _port(value: str) -> int:
    number = _positive_int(value)
    if number > 65535:
        raise _fail("a TCP port from 1 to 65535", value)
    return number


def _host(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9.:\-\[\]]+", value):
        raise _fail("an address to listen on, like 0.0.0.0 or 127.0.0.1", value)
    return value


def _positive_int(value: str) -> int:
    if not re.fullmatch(r"[0-9]{1,9}", value) or int(value) == 0:
        raise _fail("a whole number above 0", value)
    return int(value)


def _number(value: str, expected: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise _fail(expected, value) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise _fail(expected, value)
    return number


def _between(low: float, high: float, unit: str) -> Callable[[str], float]:
    """A parser for a number from `low` to `high`: beyond a sane range a typo (1e12 hours,
    a rate of 1e-300 a second) would overflow a date or a sleep long after start-up."""
    expected = f"a number of {unit} from {low:g} to {high:g}"

    def parse(value: str) -> float:
        number = _number(value, expected)
        if not low <= number <= high:
            raise _fail(expected, value)
        return number

    return parse


_GRACE = _between(0, 168, "hours")  # a week: a longer outage is not worth catching up on
_BROADCAST = _between(0.01, 10_000, "messages a second")  # Telegram's paid cap is 1,000
_CHAT = _between(0.01, 100, "messages a second")


def _parsed(parse: Callable[[str], Any]) -> BeforeValidator:
    """The raw text through `parse`; a value given already parsed is left as it is."""
    return BeforeValidator(lambda value: parse(value) if isinstance(value, str) else value)


def _secret_str(parse: Callable[[str], str]) -> Callable[[str], SecretStr]:
    return lambda value: SecretStr(parse(value))


class Section(BaseSettings):
    """Variables of one prefix, read from the mapping load_settings merged (never from
    os.environ behind its back). Every field is optional: unset means Settings' default."""

    model_config = SettingsConfigDict(frozen=True, extra="ignore", env_ignore_empty=True)
    RENAMED: ClassVar[dict[str, str]] = {}  # a field whose Settings name differs

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)

    @classmethod
    def variables(cls) -> tuple[str, ...]:
        """The variable names this section reads."""
        return tuple(cls._prefix() + name.upper() for name in cls.model_fields)

    @classmethod
    def read(cls, values: Mapping[str, str]) -> dict[str, Any]:
        """The variables set in `values`, parsed, under their Settings names."""
        try:
            section = cls(**_Given(cls, values)())
        except ValidationError as error:
            raise cls._one_line(error) from None
        return {cls.RENAMED.get(name, name): got for name, got in section if got is not None}

    @classmethod
    def _prefix(cls) -> str:
        return cls.model_config.get("env_prefix") or ""

    @classmethod
    def _one_line(cls, error: ValidationError) -> ConfigError:
        """The first problem as "VARIABLE: expected ..."; the value only if it is no secret."""
        first = error.errors(include_url=False, include_input=False)[0]
        name = cls._prefix() + str(first["loc"][0]).upper()
        cause = first.get("ctx", {}).get("error")
        if not isinstance(cause, _Invalid):
            return ConfigError(f"{name}: expected a valid value ({first['type']})")
        shown = "" if cause.shown is None else f", got {cause.shown[:60]!r}"
        return ConfigError(f"{name}: expected {cause.expected}{shown}")


class _Given(EnvSettingsSource):
    """pydantic-settings' environment source over the merged .env and environment."""

    def __init__(self, settings_cls: type[BaseSettings], values: Mapping[str, str]) -> None:
        self._given = values
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return parse_env_vars(self._given, self.case_sensitive, self.env_ignore_empty)


class Telegram(Section):
    """TELEGRAM_*: the token and the Bot API server."""

    model_config = SettingsConfigDict(env_prefix="TELEGRAM_")
    RENAMED: ClassVar[dict[str, str]] = {"bot_token": "token"}

    bot_token: Annotated[SecretStr | None, _parsed(_secret_str(_token))] = None
    api_base_url: Annotated[str | None, _parsed(_http_url)] = None


class Briefbot(Section):
    """BRIEFBOT_*: storage, admins, the default zone, the webhook, and the limits."""

    model_config = SettingsConfigDict(env_prefix="BRIEFBOT_")
    RENAMED: ClassVar[dict[str, str]] = {"db": "db_path"}

    db: Annotated[Path | None, _parsed(_path)] = None
    admins: Annotated[frozenset[int] | None, NoDecode, _parsed(_ids)] = None
    timezone: Annotated[str | None, _parsed(_zone)] = None
    webhook_url: Annotated[str | None, _parsed(_https_url)] = None
    webhook_secret: Annotated[SecretStr | None, _parsed(_secret_str(_secret))] = None
    webhook_listen: Annotated[str | None, _parsed(_host)] = None
    webhook_port: Annotated[int | None, _parsed(_port)] = None
    store_dir: Annotated[Path | None, _parsed(_path)] = None
    flood_limit: Annotated[int | None, _parsed(_positive_int)] = None
    grace_hours: Annotated[float | None, _parsed(_GRACE)] = None
    broadcast_rate: Annotated[float | None, _parsed(_BROADCAST)] = None
    chat_rate: Annotated[float | None, _parsed(_CHAT)] = None


SECTIONS: tuple[type[Section], ...] = (Telegram, Briefbot)
