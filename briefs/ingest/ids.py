"""Store-style ids for what ingest and add-article write, and the words that name a subject.

The store's ids are short lowercase-with-hyphens names a curator can read in a diff:
articles are `<outlet>-<topic>` (ap-beijing, polar-herald), quotes `<speaker>-<key words>`
(chong-kowtowing), events `<who>-<what>` (carney-meets-xi). These build the same shape
from the text: an outlet of three words or more by its initials ("The Associated Press" ->
ap), then the first content words of the headline or sentence.
"""

from __future__ import annotations

import re
from typing import Any

import snowballstemmer  # type: ignore[import-untyped]  # ships no type hints

from briefs.ingest.text import slug, word_set

STOP = word_set(
    """
    a an and are as at be been but by for from had has have he her his in into is it its
    of on or over says said say tells told that the their they this to was were which while
    who will with would after before about than then there these those amid she we our new
    also not no can could may might should must when where what how why
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december today yesterday tomorrow week
    month year next last ap
    """
)
_STEMMER: Any = snowballstemmer.stemmer("english")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]+(?:\([A-Za-z. ]+\))?\s+[—–-]\s+")


def strip_dateline(sentence: str) -> str:
    """ "BEIJING (AP) — Xi told ..." -> "Xi told ...": the dateline is no part of an event."""
    return _DATELINE.sub("", sentence, count=1)


def content_words(text: str) -> list[str]:
    """The words that carry meaning, lowercased, in order: no stop words, dates or numbers."""
    folded = text.replace("’s", "").replace("'s", "").lower()
    return [w for w in re.findall(r"[a-z]+", folded) if w not in STOP and len(w) > 1]


def subject(text: str) -> frozenset[str]:
    """Stems of the content words, to tell whether two sentences are about the same thing."""
    return frozenset(_STEMMER.stemWords(content_words(text)))


def outlet_slug(outlet: str) -> str:
    """ "The Associated Press" -> "ap", "Polar Herald" -> "polar-herald"."""
    every = re.findall(r"[A-Za-z0-9]+", outlet)
    words = [w for w in every if w.lower() not in ("the", "and", "of")]
    if len(every) >= 3:
        return "".join(w[0] for w in words).lower()
    return slug(" ".join(words), 3)


def article_id(outlet: str, headline: str) -> str:
    """The default article id: the outlet, then two content words of the headline."""
    topic = content_words(headline)[:2]
    return "-".join(part for part in (outlet_slug(outlet), *topic) if part)


def short_name(person_id: str, aliases: tuple[str, ...]) -> str:
    """How ids call a speaker: a one-word alias (Carney, Xi), else the id's last part."""
    single = [a for a in aliases if len(a.split()) == 1]
    return slug(single[0], 1) if single else person_id.rsplit("-", 1)[-1]


def quote_base(speaker: str, text: str) -> str:
    """ "chong" + "nothing short of kowtowing" -> "chong-nothing-short-kowtowing"."""
    return "-".join([speaker, *content_words(text)[:3]])


def event_base(sentence: str) -> str:
    """The first four content words of the sentence: "carney-arrived-beijing-called"."""
    return "-".join(content_words(strip_dateline(sentence))[:4]) or "event"
