"""Settings: one frozen object built from the environment and `.env`, validated at start-up.

Why validate everything up front: a bot that starts with a malformed setting fails later,
far from the cause. Each problem stops start-up with one line naming the variable, never
pydantic's report of several lines. Secrets (the token, the webhook secret) are SecretStr:
out of repr() and out of every message.

pydantic-settings reads the variables, one section per prefix as in python-discord's
`EnvConfig`: TELEGRAM_ for the Bot API, BRIEFBOT_ for the bot (bot.settings_fields). Each
field parses the raw text itself, so the messages are ours; unset fields take the defaults
of `Settings`. `.env` is read with python-dotenv's parser, which keeps line numbers.
"""

from __future__ import annotations

import difflib
import io
import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dotenv.parser import parse_stream
from pydantic import SecretStr

from bot.settings_fields import SECTIONS, ConfigError

_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_OURS = ("BRIEFBOT_", "TELEGRAM_")
log = logging.getLogger(__name__)
VARIABLES = tuple(name for section in SECTIONS for name in section.variables())
__all__ = ["VARIABLES", "ConfigError", "Settings", "load_settings", "read_dotenv"]


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the bot reads from its environment; secrets are SecretStr."""

    token: SecretStr | None = None
    api_base_url: str = "https://api.telegram.org"
    db_path: Path = Path("briefbot.sqlite3")
    admins: frozenset[int] = frozenset()
    timezone: str = "America/Toronto"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = field(default=None, repr=False)
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
        return self.token.get_secret_value()

    def secrets(self) -> tuple[str, ...]:
        """The secrets' text, for log redaction (bot.logs.protect) and nothing else."""
        found = (self.token, self.webhook_secret)
        return tuple(secret.get_secret_value() for secret in found if secret is not None)


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
) -> Settings:
    """Settings from `.env` overlaid by the environment (the environment wins)."""
    merged = read_dotenv(dotenv) if dotenv is not None else {}
    merged.update(os.environ if environ is None else environ)
    for line in unknown_names(merged):
        log.warning("%s", line)
    ours = {name: merged[name].strip() for name in VARIABLES if merged.get(name, "").strip()}
    values: dict[str, Any] = {}
    for section in SECTIONS:
        values.update(section.read(ours))
    return Settings(**values)


def read_dotenv(path: Path) -> dict[str, str]:
    """KEY=VALUE lines, `#` comments, optional `export ` and quotes; a missing file is empty.

    python-dotenv's parser, as in shells: a quoted value may hold `#`, and a comment may
    follow its closing quote; an unquoted value ends at ` #`. A line it cannot read stops
    start-up with the file and line (python-dotenv itself would log it and go on).
    """
    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    for binding in parse_stream(io.StringIO(path.read_text(encoding="utf-8"))):
        text = binding.original.string
        number = binding.original.line + len(text) - len(text.lstrip("\n"))
        key, value = binding.key, binding.value
        if binding.error or (key is not None and (value is None or not _KEY.match(key))):
            raise ConfigError(f"{path}:{number}: {_why(text)}")
        if key is not None and value is not None:
            values[key] = value
    return values


def _why(line: str) -> str:
    """What is wrong with a .env line python-dotenv could not read."""
    name, sep, _ = line.strip().removeprefix("export ").partition("=")
    if sep and _KEY.match(name.strip()):
        return f"{name.strip()}: a quote is not closed, or text follows it"
    return "expected KEY=VALUE"


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
