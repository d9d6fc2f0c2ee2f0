"""Every message and briefing renders in every language as valid Telegram HTML within limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from importlib.resources import files
from types import SimpleNamespace

import pytest

from briefs.i18n import LANGUAGES
from briefs.model import Side, Translation
from briefs.render import SECTIONS, Renderer, telegram_length
from briefs.render.telegram import LIMIT
from briefs.translations import translations
from tests.briefs.htmlcheck import assert_telegram_html, visible
from tests.support.store import fixture_store

NOW = datetime(2026, 1, 15, 9, tzinfo=UTC)
TORONTO = timezone(timedelta(hours=-5))
_RUN = SimpleNamespace(due=1234, sent=1230, failed=3, deactivated=1)
_LAST = SimpleNamespace(
    kind="daily",
    started_at="2026-01-15T13:00:05+00:00",
    finished_at="2026-01-15T13:00:09+00:00",
    due=2,
    sent=1,
    failed=0,
    deactivated=1,
    deferred=0,
    interrupted=False,
)
_VIEW = SimpleNamespace(
    subscription=SimpleNamespace(active=True, deactivated_reason=None),
    time="08:00",
    zone="America/Toronto",
    next=datetime(2026, 1, 16, 8, tzinfo=TORONTO),
)
_STOPPED = SimpleNamespace(
    subscription=SimpleNamespace(active=False, deactivated_reason="blocked"),
    time="08:00",
    zone="America/Toronto",
    next=datetime(2026, 1, 16, 8, tzinfo=TORONTO),
)
_OTHER = SimpleNamespace(name="London", country="CA", zone="America/Toronto")

# Each message template with the context its header documents; the richest case of each.
CONTEXTS: dict[str, list[dict[str, object]]] = {
    "admin_only": [{}],
    "alerts": [
        {"on": True, "changed": True, "asked": "on"},
        {"on": False, "changed": False, "asked": "off"},
        {"on": True, "changed": False, "asked": "<maybe>"},
        {"on": False, "changed": False, "asked": ""},
    ],
    "announce_busy": [{}],
    "announce_done": [
        {"run": _RUN},
        {"run": SimpleNamespace(due=1, sent=1, failed=0, deactivated=0)},
    ],
    "announce_too_long": [{"length": 5000, "limit": 4000}],
    "announce_usage": [{}],
    "announcement": [{"text": "<b>Hi</b> & bye"}],
    "console_intro": [{"username": "storybrief_bot"}],
    "error": [{}],
    "flood": [{"limit": 20}, {}],
    "language": [
        {"current": "français", "changed": True, "asked": ""},
        {"current": "English", "changed": False, "asked": "<klingon> &"},
        {"current": "English", "changed": False, "asked": ""},
    ],
    "help": [
        {
            "commands": [("summary", "What is happening")],
            "admin_commands": [("stats", "Admin: numbers")],
        }
    ],
    "open_section": [{"section": "summary"}],
    "page_counter": [{}],
    "small_talk": [{"kind": "thanks"}, {"kind": "greeting"}],
    "no_match": [{"question": "<what> & why?"}, {}],
    "quotes_unknown_speaker": [
        {"asked": "<x>", "speakers": ["A & B"], "example": "chong"},
        {"asked": "x", "speakers": [], "example": ""},
    ],
    "reactions_unknown_side": [
        {
            "asked": "<x>",
            "sides": [Side("government", "Government of Canada", 0)],
            "example": "canada",
        },
        {"asked": "x", "sides": [], "example": ""},
    ],
    "reload_ok": [{"articles": 2, "facts": 1041, "version": NOW}],
    "reload_recovered": [
        {"loaded": True, "facts": 1, "version": NOW},
        {"loaded": False, "facts": 41, "version": NOW},
    ],
    "reload_refused": [
        {"problems": [f"facts/quotes.yaml:{n}: bad <span> & co" for n in range(20)]}
    ],
    "reload_unchanged": [{"articles": 1, "facts": 41, "version": NOW}],
    "section_args": [
        {"command": "timeline", "words": "soon <b>"},
        {"command": "summary", "words": "tariffs"},
    ],
    "stale_button": [{}],
    "stats": [
        {"stats": SimpleNamespace(active=1200, inactive=3, last_run=_LAST)},
        {"stats": SimpleNamespace(active=0, inactive=0, last_run=None)},
        {
            "stats": SimpleNamespace(
                active=5,
                inactive=1,
                last_run=SimpleNamespace(**(vars(_LAST) | {"interrupted": True})),
            )
        },
    ],
    "sub_admins_only": [{}],
    "sub_button": [
        {"which": w} for w in ("earlier", "zone", "back", "delete", "alerts_on", "language")
    ],
    "sub_choose": [{"zone": "America/Toronto"}],
    "sub_forget_confirm": [{}],
    "sub_forgotten": [
        {"confirmed": c, "deleted": d} for c, d in ((False, False), (True, True), (True, False))
    ],
    "sub_invalid": [
        {"kind": k, "text": "<nowhere>", "suggestion": s}
        for k, s in (("zone", "Paris"), ("time", None), ("input", None))
    ],
    "sub_saved": [
        {"view": _VIEW, "updated": False, "place": "London", "others": [_OTHER]},
        {"view": _VIEW, "updated": True, "place": None, "others": []},
    ],
    "sub_settings": [
        {"view": _VIEW, "saved": True, "alerts_on": True, "language": "français"},
        {"view": _STOPPED, "saved": False, "alerts_on": False, "language": "English"},
        {
            "view": SimpleNamespace(subscription=None),
            "saved": False,
            "alerts_on": False,
            "language": "English",
        },
    ],
    "sub_stopped": [{"was_active": True}, {"was_active": False}],
    "sub_which_zone": [
        {
            "place": "Canada",
            "choices": [f"America/Zone_{n}" for n in range(8)],
            "prefix": "8am",
        }
    ],
    "sub_zone_pick": [{"zone": "Europe/Paris"}],
    "unknown_command": [{"command": "/<x>&"}, {}],
    "welcome": [{"first_name": "<Zoé>"}, {}],
}


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(fixture_store())


def _check(html_text: str, plain: str) -> None:
    assert html_text.strip()
    assert_telegram_html(html_text)
    assert visible(html_text) == plain
    assert telegram_length(html_text) <= LIMIT
    assert telegram_length(plain, "text") <= LIMIT


def test_every_message_template_has_a_context_here():
    """A new message template is covered by the language contract as soon as it exists."""
    names = {
        entry.name.removesuffix(".html")
        for entry in files("briefs").joinpath("templates/messages").iterdir()
        if entry.name.endswith(".html")
    }
    assert names == set(CONTEXTS)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_every_message_renders_in_every_language(renderer, name, lang):
    """Each message, in each of its cases, is valid Telegram HTML whose text twin matches."""
    for context in CONTEXTS[name]:
        html_text = renderer.message(name, lang=lang, **context)
        _check(html_text, renderer.message(name, fmt="text", lang=lang, **context))


@pytest.mark.parametrize("name", sorted(set(CONTEXTS) - {"announcement"}))
def test_french_messages_are_not_english(renderer, name):
    """No message comes out in English in a French chat (the announcement is the admin's text,
    and the ±1 h buttons have no words)."""
    for context in CONTEXTS[name]:
        if context.get("which") == "earlier":
            continue
        assert renderer.message(name, lang="fr", **context) != renderer.message(name, **context)


def test_french_numbers_and_dates_in_messages(renderer):
    """Counts group digits and dates read the French way inside a French message."""
    shown = visible(renderer.message("reload_ok", lang="fr", **CONTEXTS["reload_ok"][0]))
    assert "1\xa0041 faits" in shown
    assert "jeu. 15 janv. 2026" in shown
    saved = visible(renderer.message("sub_saved", lang="fr", **CONTEXTS["sub_saved"][0]))
    assert "ven. 16 janv. à 08 h 00" in saved


def test_plural_forms_follow_the_count(renderer):
    """One fact is singular and several are plural, in each language by its own rule."""
    one = {"articles": 1, "facts": 1, "version": NOW}
    assert "1 fact from 1 article," in renderer.message("reload_ok", **one)
    assert "1 fait tiré" in renderer.message("reload_ok", lang="fr", **one)
    assert "2 facts from" in renderer.message("reload_ok", **(one | {"facts": 2}))
    assert "2 faits" in renderer.message("reload_ok", lang="fr", **(one | {"facts": 2}))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", SECTIONS)
@pytest.mark.parametrize("fmt", ["html", "text"])
def test_every_section_fits_and_is_valid_in_every_language(renderer, name, lang, fmt):
    """Every briefing and each of its pages fits Telegram's limit and is valid HTML."""
    messages = renderer.section(name, fmt=fmt, now=NOW, lang=lang)
    pages = renderer.page(name, 1, fmt=fmt, now=NOW, lang=lang).pages
    messages += [
        renderer.page(name, n, fmt=fmt, now=NOW, lang=lang).text for n in range(1, pages + 1)
    ]
    for text in messages:
        assert text.strip()
        assert telegram_length(text, fmt) <= LIMIT
        if fmt == "html":
            assert_telegram_html(text)


