"""Relative dates: weekdays, "next week", "two days ago", "the 20th", placed by tense.

Split from dates.py, which finds the expressions: these handlers resolve the ones that
need the publication date and the sentence's tense, and say when a reading is ambiguous
("next Friday" on a Wednesday), so a reviewer checks rather than trusts it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from briefs.ingest.names import weekday_in_title
from briefs.ingest.tense import day_of_month, shift_months, weekday_date

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
NUMBERS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3}

# (date or None, precision, kind); kind "unresolved" means the text is self-contradictory.
Resolved = tuple[date | None, str | None, str]


def weekday(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    mod = m["mod"].split()[-1].lower() if m["mod"] else ""
    if not mod and weekday_in_title(text, m.pos, m.start(), m.end()):
        return None
    return weekday_date(pub, WEEKDAYS.index(m["wd"]), tense, mod), "day", "weekday"


def unit(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    step = {"this": 0, "next": 1, "last": -1}[m["mod"].lower()]
    if m["unit"] == "week":
        monday = pub - timedelta(days=pub.weekday())
        return monday + timedelta(weeks=step), "week", "relative"
    if m["unit"] == "month":
        return shift_months(pub, step), "month", "relative"
    return date(pub.year + step, 1, 1), "year", "relative"


# "the world as it is today", "as things stand today": the present state, not a day.
_AS_IT_IS = re.compile(r"\bas\s+(?:it|they|things|we|you)\s+(?:is|are|stands?|exists?)\s+$", re.I)


def day_word(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    if m["w"].lower() == "today" and _AS_IT_IS.search(text, max(0, m.start() - 30), m.start()):
        return None
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m["w"].lower()]
    return pub + timedelta(days=shift), "day", "relative"


def ago(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    n = int(m["n"]) if m["n"].isdigit() else NUMBERS[m["n"]]
    unit = m["unit"].rstrip("s")
    if unit == "day":
        return pub - timedelta(days=n), "day", "relative"
    if unit == "week":
        back = pub - timedelta(weeks=n)
        return back - timedelta(days=back.weekday()), "week", "relative"
    if unit == "month":
        return shift_months(pub, -n), "month", "relative"
    years = n * (10 if unit == "decade" else 1)
    return date(pub.year - years, 1, 1), "year", "relative"


def in_n(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    n = int(m["n"]) if m["n"].isdigit() else NUMBERS[m["n"]]
    if m["unit"].startswith("day"):
        return pub + timedelta(days=n), "day", "relative"
    ahead = pub + timedelta(weeks=n)
    return ahead - timedelta(days=ahead.weekday()), "week", "relative"


def nth(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    found = day_of_month(pub, int(m["day"]), tense)
    return (found, "day", "relative") if found else None


def weekday_nth(m: re.Match[str], text: str, pub: date, tense: str) -> Resolved | None:
    """ "Friday the 9th": the date near publication that is both, or unresolved if none is.

    Dropping "the 9th" would give the nearest Friday, which may be another week's; the
    two together pin one day, searched two months either side, nearest on the tense's
    side of publication.
    """
    wanted, day = WEEKDAYS.index(m["wd"]), int(m["day"])
    found = []
    for shift in range(-2, 3):
        index = pub.year * 12 + pub.month - 1 + shift
        try:
            candidate = date(index // 12, index % 12 + 1, day)
        except ValueError:
            continue
        if candidate.weekday() == wanted:
            found.append(candidate)
    if tense == "past":
        found = [d for d in found if d <= pub]
    elif tense == "future":
        found = [d for d in found if d >= pub]
    if not found:
        return None, None, "unresolved"
    return min(found, key=lambda d: abs((d - pub).days)), "day", "weekday"


def next_weekday_note(phrase: str, when: date, pub: date) -> str:
    """For "next Friday" said before Friday in the same week: it may mean the coming one."""
    words = phrase.split()
    if len(words) != 2 or words[0].lower() != "next" or words[1] not in WEEKDAYS:
        return ""
    wanted = WEEKDAYS.index(words[1])
    if wanted <= pub.weekday():
        return ""
    coming = pub + timedelta(days=wanted - pub.weekday())
    return (
        f"ambiguous: “{phrase}” on a {WEEKDAYS[pub.weekday()]} is taken as {when.isoformat()}; "
        f"it may mean the coming {words[1]}, {coming.isoformat()}"
    )
