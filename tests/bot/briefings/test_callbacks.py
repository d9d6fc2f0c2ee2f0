"""Callback data: packed under 64 bytes, parsed back exactly, forged data rejected."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.briefings.callbacks import ARG_BYTES, MAX_BYTES, NOOP, SectionView, clean_arg, parse
from bot.briefings.keyboards import section_keyboard
from briefs.render import SECTIONS, Page, Renderer
from tests.support.store import fixture_store


@given(
    section=st.sampled_from(SECTIONS),
    page=st.integers(min_value=1, max_value=9999),
    raw=st.one_of(st.none(), st.text(max_size=300)),
)
def test_any_view_packs_under_64_bytes_and_parses_back(
    section: str, page: int, raw: str | None
) -> None:
    """Whatever the user typed as an argument, the packed data fits and round-trips."""
    view = SectionView(section, page, clean_arg(raw))
    data = view.pack()
    assert len(data.encode()) < MAX_BYTES
    assert parse(data) == view


@given(st.text(max_size=200))
def test_parse_never_raises(data: str) -> None:
    """Arbitrary (forged) data parses to a known view or None, never an exception."""
    result = parse(data)
    assert result is None or result == NOOP or isinstance(result, SectionView)


def test_clean_arg_truncates_on_a_character_boundary() -> None:
    """A long multi-byte argument is cut to whole characters within ARG_BYTES."""
    cleaned = clean_arg("é" * 100)
    assert cleaned is not None
    assert len(cleaned.encode()) <= ARG_BYTES
    assert set(cleaned) == {"é"}
    assert clean_arg("  \n ") is None
    assert clean_arg("Michael\n  Chong") == "Michael Chong"


def test_pager_keeps_the_filter_argument() -> None:
    """Prev and Next on a filtered list carry the filter to the next page."""
    renderer = Renderer(fixture_store())
    keyboard = section_keyboard(renderer, SectionView("quotes", 2, "carney"), Page("x", 2, 3))
    pager = [b.callback_data for b in keyboard.inline_keyboard[0]]
    assert pager == ["sec:quotes:1:carney", "nop", "sec:quotes:3:carney"]
