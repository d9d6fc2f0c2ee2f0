"""Languages: Telegram codes map to the bot's languages, each with its own environment."""

from datetime import UTC, date, datetime

import pytest

from briefs.formats import day, number
from briefs.i18n import DEFAULT, LANGUAGES, language_for
from briefs.model import Precision
from briefs.render import Renderer
from briefs.templating import environment, label
from tests.support.store import fixture_store

NOW = datetime(2026, 1, 15, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("fr", "fr"),
        ("fr-CA", "fr"),
        ("fr_FR", "fr"),
        ("FR-ca", "fr"),
        ("en", "en"),
        ("en-GB", "en"),
        ("de", "en"),
        ("", "en"),
        (None, "en"),
        ("frisian", "en"),
    ],
)
def test_language_for_reads_the_primary_subtag(code, expected):
    """Any French variant picks French; any other or no code picks the default, English."""
    assert language_for(code) == expected
    assert language_for(code) in LANGUAGES


def test_each_language_has_its_own_cached_environment():
    """Asking twice for a language gives the same environment; languages do not share one."""
    assert environment("fr") is environment("fr")
    assert environment("fr") is not environment("en")
    assert environment() is environment(DEFAULT)
    assert environment("fr").globals["lang"] == "fr"


def test_unknown_language_is_refused():
    """A language the bot does not speak is a programming error, not a silent English render."""
    with pytest.raises(ValueError, match="unknown language"):
        environment("de")
    with pytest.raises(ValueError, match="unknown language"):
        label("summary", "de")


@pytest.mark.parametrize(
    ("lang", "precision", "expected"),
    [
        ("en", Precision.DAY, "Fri 16 Jan 2026"),
        ("fr", Precision.DAY, "ven. 16 janv. 2026"),
        ("en", Precision.MONTH, "Jan 2026"),
        ("fr", Precision.MONTH, "janv. 2026"),
        ("fr", Precision.YEAR, "2026"),
    ],
)
def test_dates_follow_the_language(lang, precision, expected):
    """Babel writes dates in the language's own words and order."""
    assert day(date(2026, 1, 16), precision, lang) == expected


def test_numbers_group_digits_per_language():
    """English groups thousands with a comma, French with a no-break space."""
    assert number(1234, "en") == "1,234"
    assert number(1234, "fr").replace("\u202f", " ").replace("\xa0", " ") == "1 234"


def test_the_day_filter_uses_the_environments_language():
    """A template rendered in French gets French dates without being told the language."""
    source = "{{ d|day }}"
    assert environment("en").from_string(source).render(d=date(2026, 1, 16)) == "Fri 16 Jan 2026"
    assert environment("fr").from_string(source).render(d=date(2026, 1, 16)) == (
        "ven. 16 janv. 2026"
    )


def test_every_renderer_method_takes_the_language():
    """Sections, pages, daily, alerts, answers, search, messages and labels all render in French."""
    renderer = Renderer(fixture_store())
    since = datetime(2026, 1, 10, tzinfo=UTC)
    outputs = [
        *renderer.section("timeline", now=NOW, lang="fr"),
        renderer.page("quotes", 1, now=NOW, lang="fr").text,
        *renderer.daily(since, now=NOW, lang="fr"),
        *renderer.alert(since, now=NOW, lang="fr"),
        renderer.answer("when does Carney meet Xi?", lang="fr") or "",
        *(hit.text for hit in renderer.search("tariffs", lang="fr")),
        renderer.message("reload_ok", lang="fr", facts=3, articles=2, version=NOW),
        renderer.label("summary", lang="fr"),
    ]
    assert all(outputs)
    dated = [text for text in outputs if "janv." in text]
    assert len(dated) >= 4
    assert not any("janv." in text for text in renderer.section("timeline", now=NOW))
