"""Temporal expressions: found by our own patterns, parsed by dateparser, placed by tense.

`search_dates` alone hits "51st", "may" and "second-largest" and places weekdays without
regard to tense, so candidates come from the patterns below (each needs a month name, a
weekday, a relative word, or a year in a year context) and only the explicit ones go to
dateparser. Weekdays and relative words are resolved against the publication date by
the tense of their sentence (see tense.py). Durations ("nearly a decade", "less than a
year") are reported with kind "duration" and no date, so a reviewer sees they were
considered; vague periods with no quantity ("for decades", "in recent years") are left to
vague.py, which lists them as unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import dateparser

from briefs.ingest.relative import (
    WEEKDAYS,
    Resolved,
    ago,
    day_word,
    in_n,
    next_weekday_note,
    nth,
    unit,
    weekday,
    weekday_nth,
)
from briefs.ingest.tense import clause_tense, day_in_year, month_year, tense_at
from briefs.ingest.text import Sentence, word_set

MONTHS = "January February March April May June July August September October November December"
MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS.split(), start=1)}
MONTH_NUMBER |= {"Sept": 9} | {name[:3]: i for name, i in list(MONTH_NUMBER.items())}

_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
)
_ORD = r"(?:st|nd|rd|th)"
_N = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)"
_QTY = (
    r"(?:(?:nearly|almost|about|around|roughly|more than|less than|over|under|just|only|some"
    r"|at least)\s+)?"
)
_COUNT = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few"
    r"|a couple of|\d+)"
)
_UNITS = r"(?:decades?|years?|months?|weeks?|days?|hours?|centuries|century)"
YEAR_CONTEXT = word_set(
    """
    in since until till by from to of before after through during between circa around year
    early late mid and or
    """
)
MONTH_CONTEXT = YEAR_CONTEXT | {"last", "next", "this", "or", "mid"}


@dataclass(frozen=True, slots=True)
class DateFinding:
    """One temporal expression, its span, and what it resolves to (None for durations)."""

    text: str
    start: int
    end: int
    date: date | None
    precision: str | None  # day | week | month | year | None
    kind: str  # absolute | relative | weekday | duration
    tense: str
    sentence: Sentence
    note: str = ""  # what a reviewer should check ("next Friday" may mean the coming one)


Handler = Callable[[re.Match[str], str, date, str], Resolved | None]


@lru_cache(maxsize=8192)
def parse_explicit(phrase: str, parts: tuple[str, ...]) -> date | None:
    """dateparser on an explicit date phrase ("Oct. 31, 2025"); cached, it is slow per call."""
    got = dateparser.parse(
        phrase,
        languages=["en"],
        settings={
            "REQUIRE_PARTS": list(parts),
            "PREFER_DAY_OF_MONTH": "first",
            "PREFER_DATES_FROM": "current_period",
            "RELATIVE_BASE": datetime(2000, 1, 1),
            "DATE_ORDER": "MDY",
        },
    )
    return got.date() if got is not None else None


def _words_before(text: str, start: int, count: int = 1) -> list[str]:
    return re.findall(r"[A-Za-z]+", text[max(0, start - 40) : start].lower())[-count:]


def _full(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    phrase = f"{m['mon'].rstrip('.')} {m['day']} {m['year']}"
    found = parse_explicit(phrase, ("day", "month", "year"))
    return (found, "day", "absolute") if found else None


def _month_day(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    parsed = parse_explicit(f"{m['mon'].rstrip('.')} {m['day']}", ("day", "month"))
    if parsed is None:
        return None
    own = clause_tense(text, m.pos, m.endpos, m.start(), m.end())
    found = day_in_year(pub, parsed.month, parsed.day, own)
    if found is not None and m["wd"]:
        for year in (found.year, found.year - 1, found.year + 1):
            try:
                candidate = date(year, parsed.month, parsed.day)
            except ValueError:
                continue
            if WEEKDAYS[candidate.weekday()] == m["wd"]:
                found = candidate
                break
    return (found, "day", "absolute") if found else None


def _month_year(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    found = parse_explicit(f"{m['mon'].rstrip('.')} {m['year']}", ("month", "year"))
    return (found.replace(day=1), "month", "absolute") if found else None


def _year(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    after = text[m.end() : m.end() + 12]
    before = _words_before(text, m.start())
    if not (m["q"] or (before and before[0] in YEAR_CONTEXT) or re.match(r"['’]s\s", after)):
        return None
    if re.match(r"\s+(?:tonnes|people|units|delegates|votes|times|km|miles|jobs|cars)\b", after):
        return None
    found = parse_explicit(m["year"], ("year",))
    return (date(found.year, 1, 1), "year", "absolute") if found else None


def _month(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    mod = (m["mod"] or "").strip().rstrip("-")
    before = _words_before(text, m.start())
    if m["mon"] in ("May", "March") and not mod and not (before and before[0] in MONTH_CONTEXT):
        return None
    month = MONTH_NUMBER[m["mon"]]
    if mod == "last":
        tense = "past"
    elif mod == "next":
        tense = "future"
    year = month_year(pub, month, tense)
    if mod == "last" and month == pub.month:
        year -= 1
    if mod == "next" and month == pub.month:
        year += 1
    return date(year, month, 1), "month", "absolute"


def _duration(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    return None, None, "duration"


def _year_end(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    """ "until at least the end of the year": this year (next year's when it says so)."""
    year = pub.year + (1 if m["which"].lower() == "next" else 0)
    return date(year, 1, 1), "year", "relative"


RULES: tuple[tuple[re.Pattern[str], Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (r"\b(?:the\s+)?end\s+of\s+(?P<which>the|this|next)\s+year\b", _year_end),
        (rf"\b(?:{_WD},?\s+)?{_MON}\s+(?P<day>\d{{1,2}}){_ORD}?,?\s+(?P<year>\d{{4}})\b", _full),
        (
            rf"\b(?:{_WD},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}}){_ORD}?\s+(?:of\s+)?{_MON},?\s+"
            rf"(?P<year>\d{{4}})\b",
            _full,
        ),
        (rf"\b(?P<q>(?:early|mid|late)[- ])?{_MON}\s+(?:of\s+)?(?P<year>\d{{4}})\b", _month_year),
        (rf"\b(?:{_WD},?\s+)?{_MON}\s+(?P<day>\d{{1,2}}){_ORD}?\b(?![,\s]*\d)", _month_day),
        (
            rf"\b(?:{_WD},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}}){_ORD}?\s+(?:of\s+)?{_MON}"
            r"(?![\w-]|,?\s*\d)",
            _month_day,
        ),
        (rf"\b{_QTY}{_N}\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago\b", ago),
        (
            r"(?<!the )\b(?:(?:earlier|later)\s+)?(?P<mod>[Tt]his|[Nn]ext|[Ll]ast)\s+"
            r"(?P<unit>week|month|year)\b",
            unit,
        ),
        (r"\b(?P<w>[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow)\b", day_word),
        (
            rf"\b(?:on|by|until|till|from|since|before|after|through)\s+(?P<x>the\s+"
            rf"(?P<day>\d{{1,2}}){_ORD})\b(?!\s+(?:of\s+)?{_MON})(?!\s+[a-z])",
            nth,
        ),
        (r"\bin\s+(?P<x>" + _N + r"\s+(?P<unit>days?|weeks?))\b", in_n),
        (rf"\b{_WD},?\s+the\s+(?P<day>\d{{1,2}}){_ORD}\b(?!\s+(?:of\s+)?{_MON})", weekday_nth),
        (
            r"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his coming|[Tt]his past|[Tt]his|[Cc]oming"
            rf"|[Pp]ast)\s+)?{_WD}(?!s\b)",
            weekday,
        ),
        (
            r"(?<![\w$£€.,/-])(?P<q>(?:early|mid|late)[- ]|mid-)?(?P<year>1[89]\d\d|20\d\d)"
            r"(?![\w%/-]|[.,]\d)",
            _year,
        ),
        (
            r"\b(?P<mod>(?:last|next|this|early|late)\s+|mid-)?(?P<mon>January|February|March|"
            r"April|May|June|July|August|September|October|November|December)\b(?!\s+\d)",
            _month,
        ),
        (rf"\bthe\s+(?:next|past|last|coming|previous)\s+(?:{_COUNT}\s+)?{_UNITS}\b", _duration),
        (rf"(?<![\w-]){_QTY}{_COUNT}\s+{_UNITS}(?![\w-])", _duration),
    )
)


def find_dates(text: str, sentences: list[Sentence], published: date) -> list[DateFinding]:
    """Every temporal expression in the body, in text order, resolved against `published`."""
    found: list[DateFinding] = []
    for sent in sentences:
        taken: list[tuple[int, int]] = []
        for pattern, handler in RULES:
            for match in pattern.finditer(text, sent.start, sent.end):
                start, end = match.span("x") if "x" in pattern.groupindex else match.span()
                if any(s < end and start < e for s, e in taken):
                    continue
                tense = tense_at(text, sent.start, sent.end, start, end)
                resolved = handler(match, text, published, tense)
                if resolved is None:
                    continue
                taken.append((start, end))
                when, precision, kind = resolved
                note = next_weekday_note(text[start:end], when, published) if when else ""
                found.append(
                    DateFinding(
                        text[start:end], start, end, when, precision, kind, tense, sent, note
                    )
                )
    return sorted(found, key=lambda f: f.start)


def weekday_mismatches(findings: list[DateFinding]) -> list[str]:
    """Warnings for explicit dates whose printed weekday disagrees with the calendar."""
    problems = []
    for f in findings:
        named = next((w for w in WEEKDAYS if f.text.startswith(w)), None)
        if named and f.date and f.kind == "absolute" and WEEKDAYS[f.date.weekday()] != named:
            actual = WEEKDAYS[f.date.weekday()]
            problems.append(f"offset {f.start}: {f.text!r} is a {actual}, not a {named}")
    return problems
