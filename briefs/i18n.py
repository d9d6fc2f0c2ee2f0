"""The languages the bot speaks, and how a Telegram language code picks one.

Every text a reader sees is written in English in briefs/templates and translated through
the message catalogs in briefs/locale (see briefs/translations.py); this module only names
the languages, so the bot and the renderer agree on them without importing Jinja or Babel.
"""

from __future__ import annotations

LANGUAGES = ("en", "fr")
DEFAULT = "en"

LOCALES = {"en": "en", "fr": "fr_CA"}
"""The Babel locale that formats each language's dates and numbers: Canadian French."""

QUOTES = {"en": ("“", "”"), "fr": ("«\u00a0", "\u00a0»")}
"""Each language's quotation marks; French keeps a no-break space inside its guillemets."""


def language_for(code: str | None) -> str:
    """The language for a Telegram `language_code`: "fr", "fr-CA", "fr_FR" -> "fr"; else "en"."""
    if not code:
        return DEFAULT
    primary = code.replace("_", "-").split("-", 1)[0].strip().lower()
    return primary if primary in LANGUAGES else DEFAULT


def checked(lang: str) -> str:
    """`lang` itself when the bot speaks it; anything else is a programming error."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; languages are {LANGUAGES}")
    return lang
