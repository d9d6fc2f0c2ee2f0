"""Quotes shown verbatim, and attribution lines that never say the same phrase twice."""

import dataclasses
from datetime import UTC, datetime

import pytest

from briefs.formats import quoted
from briefs.model import Person, Quote, Store
from briefs.render import Renderer
from briefs.templating import unrepeated
from tests.briefs.htmlcheck import visible
from tests.briefs.storefactory import DAY2, WIRE_TEXT, make_store

NOW = datetime(2026, 1, 15, 9, tzinfo=UTC)
JOINT_ROLE = "Liberal lawmakers, in a joint statement"


def test_quoted_keeps_the_text_exactly_as_stored():
    """A trailing comma was printed inside the quotation marks, so it stays there."""
    assert quoted("advice from the government,") == "“advice from the government,”"
    assert quoted("authoritarianism.") == "“authoritarianism.”"


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        ("in a joint statement, on returning to Canada", "on returning to Canada"),
        ("in a joint statement; on returning", "on returning"),
        ("on returning to Canada, in a joint statement", "on returning to Canada"),
        ("In a Joint Statement", ""),
        (
            "on returning, in a joint statement, to Canada",
            "on returning, in a joint statement, to Canada",
        ),
        ("in a statement, on trade", "in a statement, on trade"),  # not the same phrase
        ("in a statemented way, on trade", "in a statemented way, on trade"),
        ("", ""),
    ],
)
def test_unrepeated_drops_only_phrases_already_said_at_either_end(context, expected):
    """Leading or trailing phrases found (as whole words) in the attribution go; others stay."""
    assert unrepeated(context, "Helena Jaczek", JOINT_ROLE, "") == expected


def _joint_store(context: str) -> Store:
    """The factory store plus a joint speaker whose quote's context repeats the role."""
    store = make_store()
    pair = Person(
        "pair", "Ann Lee and Bo Ray", "group", JOINT_ROLE, "", "government", (), ("wire",), DAY2
    )
    text = "lower tariffs on canola"
    start = WIRE_TEXT.index(text)
    quote = Quote(
        "pair-canola", "pair", text, "wire", start, start + len(text), None, context, (), DAY2
    )
    return dataclasses.replace(store, people=(*store.people, pair), quotes=(quote,))


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_joint_statement_is_said_once(fmt):
    """ "in a joint statement" appears in the speaker line only, not again in the context."""
    store = _joint_store("in a joint statement, on returning to Canada; it changes nothing")
    message = Renderer(store).section("quotes", fmt=fmt, now=NOW)[0]
    shown = visible(message) if fmt == "html" else message
    assert shown.count("joint statement") == 1
    assert (
        "— Ann Lee and Bo Ray, Liberal lawmakers, in a joint statement "
        "(on returning to Canada; it changes nothing) [1]"
    ) in shown


def test_context_that_only_repeats_the_attribution_is_left_out():
    """When nothing new remains of the context, no empty parentheses are printed."""
    message = Renderer(_joint_store("in a joint statement")).section("quotes", now=NOW)[0]
    assert "— Ann Lee and Bo Ray, Liberal lawmakers, in a joint statement [1]" in visible(message)


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_quotes_keep_their_trailing_comma_under_an_exactly_as_printed_header(fmt):
    """The header promises quotes exactly as printed, and the comma printed with them is shown."""
    message = Renderer(make_store()).section("quotes", fmt=fmt, now=NOW)[0]
    shown = visible(message) if fmt == "html" else message
    assert "Every quote exactly as printed" in shown
    assert "“A new starting point,”" in shown
    assert "“lower tariffs on canola”" in shown
