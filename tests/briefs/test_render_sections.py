"""The briefings: escaping, Telegram's tags, dates, the timeline's split, filters, footnotes."""

import re
from datetime import UTC, datetime

import pytest

from briefs.render import SECTIONS, Renderer, telegram_length
from briefs.render.telegram import LIMIT
from tests.briefs.htmlcheck import assert_telegram_html, read, visible
from tests.briefs.storefactory import HOSTILE, HOSTILE_QUOTE, HOSTILE_URL, make_store

NOW = datetime(2026, 1, 15, 9, tzinfo=UTC)
ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.I)


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(make_store())


@pytest.fixture(scope="module")
def long_renderer() -> Renderer:
    return Renderer(make_store(long=True))


@pytest.mark.parametrize("name", SECTIONS)
def test_hostile_strings_are_escaped_in_html(renderer, name):
    """Names and quotes full of <, & and quotes come out as entities, never as markup."""
    messages = renderer.section(name, now=NOW)
    for message in messages:
        assert_telegram_html(message)
        assert "<script>" not in message
        assert "<meet>" not in message
    shown = "\n".join(visible(m) for m in messages)
    if name in ("quotes", "reactions"):
        assert HOSTILE in shown
    if name == "quotes":
        assert HOSTILE_QUOTE in shown


@pytest.mark.parametrize("name", SECTIONS)
def test_text_format_has_no_tags_or_entities(renderer, name):
    """The plain-text variant shows the same words with no HTML tags or entities."""
    for message in renderer.section(name, fmt="text", now=NOW):
        assert not ENTITY.search(message), message
        rest = message
        for data in (
            HOSTILE,
            HOSTILE_QUOTE,
            "<China>",
            "<meet>",
            "<again>",
            "<no>",
            "<everything>",
        ):
            rest = rest.replace(data, "")
        assert "<" not in rest, rest
        assert ">" not in rest, rest


def test_text_and_html_say_the_same_words(renderer):
    """Both formats come from one template: the HTML's visible text equals the text render."""
    html_text = visible(renderer.section("timeline", now=NOW)[0])
    plain = renderer.section("timeline", fmt="text", now=NOW)[0]
    assert html_text == re.sub(r" \(https://[^)]*\)", "", plain)


def test_links_are_escaped_in_href(renderer):
    """A source URL with & and quotes is escaped inside the href and survives parsing."""
    message = renderer.section("sources", now=NOW)[0]
    assert 'href="https://example.com/a?x=1&amp;y=&#34;2&#34;"' in message
    assert HOSTILE_URL in read(message).hrefs


def test_sources_mark_approximate_dates(renderer):
    """Sources are numbered with outlet and date; an inferred date is marked "c."."""
    shown = visible(renderer.section("sources", now=NOW)[0])
    assert "1. The Herald, c. Sun 11 Jan 2026\nHerald: the visit ahead" in shown
    assert "2. Wire & Co, Mon 12 Jan 2026\nLeaders <meet> & talk" in shown


def test_summary_has_headline_sections_and_footnotes(renderer):
    """The summary leads with the story in bold, then its sections, then cited articles."""
    message = renderer.section("summary", now=NOW)[0]
    assert message.startswith("📰 <b>The PM&#39;s visit to &lt;China&gt; &amp; more</b>")
    shown = visible(message)
    watch = "What the reports said to watch (they end Mon 12 Jan 2026)"  # NOW is after them
    for title in ("What is happening", "Why it matters", watch, "Background"):
        assert f"\n{title}" in shown
    assert "• The PM visits <China> & talks. [1][2]" in shown
    assert "[1] The Herald, c. Sun 11 Jan 2026: Herald: the visit ahead" in shown
    assert "[2] Wire & Co, Mon 12 Jan 2026: Leaders <meet> & talk" in shown


def test_footnotes_number_articles_in_order_of_first_citation(renderer):
    """Markers point at the right article: in quotes only the wire is cited, so it is [1]."""
    shown = visible(renderer.section("quotes", now=NOW)[0])
    assert "[2]" not in shown
    assert shown.rstrip().endswith("[1] Wire & Co, Mon 12 Jan 2026: Leaders <meet> & talk")


def test_timeline_splits_happened_and_coming_at_now(renderer):
    """At 15 Jan the arrival (14th) has happened and the meeting (16th) is coming (as planned,
    since the reports end on the 12th); events long before the story come last, as background."""
    shown = visible(renderer.section("timeline", now=NOW)[0])
    happened, rest = shown.split("🔜 Coming, as planned in the reports, which end Mon 12 Jan 2026")
    coming, background = rest.split("🕰 ")
    assert "Wed 14 Jan 2026: The PM arrives in Beijing." in happened
    assert "Fri 16 Jan 2026: The PM meets the President." in coming
    assert "Fri 31 Oct 2025: Leaders meet <again> & shake hands." in background
    assert "2025: Okafor takes office." in happened  # listed after Oct 2025: its window ends 31 Dec
    # A month-dated event listed between 11 and 12 Jan has happened; Davos, after 17 Jan, has not.
    assert "Jan 2026: Lawmakers quit a trip." in happened
    assert "Jan 2026: The PM goes to Davos." in coming