def _french(msgid: str) -> str:
    return str(translations("fr").gettext(msgid))


def test_french_quotes_stay_as_printed_and_are_marked(renderer):
    """A French briefing prints each quote verbatim in English, marked as English, and a
    maintainer's translation only labelled as one, beside the original."""
    store = renderer.store
    first = store.quotes[0]
    translated = replace(first, fr=Translation((("translation", "le 51e État."),), "0" * 8))
    with_translation = Renderer(replace(store, quotes=(translated, *store.quotes[1:])))
    page = visible(with_translation.page("quotes", 1, now=NOW, lang="fr").text)
    marker = _french("quote in English")
    shown = [q for q in store.quotes if q.text in page]
    assert first in shown
    assert page.count(marker) == len(shown)
    label = _french("translation: %(text)s") % {"text": "«\xa0le 51e État.\xa0»"}
    assert label in page
    assert page.index(first.text) < page.index(label)
    assert marker not in visible(renderer.page("quotes", 1, now=NOW).text)


@pytest.mark.parametrize(
    ("question", "chat", "expected"),
    [
        ("quand Carney rencontre-t-il Xi ?", "en", "fr"),
        ("when does Carney meet Xi?", "fr", "fr"),
        ("when does Carney meet Xi?", "en", "en"),
    ],
)
def test_the_chat_language_decides_unless_the_question_is_french(
    renderer, question, chat, expected
):
    """A French question gets a French answer even in an English chat; otherwise the chat's
    language decides."""
    found = renderer.reply(question, now=NOW, lang=chat)
    assert found is not None
    assert found.lang == expected
    assert found.text == renderer.reply(question, now=NOW, lang=expected).text


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_french_daily_alert_and_inline_results_fit(renderer, fmt):
    """The daily briefing, the alert and inline results in French are valid and within limits."""
    since = datetime(2026, 1, 1, tzinfo=UTC)
    texts = [
        *renderer.daily(since, fmt=fmt, now=NOW, lang="fr"),
        *renderer.daily(None, fmt=fmt, now=NOW, lang="fr"),
        *renderer.alert(since, fmt=fmt, now=NOW, lang="fr"),
    ]
    if fmt == "html":
        texts += [hit.text for hit in renderer.search("Chong", now=NOW, lang="fr")]
    assert len(texts) > 4
    for text in texts:
        assert telegram_length(text, fmt) <= LIMIT
        if fmt == "html":
            assert_telegram_html(text)
