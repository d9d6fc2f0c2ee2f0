"""Sentences and words: the small amount of text structure attribution and tense need.

Sentences are split on the quote-masked text, so a quotation of several sentences stays
inside the one sentence that attributes it; abbreviations ("U.S.", "Oct.") do not end one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefs.ingest.source import Paragraph


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string, so word lists stay compact."""
    return frozenset(words.split())


_END = re.compile(r"[.!?][\"”’)\]]*(?=\s+(?:[“\"‘(]|[A-Z0-9]))")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.[\"”’)\]]*$")
ABBREVIATIONS = word_set(
    """
    U.S U.K U.N E.U Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No Mr Mrs Ms Dr St Jr
    Sr Gen Gov Sen Rep Prof Lt Col Capt Sgt Inc Corp Co Ltd vs etc e.g i.e Mt Ft
    """
)
WORD = re.compile(r"[A-Za-z][A-Za-z’'.-]*[A-Za-z]|[A-Za-z]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence by its span in the article text and the paragraph it sits in."""

    start: int
    end: int
    paragraph: int


_MONTH_ABBREVIATIONS = word_set("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
_DAY_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?\s+$")


def _is_abbreviation(masked: str, end: int) -> bool:
    match = _LAST_WORD.search(masked, max(0, end - 12), end)
    if match is None:
        return False
    word = match.group(1)
    if word in _MONTH_ABBREVIATIONS and _DAY_BEFORE.search(masked, 0, match.start()):
        return False  # "arrived on 12 Jan." ends the date, and so the sentence
    return word in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def sentences(masked: str, paragraphs: tuple[Paragraph, ...]) -> list[Sentence]:
    """Sentences of every paragraph, found on text whose quotations are masked."""
    found: list[Sentence] = []
    for para in paragraphs:
        start = para.start
        for match in _END.finditer(masked, para.start, para.end):
            if _is_abbreviation(masked, match.start() + 1):
                continue
            found.append(Sentence(start, match.end(), para.number))
            start = match.end()
            while start < para.end and masked[start].isspace():
                start += 1
        if start < para.end:
            found.append(Sentence(start, para.end, para.number))
    return found


def sentence_at(found: list[Sentence], pos: int) -> Sentence:
    """The sentence holding offset `pos` (the last one starting at or before it)."""
    lo, hi = 0, len(found) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if found[mid].start <= pos:
            lo = mid
        else:
            hi = mid - 1
    return found[lo]


def slug(text: str, max_words: int = 6) -> str:
    """A lowercase ASCII id fragment: "Zhu Feng" -> "zhu-feng"."""
    folded = text.replace("’", "").replace("'", "").lower()
    words = re.findall(r"[a-z0-9]+", folded)
    return "-".join(words[:max_words])