def test_timeline_does_not_claim_what_the_reports_only_announced(renderer):
    """Past events dated after the newest article are "planned in the reports", not happened."""
    shown = visible(renderer.section("timeline", now=datetime(2026, 11, 29, tzinfo=UTC))[0])
    happened, planned = shown.split("📅 Planned in the reports, which end Mon 12 Jan 2026")
    assert "Fri 31 Oct 2025: Leaders meet <again> & shake hands." in planned.split("🕰 ")[1]
    assert "Wed 14 Jan 2026: The PM arrives in Beijing." in planned
    assert "Wed 14 Jan 2026" not in happened
    assert "Jan 2026: The PM goes to Davos." in planned
    assert "🔜 What is coming" not in shown


def test_timeline_shows_todays_events_around_now(renderer):
    """On the day itself an event is neither past nor future: it is listed around now."""
    shown = visible(renderer.section("timeline", now=datetime(2026, 1, 16, 8, tzinfo=UTC))[0])
    around = shown.split("📍 Today and around now")[1].split("🔜 Coming")[0]
    assert "Fri 16 Jan 2026: The PM meets the President." in around
    assert "Sat 17 Jan 2026" not in around


def test_naive_now_is_taken_as_utc(renderer):
    """A naive `now` renders like the same wall time in UTC."""
    naive = datetime(2026, 1, 15, 9)
    assert renderer.section("timeline", now=naive) == renderer.section("timeline", now=NOW)


@pytest.mark.parametrize(
    ("arg", "speaker"),
    [
        ("okafor", "Dana Okafor"),
        ("DANA", "Dana Okafor"),
        ("beacon", "Daily Beacon"),
        ("scripty", HOSTILE),
    ],
)
def test_quotes_filter_by_speaker_fragment(renderer, arg, speaker):
    """`/quotes okafor` shows only that speaker's quotes, matching name or alias, any case."""
    shown = visible(renderer.section("quotes", now=NOW, arg=arg)[0])
    assert f"Quotes from {speaker}" in shown
    speakers = re.findall(r"^— (.+?), ", shown, re.M)
    assert speakers
    assert set(speakers) == {speaker}


def test_quotes_unknown_speaker_lists_who_has_quotes(renderer):
    """An unknown name gets one helpful message naming everyone with quotes."""
    (message,) = renderer.section("quotes", now=NOW, arg="<nobody>")
    shown = visible(message)
    assert "I have no quotes from <nobody>." in shown
    assert f"{HOSTILE}, Dana Okafor, Daily Beacon" in shown
    assert "&lt;nobody&gt;" in message


def test_reactions_grouped_by_side_in_store_order(renderer):
    """Reactions come under their side's label, sides in the store's order, with stance."""
    shown = visible(renderer.section("reactions", now=NOW)[0])
    order = [
        shown.index(label)
        for label in ("Government of Canada", "Canadian opposition", "Chinese state media")
    ]
    assert order == sorted(order)
    assert "• Daily Beacon, state-run newspaper · welcomes\nWelcomes the visit. [1]" in shown
    assert "“A new starting point,”" in shown


@pytest.mark.parametrize(
    ("arg", "present", "absent"),
    [
        ("media", "Chinese state media", "Government of Canada"),
        ("canada", "Government of Canada", "Chinese state media"),
        ("OPPOSITION", "Canadian opposition", "Chinese state media"),
        ("okafor", "Government of Canada", "Canadian opposition"),
    ],
)
def test_reactions_filter_by_side(renderer, arg, present, absent):
    """`/reactions media` keeps only matching sides (or, failing that, matching actors)."""
    shown = visible(renderer.section("reactions", now=NOW, arg=arg)[0])
    assert present in shown
    assert absent not in shown


def test_reactions_unknown_side_lists_sides(renderer):
    """A side that matches nothing gets a message listing the sides that reacted."""
    shown = visible(renderer.section("reactions", now=NOW, arg="martians")[0])
    assert "I have no reactions from martians." in shown
    assert "Government of Canada, Canadian opposition, Chinese state media" in shown


@pytest.mark.parametrize("name", SECTIONS)
def test_long_briefings_split_into_valid_messages(long_renderer, name):
    """Long briefings become several messages, each within 4096 units and valid on its own."""
    messages = long_renderer.section(name, now=NOW)
    for message in messages:
        assert telegram_length(message) <= LIMIT
        assert_telegram_html(message)
    if name in ("summary", "timeline", "quotes"):
        assert len(messages) > 1
        assert "[1]" in visible(messages[-1]).splitlines()[-1] or "[2]" in messages[-1]


def test_long_quotes_lose_nothing_when_split(long_renderer):
    """Every quote appears once across the messages of a long quotes briefing."""
    shown = "\n".join(visible(m) for m in long_renderer.section("quotes", now=NOW))
    assert shown.count("in a long speech") == 40
    assert shown.count("Quotes\n") == 1


def test_unknown_briefing_is_an_error(renderer):
    """Asking for a briefing that does not exist is a caller bug, not an empty reply."""
    with pytest.raises(ValueError, match="unknown briefing"):
        renderer.section("gossip")
