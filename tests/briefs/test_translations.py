"""The message catalogs: every text the templates and labels use is translated, and compiled."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from briefs.i18n import DEFAULT, LANGUAGES
from briefs.templating import label, labels

BRIEFS = Path(__file__).resolve().parents[2] / "briefs"
LOCALE = BRIEFS / "locale"
TRANSLATED = [lang for lang in LANGUAGES if lang != DEFAULT]
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}|%%")


def _catalog(lang: str) -> Catalog:
    with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=lang)


def _extracted() -> dict[tuple[str | None, str], tuple[str, ...]]:
    """What `pybabel extract` finds in briefs/ today, by (context, msgid): its texts."""
    with (BRIEFS / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)  # type: ignore[no-untyped-call]
    found: dict[tuple[str | None, str], tuple[str, ...]] = {}
    for _file, _line, message, _comments, context in extract_from_dir(
        str(BRIEFS), method_map, options_map
    ):
        texts = (message,) if isinstance(message, str) else tuple(message)
        found[(context, texts[0])] = texts
    return found


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def _translations(message: Message) -> tuple[str, ...]:
    string = message.string
    if string is None:
        return ("",)
    return (string,) if isinstance(string, str) else tuple(string)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_compiled_catalog_matches_its_source(lang):
    """The committed .mo is what compiling the committed .po gives: `make messages` was run."""
    compiled = BytesIO()
    write_mo(compiled, _catalog(lang))
    committed = (LOCALE / lang / "LC_MESSAGES" / "messages.mo").read_bytes()
    assert compiled.getvalue() == committed, "run `make messages` and commit the .mo"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_text_has_a_translation_with_the_same_placeholders(lang):
    """Each text the templates and labels use is in the catalog, translated, not fuzzy, and
    its translation keeps every placeholder (in each plural form)."""
    catalog = _catalog(lang)
    extracted = _extracted()
    assert len(extracted) > 100
    problems = []
    for (context, msgid), texts in extracted.items():
        message = catalog.get(msgid if len(texts) == 1 else texts, context)
        if message is None or message.fuzzy or not all(_translations(message)):
            problems.append(f"untranslated: {context or ''} {msgid!r}")
            continue
        wanted = set(_placeholders(texts[-1]))
        for translation in _translations(message):
            found = set(_placeholders(translation))
            # a singular form may say "once" where the plural says "%(num)s times"
            if not wanted - {"%(num)s"} <= found <= wanted:
                problems.append(f"placeholders differ: {msgid!r} -> {translation!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_holds_no_text_the_templates_dropped(lang):
    """A text no template or label uses any more is not left behind in the catalog."""
    extracted = set(_extracted())
    stale = [(m.context, m.id) for m in _catalog(lang) if m.id and _key(m) not in extracted]
    assert not stale, f"run `make messages`: {stale}"


def _key(message: Message) -> tuple[str | None, str]:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return message.context, msgid


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plural_texts_have_every_form(lang):
    """A plural text has as many translated forms as the language's plural rule asks for."""
    catalog = _catalog(lang)
    plural = [m for m in catalog if m.pluralizable]
    assert plural
    for message in plural:
        assert len(_translations(message)) == catalog.num_plurals, message.id


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_label_reads_in_the_language(lang):
    """Every button label and command description comes out of the compiled catalog; only
    those spelt alike in both languages (the page counter, "Sources") read as in English."""
    same = {name for name in labels() if label(name, lang) == label(name)}
    assert same <= {"page", "sources"}


_MARKUP = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", re.S)
_WORD = re.compile(r"[^\W\d_]{2,}")


def test_templates_hold_no_text_outside_the_catalog():
    """Outside `{{ _(...) }}` and other tags, a template holds only markup, emoji, numbers
    and example commands (lines starting with "/"): every word a reader sees is translated."""
    stray = []
    for path in sorted((BRIEFS / "templates").rglob("*.html")):
        for line in _MARKUP.sub("", path.read_text("utf-8")).splitlines():
            if _WORD.search(line) and not line.lstrip().startswith("/"):
                stray.append(f"{path.relative_to(BRIEFS)}: {line.strip()}")
    assert not stray, "\n".join(stray)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_menu_and_profile_texts_fit_telegram_in_every_language(lang):
    """Every command description fits setMyCommands (3 to 256 characters) and the bot's
    description and short description fit theirs (512, 120), in each language."""
    for name in labels():
        if name.startswith("cmd_"):
            assert 3 <= len(label(name, lang)) <= 256, name
    assert len(label("bot_description", lang)) <= 512
    assert len(label("bot_short_description", lang)) <= 120
