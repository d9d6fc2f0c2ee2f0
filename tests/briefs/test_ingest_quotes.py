"""Quotation marks: pairing typographic and straight marks, apostrophes, paragraphs."""

from __future__ import annotations

from briefs.ingest.quotes import find_quotes
from briefs.ingest.source import paragraphs


def quotes_in(text: str) -> tuple[list[str], list[str]]:
    found, warnings = find_quotes(text, paragraphs(text, 0))
    return [text[q.start : q.end] for q in found], warnings


def test_apostrophes_are_not_marks() -> None:
    """’ and ' inside words leave quotations whole."""
    text = "Headline\n“Canada’s time, it's here,” he said of the leaders' talks.\n"
    assert quotes_in(text) == (["Canada’s time, it's here,"], [])


def test_typographic_open_closed_by_straight() -> None:
    """A “ closed by a straight " pairs, as printed in the AP piece."""
    text = 'Headline\nChong said it is “nothing short of kowtowing."\n'
    assert quotes_in(text) == (["nothing short of kowtowing."], [])


def test_straight_marks() -> None:
    """Straight marks open after a space and close after a word."""
    text = 'Headline\n"First," she said, "second."\n'
    assert quotes_in(text) == (["First,", "second."], [])


def test_inner_single_quotes_stay_inside() -> None:
    """A quote inside a quote (‘…’) is part of the outer quotation."""
    text = "Headline\n“He told me, ‘We are ready,’ and I believed him,” Carney said.\n"
    assert quotes_in(text) == (["He told me, ‘We are ready,’ and I believed him,"], [])


def test_quote_continued_over_paragraphs() -> None:
    """An open quote at a paragraph's end continues when the next paragraph opens one."""
    text = "Headline\n“First paragraph.\n“Second paragraph,” Carney said.\n"
    found, warnings = find_quotes(text, paragraphs(text, 0))
    assert [text[q.start : q.end] for q in found] == ["First paragraph.", "Second paragraph,"]
    assert found[0].close is None
    assert found[1].continues_previous
    assert warnings == []


def test_unclosed_quote_is_reported() -> None:
    """An open quote with no continuation is skipped with a warning naming the line."""
    found, warnings = quotes_in("Headline\nHe said “we will see.\nNext paragraph.\n")
    assert found == []
    assert len(warnings) == 1
    assert warnings[0].startswith("line 2, offset 17:")


def test_stray_closing_mark_is_reported() -> None:
    """A closing mark with nothing open is a warning, not a quote."""
    found, warnings = quotes_in("Headline\nA stray” mark.\n")
    assert found == []
    assert "closing quotation mark" in warnings[0]
