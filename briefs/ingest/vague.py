"""Vague time expressions: temporal, but with no calendar date to resolve them to.

"recently", "in recent years", "for decades", "in the near future", "meanwhile", "the
day before" say when without a date (or only relative to some event), so they can never
become events; yet a reviewer must see that every temporal expression was considered,
and a vague one may hide a date worth looking up. They are listed with their spans,
apart from the dates, so the dates keep their shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefs.ingest.text import Sentence

_UNIT = r"(?:days|weeks|months|years|decades|centuries|generations)"
VAGUE = re.compile(
    r"\b(?:"
    r"(?:in|for) the (?:near|distant|foreseeable|not-too-distant) future"
    r"|in the (?:long|short|medium|near) (?:term|run)"
    rf"|in (?:the )?(?:recent|coming|past|last|next)(?: few)? {_UNIT}"
    rf"|in the {_UNIT} (?:ahead|to come)"
    rf"|(?:for|over)(?: the past few| the last few| many| several| some| the)? {_UNIT}"
    r"|(?:this|last|next|the|early|late|in)\s+(?:spring|summer|autumn|winter)"
    r"|(?:this|last|next)\s+fall"
    r"|recently|lately|soon|shortly|eventually|previously|formerly|nowadays|someday"
    r"|historically|these days|for now|so far|to date|until now|by now|right now"
    r"|at the moment|at present|at the time|at one point|at some point|since then"
    r"|until then|by then|for (?:a long|some) time|in the past"
    r"|concurrently|meanwhile|in the meantime|at the same time|simultaneously"
    r"|the (?:day|week|month|year) (?:before|after)|the (?:next|following|previous) day"
    r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A temporal expression with no date: its text, span and sentence."""

    text: str
    start: int
    end: int
    sentence: Sentence


def find_vague(
    text: str, sentences: list[Sentence], taken: list[tuple[int, int]]
) -> list[Unresolved]:
    """Vague expressions in text order, leaving out any overlapping a found date."""
    found: list[Unresolved] = []
    for sent in sentences:
        for match in VAGUE.finditer(text, sent.start, sent.end):
            start, end = match.span()
            if not any(s < end and start < e for s, e in taken):
                found.append(Unresolved(match.group(), start, end, sent))
    return found
