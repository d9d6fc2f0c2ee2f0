"""The inline-keyboard view: one message a page, lists paged by items, pages clamped."""

from datetime import UTC, datetime

import pytest

from briefs.render import Page, Renderer, telegram_length
from briefs.render.renderer import READING
from briefs.render.telegram import LIMIT
from tests.briefs.htmlcheck import assert_telegram_html, visible
from tests.briefs.storefactory import make_store
from tests.support.store import fixture_store

NOW = datetime(2026, 1, 15, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def long_renderer() -> Renderer:
    return Renderer(make_store(long=True))


def test_quotes_are_paged_by_items_and_every_quote_appears_once(long_renderer):
    """Walking every page shows each quote exactly once, pages filled to a reading budget."""
    first = long_renderer.page("quotes", 1, now=NOW)
    assert first.pages > 1
    seen = 0
    for number in range(1, first.pages + 1):
        page = long_renderer.page("quotes", number, now=NOW)
        assert page.page == number
        assert telegram_length(page.text) <= LIMIT
        assert_telegram_html(page.text)
        assert f"Quotes · {number}/{first.pages}" in visible(page.text)
        seen += visible(page.text).count("\n— ")
    assert seen == 43


@pytest.mark.parametrize(("asked", "expected"), [(0, 1), (-5, 1), (999, "last")])
def test_page_numbers_are_clamped(long_renderer, asked, expected):
    """A page number out of range shows the first or the last page instead of failing."""
    page = long_renderer.page("timeline", asked, now=NOW)
    assert page.page == (page.pages if expected == "last" else expected)


def test_timeline_pages_repeat_the_bucket_heading(long_renderer):
    """Every page starts its events under their group's heading, even mid-group."""
    first = long_renderer.page("timeline", 1, now=NOW)
    assert first.pages > 1
    for number in range(1, first.pages + 1):
        body = visible(long_renderer.page("timeline", number, now=NOW).text).split("\n\n")[1]
        assert body[:1] in {"✅", "📅", "📍", "🔜", "⏸", "✖", "🕰"}, number


def test_each_page_has_its_own_footnotes(long_renderer):
    """A page cites its own articles as [1].. and lists them at its foot."""
    page = long_renderer.page("timeline", 1, now=NOW)
    shown = visible(page.text)
    assert "[1] " in shown
    assert shown.rstrip().splitlines()[-1].startswith("[")


def test_summary_pages_show_every_point_once(long_renderer):
    """A long summary is paged by reading budget, and its pages together show every point."""
    first = long_renderer.page("summary", 1, now=NOW)
    pages = [long_renderer.page("summary", n, now=NOW) for n in range(1, first.pages + 1)]
    assert {p.pages for p in pages} == {first.pages}
    shown = "".join(visible(p.text) for p in pages)
    assert shown.count("• ") == len(long_renderer.store.summary.points())


def test_short_list_is_one_page_without_a_counter():
    """A list that fits one page has pages == 1 and shows no "1/1"."""
    page = Renderer(make_store()).page("reactions", 1, now=NOW)
    assert page == Page(page.text, 1, 1)
    assert "1/1" not in page.text


def test_unknown_speaker_page_is_the_helpful_message():
    """Paging a filter that matches nothing gives the explanation as a single page."""
    page = Renderer(make_store()).page("quotes", 3, now=NOW, arg="nobody")
    assert page.pages == 1
    assert "I have no quotes from" in visible(page.text)


def test_list_pages_fit_the_reading_budget():
    """Every page of a list with short items stays within the reading budget, footnotes aside."""
    renderer = Renderer(make_store())
    for name in ("timeline", "quotes", "reactions"):
        first = renderer.page(name, 1, now=NOW)
        for number in range(1, first.pages + 1):
            text = renderer.page(name, number, now=NOW, fmt="text").text
            body = text.split("\n\n[1] ")[0]
            assert telegram_length(body, "text") <= READING, (name, number)


def test_summary_first_page_fits_the_reading_budget():
    """The summary's first page stays within the reading budget; the rest is a page away."""
    page = Renderer(make_store(long=True)).page("summary", 1, now=NOW)
    assert telegram_length(page.text) <= READING
    assert page.pages > 1


def test_timeline_opens_on_the_story_not_its_background():
    """Events long before the first article come last, under their own heading."""

    text = visible(Renderer(fixture_store()).page("timeline", 1, now=NOW).text)
    assert text.index("Carney meets Chinese President Xi Jinping") < text.index("Gyeongju")
    assert text.index("2022:") > text.index("Mon 12 Jan 2026:")
