"""Finding direct quotations: pairing quotation marks within each paragraph.

Only double marks open a quotation (“ ” and straight "), so apostrophes (’ ') and
quotes inside quotes (‘…’) stay part of the text they sit in. A straight mark opens or
closes by what touches it, which also pairs a “ closed by a straight " as printed.
A quote left open at the end of a paragraph continues if the next paragraph opens
with a mark (the news convention for a long quote); otherwise it is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefs.ingest.source import Paragraph

_OPENERS = "“„«"
_CLOSERS = "”»"
_BEFORE_OPEN = " \t([{—–-/‘'"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """The text inside one pair of marks; `close` is None when it runs on to the next line."""

    start: int
    end: int
    open: int
    close: int | None
    paragraph: int
    continues_previous: bool


def _role(line: str, i: int) -> str:
    """'open', 'close' or 'either' for the mark at line[i]."""
    ch = line[i]
    if ch in _OPENERS:
        return "open"
    if ch in _CLOSERS:
        return "close"
    before = line[i - 1] if i > 0 else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    if before in _BEFORE_OPEN and not after.isspace():
        return "open"
    if not before.isspace():
        return "close"
    return "either"


def _marks(line: str) -> list[tuple[int, str]]:
    return [(i, _role(line, i)) for i, ch in enumerate(line) if ch in _OPENERS + _CLOSERS + '"']


def _opens_with_mark(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and stripped[0] in _OPENERS + '"'


def find_quotes(text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[list[QuoteSpan], list[str]]:
    """Every quotation in reading order, and warnings for marks that do not pair."""
    quotes: list[QuoteSpan] = []
    warnings: list[str] = []
    carried = False
    for index, para in enumerate(paragraphs):
        line = text[para.start : para.end]
        opened: int | None = None
        first_in_para = True
        was_carried, carried = carried, False
        for i, role in _marks(line):
            if opened is None:
                if role == "close":
                    warnings.append(_where(text, para, i, "closing quotation mark with no opening"))
                    continue
                opened = i
                continue
            if role == "open" and i + 1 < len(line) and not line[i + 1].isspace():
                warnings.append(_where(text, para, opened, "quotation never closed"))
                opened = i
                continue
            if i > opened + 1 and line[opened + 1 : i].strip():
                quotes.append(
                    QuoteSpan(
                        start=para.start + opened + 1,
                        end=para.start + i,
                        open=para.start + opened,
                        close=para.start + i,
                        paragraph=para.number,
                        continues_previous=was_carried and first_in_para,
                    )
                )
                first_in_para = False
            opened = None
        if opened is not None:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if nxt is not None and _opens_with_mark(text[nxt.start : nxt.end]):
                end = para.start + len(line.rstrip())
                quotes.append(
                    QuoteSpan(
                        start=para.start + opened + 1,
                        end=end,
                        open=para.start + opened,
                        close=None,
                        paragraph=para.number,
                        continues_previous=was_carried and first_in_para,
                    )
                )
                carried = True
            else:
                warnings.append(
                    _where(text, para, opened, "quotation never closed in its paragraph; skipped")
                )
    return quotes, warnings


def _where(text: str, para: Paragraph, i: int, message: str) -> str:
    line_no = text.count("\n", 0, para.start + i) + 1
    return f"line {line_no}, offset {para.start + i}: {message}"


def mask_quotes(text: str, quotes: list[QuoteSpan]) -> str:
    """The text with each quotation's inside blanked to 'x' but its final punctuation kept.

    Sentence splitting and attribution then see a quote as one opaque phrase.
    """
    chars = list(text)
    for q in quotes:
        inner_end = q.end
        keep = text[inner_end - 1] if inner_end > q.start and text[inner_end - 1] in ".?!," else ""
        for i in range(q.start, inner_end - (1 if keep else 0)):
            if chars[i] not in "\r\n":
                chars[i] = "x"
    return "".join(chars)
