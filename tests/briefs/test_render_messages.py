"""The bot's messages render from their templates with the context each documents."""

from datetime import UTC, datetime

import pytest
from jinja2 import TemplateNotFound, UndefinedError

from briefs.model import Side
from briefs.render import Renderer
from tests.briefs.htmlcheck import assert_telegram_html, visible
from tests.briefs.storefactory import make_store

CONTEXTS: dict[str, dict[str, object]] = {
    "welcome": {},
    "help": {"commands": [("summary", "What is happening")]},
    "no_match": {},
    "unknown_command": {"command": "/<x>&"},
    "flood": {"limit": 20},
    "error": {},
    "stale_button": {},
    "quotes_unknown_speaker": {"asked": "<x>", "speakers": ["A & B"], "example": "chong"},
    "reactions_unknown_side": {
        "asked": "<x>",
        "sides": [Side("government", "Government of Canada", 0)],
        "example": "canada",
    },
    "reload_ok": {"articles": 2, "facts": 41, "version": datetime(2026, 1, 12, 18, tzinfo=UTC)},
    "reload_refused": {
        "problems": [f"seeds/facts/quotes.yaml:{n}: bad <span> & co" for n in range(20)]
    },
}


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(make_store())


@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_each_message_renders_as_telegram_html_and_as_text(renderer, name):
    """Every message renders under StrictUndefined in both formats, escaped, non-empty."""
    html_text = renderer.message(name, **CONTEXTS[name])
    plain = renderer.message(name, fmt="text", **CONTEXTS[name])
    assert html_text.strip()
    assert plain.strip()
    assert_telegram_html(html_text)
    assert visible(html_text) == plain
    assert "&amp;" not in plain
    assert "&lt;" not in plain


def test_unknown_command_echo_is_escaped(renderer):
    """What the user typed is shown escaped, never as markup."""
    message = renderer.message("unknown_command", command="/<b>x</b>")
    assert "&lt;b&gt;x&lt;/b&gt;" in message
    assert "/<b>x</b>" in visible(message)


def test_reload_refused_lists_the_problems_and_caps_them(renderer):
    """A refused reload names the problem lines, fifteen at most, and counts the rest."""
    shown = visible(renderer.message("reload_refused", **CONTEXTS["reload_refused"]))
    assert "seeds/facts/quotes.yaml:0: bad <span> & co" in shown
    assert "quotes.yaml:14:" in shown
    assert "quotes.yaml:15:" not in shown
    assert "…and 5 more" in shown


def test_reload_ok_reports_counts_and_version(renderer):
    """A successful reload says how much was loaded and how new it is."""
    shown = renderer.message("reload_ok", **CONTEXTS["reload_ok"])
    assert (
        shown == "✅ Fact store reloaded: 41 facts from 2 articles, newest added Mon 12 Jan 2026."
    )


def test_missing_context_raises(renderer):
    """A message rendered without its required context fails loudly (StrictUndefined)."""
    with pytest.raises(UndefinedError):
        renderer.message("reload_ok", facts=1)


@pytest.mark.parametrize("name", ["../briefings/summary", "nope", "Welcome"])
def test_bad_or_unknown_names_are_refused(renderer, name):
    """Only existing templates under messages/ can be rendered."""
    with pytest.raises((ValueError, TemplateNotFound)):
        renderer.message(name)


def test_labels_come_through_the_renderer(renderer):
    """The renderer hands out button labels from labels.yaml."""
    assert renderer.label("summary") == "📰 Summary"
    assert "{page}" in renderer.label("page")
    assert "{pages}" in renderer.label("page")
