"""The daily briefing: what is new since the last one, then the short summary."""

from datetime import UTC, date, datetime, timedelta, timezone

from briefs.render import Renderer, telegram_length
from briefs.render.renderer import DAILY_NEW
from briefs.render.telegram import LIMIT
from tests.briefs.htmlcheck import assert_telegram_html, visible
from tests.briefs.storefactory import DAY2, DAY3, make_store

NOW = datetime(2026, 1, 15, 7, tzinfo=UTC)


def _shown(messages: list[str]) -> str:
    for message in messages:
        assert telegram_length(message) <= LIMIT
        assert_telegram_html(message)
    return "\n".join(visible(m) for m in messages)


def test_daily_leads_with_what_is_new_grouped_by_kind():
    """Facts added after `since` are listed by kind, older ones are not."""
    shown = _shown(Renderer(make_store()).daily(DAY2, now=NOW))
    assert "🆕 New since your last briefing on Mon 12 Jan 2026" in shown
    new_part, rest = shown.split("What is happening", 1)
    assert "In the summary\n• Watch the Friday meeting." in new_part
    assert "On the timeline\n" in new_part
    assert "Quotes\n“A new starting point,”" in new_part
    assert "Reactions\n• Daily Beacon" in new_part
    assert "Okafor" not in new_part  # added at DAY2, not after it
    assert "• The PM visits <China> & talks." in rest
    assert "What the reports said to watch (they end Mon 12 Jan 2026)\n• Watch the Friday" in rest


def test_daily_with_nothing_new_says_so_in_one_line():
    """When nothing entered the store, one line says so, then the summary follows."""
    shown = _shown(Renderer(make_store()).daily(DAY3, now=NOW))
    lines = shown.splitlines()
    assert lines[2] == "Nothing new since your last briefing on Wed 14 Jan 2026."
    assert "New since" not in shown
    assert "What is happening" in shown
    assert "What the reports said to watch" in shown
    assert "Background" not in shown


def test_first_daily_briefing_has_no_new_list():
    """With no previous briefing it introduces itself instead of listing the whole store."""
    shown = _shown(Renderer(make_store()).daily(None, now=NOW))
    assert "Your first daily briefing" in shown
    assert "New since" not in shown


def test_daily_dates_use_the_subscribers_zone():
    """`now` in the subscriber's zone decides the day shown in the headline."""
    toronto_evening = datetime(2026, 1, 14, 22, tzinfo=timezone(timedelta(hours=-5)))
    shown = _shown(Renderer(make_store()).daily(DAY3, now=toronto_evening))
    assert shown.startswith("🗞 Daily briefing · Wed 14 Jan 2026")


def test_a_big_update_lists_a_few_of_each_kind_and_counts_the_rest():
    """60-odd new events: the daily lists DAILY_NEW, counts the rest and points to /timeline."""
    store = make_store(long=True)
    since = datetime(2026, 1, 1, tzinfo=UTC)
    new = [e for e in store.events if e.added > since]
    shown = _shown(Renderer(store).daily(since, now=NOW))
    timeline = shown.split("On the timeline\n", 1)[1].split("\n\n", 1)[0]
    assert timeline.count("• ") == DAILY_NEW
    assert f"…and {len(new) - DAILY_NEW} more: /timeline" in timeline


def test_the_subscribers_own_day_and_last_briefing_are_shown():
    """The header carries the subscriber's date; "since" names their last briefing's day."""
    shown = _shown(
        Renderer(make_store()).daily(DAY2, now=NOW, today=date(2026, 1, 16), last=date(2026, 1, 13))
    )
    assert shown.startswith("🗞 Daily briefing · Fri 16 Jan 2026")
    assert "🆕 New since your last briefing on Tue 13 Jan 2026" in shown


def test_daily_text_format_is_plain():
    """The text variant of the daily briefing has no markup."""
    (message,) = Renderer(make_store()).daily(DAY3, now=NOW, fmt="text")
    assert "<b>" not in message
    assert "&amp;" not in message
    assert "The PM visits <China> & talks." in message


def test_watch_next_is_framed_by_when_the_reports_end():
    """Read within the reports' days the section says what to watch; later, what they said."""
    store = make_store()
    early = _shown(Renderer(store).daily(DAY3, now=datetime(2026, 1, 12, 9, tzinfo=UTC)))
    late = _shown(Renderer(store).daily(DAY3, now=NOW))
    assert "What to watch next" in early
    assert "from reports up to Mon 12 Jan 2026" in early.splitlines()[1]
    assert "What to watch next" not in late
    assert "What the reports said to watch (they end Mon 12 Jan 2026)" in late


def test_daily_tells_a_planned_event_as_planned():
    """A new event the reports only announced is marked as planned, as the timeline tells it."""
    shown = _shown(Renderer(make_store()).daily(DAY2, now=NOW))
    assert "Fri 16 Jan 2026 (as planned): The PM meets the President." in shown
