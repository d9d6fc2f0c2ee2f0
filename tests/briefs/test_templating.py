"""The shared Jinja environment: date filters, escaping per format, and its text twin."""

from datetime import UTC, date, datetime

import pytest
from jinja2 import UndefinedError
from markupsafe import Markup

from briefs.formats import day
from briefs.model import Article, DatedValue, Precision
from briefs.templating import environment, label, labels, template_name


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (date(2026, 1, 14), Precision.DAY, "Wed 14 Jan 2026"),
        (date(2026, 1, 1), Precision.MONTH, "Jan 2026"),
        (date(2025, 1, 1), Precision.YEAR, "2025"),
        (datetime(2025, 10, 31, 23, tzinfo=UTC), Precision.DAY, "Fri 31 Oct 2025"),
        (DatedValue(date(2026, 3, 1), Precision.MONTH), Precision.DAY, "Mar 2026"),
    ],
)
def test_day_writes_dates_as_people_do(value, precision, expected):
    """Dates read "Wed 14 Jan 2026", or only the month or year their precision allows."""
    assert day(value, precision) == expected


@pytest.mark.parametrize(
    ("lang", "approximate", "exact"),
    [
        ("en", "c. Sun 11 Jan 2026", "Mon 12 Jan 2026"),
        ("fr", "vers le dim. 11 janv. 2026", "lun. 12 janv. 2026"),
    ],
)
def test_published_marks_approximate_dates(lang, approximate, exact):
    """An article whose date was inferred is marked so ("c.", "vers le") in each language."""
    source = environment(lang).from_string(
        '{% import "briefings/_dates.html" as dates %}{{ dates.published(a) }}'
    )
    inferred = Article("a", "H", "O", date(2026, 1, 11), True, "https://x", "t")
    printed = Article("a", "H", "O", date(2026, 1, 12), False, "https://x", "t")
    assert source.render(a=inferred) == approximate
    assert source.render(a=printed) == exact


@pytest.mark.parametrize(
    ("lang", "day", "month"),
    [("en", "on Mon 12 Jan 2026", "in Jan 2026"), ("fr", "le lun. 12 janv. 2026", "en janv. 2026")],
)
def test_said_when_uses_on_for_days_and_in_for_months(lang, day, month):
    """A quote's date reads "on <day>" or "in <month>" (in French too), nothing when unknown."""
    source = environment(lang).from_string(
        '{% import "briefings/_dates.html" as dates %}{{ dates.said_when(q) }}'
    )
    dated = type("Q", (), {"said": DatedValue(date(2026, 1, 12), Precision.DAY)})()
    monthly = type("Q", (), {"said": DatedValue(date(2026, 1, 1), Precision.MONTH)})()
    undated = type("Q", (), {"said": None})()
    assert source.render(q=dated) == day
    assert source.render(q=monthly) == month
    assert source.render(q=undated) == ""


def test_markup_filters_emit_tags_only_when_autoescaping():
    """`b`, `i` and `link` make escaped HTML in .html and bare text in the .txt twin."""
    env = environment()
    value = '<x> & "y"'
    html_out = env.from_string("{{ v|b }} {{ v|link(u) }}").render(
        v=value, u='https://e.x/?a=1&b="2"'
    )
    assert html_out == (
        "<b>&lt;x&gt; &amp; &#34;y&#34;</b> "
        '<a href="https://e.x/?a=1&amp;b=&#34;2&#34;">&lt;x&gt; &amp; &#34;y&#34;</a>'
    )
    text_env = env.overlay(autoescape=False)
    text_out = text_env.from_string("{{ v|b }} {{ v|link(u) }}").render(v=value, u="https://e.x")
    assert text_out == '<x> & "y" <x> & "y" (https://e.x)'


def test_link_drops_urls_telegram_would_refuse():
    """A javascript: or relative URL is never put in an href."""
    out = environment().from_string("{{ 'go'|link(u) }}").render(u="javascript:alert(1)")
    assert out == "go"
    assert "href" not in out


def test_txt_twin_loads_the_same_source_without_escaping():
    """`x.txt` renders the source of `x.html` with autoescape off, so no entities appear."""
    env = environment()
    context = {"asked": "A & <B>", "speakers": ["C & D"], "example": "c"}
    text = env.get_template("messages/quotes_unknown_speaker.txt").render(context)
    html_text = env.get_template("messages/quotes_unknown_speaker.html").render(context)
    assert "A & <B>" in text
    assert "C & D" in text
    assert "&amp;" not in text
    assert "&lt;" not in text
    assert "<b>" not in text
    assert "<b>A &amp; &lt;B&gt;</b>" in html_text
    assert "C &amp; D" in html_text


def test_includes_from_a_text_template_stay_text():
    """A briefing's imported macros resolve to their .txt twin, so a text render has no tags."""
    env = environment()
    assert env.join_path("briefings/_items.html", "briefings/quotes.txt") == "briefings/_items.txt"
    assert (
        env.join_path("briefings/_items.html", "briefings/quotes.html") == "briefings/_items.html"
    )


def test_strict_undefined_fails_loudly():
    """A missing variable raises instead of rendering an empty string."""
    with pytest.raises(UndefinedError):
        environment().get_template("messages/reload_ok.html").render(facts=1, articles=1)


def test_template_name_rejects_unknown_formats():
    """Only html and text exist; anything else is a caller bug."""
    assert template_name("briefings/summary", "text") == "briefings/summary.txt"
    with pytest.raises(ValueError, match="unknown format"):
        template_name("briefings/summary", "markdown")


def test_labels_are_plain_strings_and_unknown_names_say_what_exists():
    """Labels load from labels.yaml; asking for a missing one names the known labels."""
    assert label("summary") == "📰 Summary"
    assert label("next") == "Next ›"
    assert label("prev") == "‹ Prev"
    assert all(not isinstance(v, Markup) for v in labels().values())
    with pytest.raises(KeyError, match="known: "):
        label("no-such-label")


def test_every_command_has_a_menu_description_within_telegram_limits():
    """Each command's description exists and fits setMyCommands (3 to 256 characters)."""
    commands = [
        "start",
        "help",
        "summary",
        "timeline",
        "quotes",
        "reactions",
        "sources",
        "subscribe",
        "unsubscribe",
    ]
    commands += ["settings", "forget", "reload", "announce", "stats"]
    for command in commands:
        assert 3 <= len(label(f"cmd_{command}")) <= 256
    assert len(label("bot_short_description")) <= 120
    assert len(label("bot_description")) <= 512
