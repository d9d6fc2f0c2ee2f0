"""The compiled message catalogs, one per language, and the hook that extracts labels.

Templates and labels.yaml are written in English; English is the catalogs' source
language, so it needs no catalog and its plurals follow English rules. French reads
briefs/locale/fr/LC_MESSAGES/messages.mo (compiled from messages.po by `make messages`,
committed so the bot needs no build step). A message missing from a catalog falls back to
its English text, which the contract tests refuse.

Labels (buttons, command menu, the bot's profile) keep their English in
templates/labels.yaml; `extract_labels` feeds them to `pybabel extract` with the label's
name as the message context, so two labels that read alike in English may differ in French.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from typing import IO, Any

import yaml
from babel.support import NullTranslations, Translations

from briefs.i18n import DEFAULT, checked

DOMAIN = "messages"


def locale_dir() -> str:
    """briefs/locale, where each language's catalog lives under <lang>/LC_MESSAGES."""
    return str(files("briefs").joinpath("locale"))


@cache
def translations(lang: str) -> NullTranslations:
    """The catalog for `lang`, read once; English (the source language) has none."""
    if checked(lang) == DEFAULT:
        return NullTranslations()
    return Translations.load(locale_dir(), [lang], DOMAIN)


def extract_labels(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extractor for labels.yaml: each label as a message, its name as the context.

    Babel reads the tuple (context, text) as a `pgettext` call; the line number points the
    translator at the label in labels.yaml.
    """
    text = fileobj.read().decode("utf-8")
    raw = yaml.safe_load(text)
    lines = text.splitlines()
    for name, value in raw.items():
        number = next((i for i, ln in enumerate(lines, 1) if ln.startswith(f"{name}:")), 0)
        yield number, "pgettext", (name, value), []
