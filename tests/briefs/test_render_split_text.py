"""Plain-text messages are measured and cut as plain text: every character counts, no tags."""

import dataclasses
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefs.model import Event, Precision
from briefs.render import Renderer, split_messages, telegram_length
from briefs.render.telegram import LIMIT, split_part
from tests.briefs.storefactory import DAY2, make_store

NOW = datetime(2026, 1, 15, 9, tzinfo=UTC)
MARKUP_LINE = "<b> unclosed & ok\n"


def _units(text: str) -> int:
    """UTF-16 code units of text sent without parse mode: every character, as written."""
    return len(text.encode("utf-16-le")) // 2


def test_text_length_counts_every_character_as_written():
    """In text, "<b>" is three characters and "&amp;" five, not a tag and an ampersand."""
    assert telegram_length("<b>a&amp;b</b>", "text") == 14
    assert telegram_length("🇨🇦<i>", "text") == 7
    assert telegram_length("<b>a&amp;b</b>") == 3  # HTML is unchanged


def test_unknown_format_is_refused():
    """A misspelt format is an error, not silently measured as something else."""
    with pytest.raises(ValueError, match="unknown format"):
        telegram_length("x", "markdown")


def test_text_split_never_injects_tags_and_loses_nothing():
    """Cutting text full of "<b>" and "&" adds no closing or reopening tags and keeps every line."""
    text = MARKUP_LINE * 300
    messages = split_messages([text], fmt="text")
    assert len(messages) == 2
    assert all(_units(m) <= LIMIT for m in messages)
    assert "</b>" not in "".join(messages)
    assert "".join(m + "\n" for m in messages) == text
    assert not any(m.startswith("<b><b>") for m in messages)


def test_text_pieces_use_the_whole_limit_in_raw_characters():
    """A text part is cut by raw units: pieces fill up to the limit and rejoin to the original."""
    part = "&amp;" * 2000  # 10000 characters, 2000 in HTML
    pieces = split_part(part, fmt="text")
    assert [len(p) for p in pieces] == [4096, 4096, 1808]
    assert "".join(pieces) == part
    assert split_part(part) == [part]  # as HTML it is 2000 units and fits


def test_text_packing_counts_raw_units_between_parts():
    """Parts that fit as HTML but not as text go to separate text messages."""
    part = "<i>x</i>" * 300  # 300 units in HTML, 2400 in text
    assert len(split_messages([part, part])) == 1
    assert split_messages([part, part], fmt="text") == [part, part]


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab <>&;/\n🇨🇦é")), max_size=600),
    st.integers(min_value=4, max_value=90),
)
def test_any_text_is_cut_within_the_limit_without_changes(text, limit):
    """Every piece fits in raw units, and only the break a cut fell on is missing between them."""
    pieces = split_part(text, limit, fmt="text")
    assert all(_units(p) <= limit for p in pieces)
    rebuilt = pieces[0]
    for piece in pieces[1:]:
        rest = text[len(rebuilt) :]
        gap = next(g for g in ("\n\n", "\n", " ", "") if rest.startswith(g + piece))
        rebuilt += gap + piece
    assert rebuilt == text


@pytest.fixture(scope="module")
def markup_renderer() -> Renderer:
    """A store whose event texts are full of what looks like HTML markup."""
    store = make_store()
    extra = tuple(
        Event(
            f"markup-{n}",
            date(2026, 1, 16),
            Precision.DAY,
            f"Step {n}: <b>talks</b> & &amp; trade " * 20,
            ("wire",),
            DAY2,
        )
        for n in range(40)
    )
    return Renderer(dataclasses.replace(store, events=store.events + extra))


def test_text_timeline_with_markup_in_the_store_fits_every_message(markup_renderer):
    """`timeline --format text` keeps each message within 4096 raw units, store text intact."""
    messages = markup_renderer.section("timeline", fmt="text", now=NOW)
    assert len(messages) > 1
    for message in messages:
        assert _units(message) <= LIMIT
    joined = "\n".join(messages)
    for n in range(40):
        assert f"Step {n}: <b>talks</b> & &amp; trade" in joined
    assert joined.count("<b>") == 40 * 20  # only the store's own, none added by the splitter


def test_text_answer_fits_in_raw_units(markup_renderer):
    """A plain-text answer is cut back to one message measured as text, not as HTML."""
    reply = markup_renderer.answer("talks trade step", fmt="text")
    assert reply is not None
    assert _units(reply) <= LIMIT
    shown = reply.count("<b>talks</b> & &amp; trade") // 20
    assert 1 <= shown < 6  # six 700-character facts would need more than one message
