"""Tense around a temporal expression, and calendar arithmetic that depends on it.

"arrives Wednesday" (present, a schedule) is the coming Wednesday; "said Monday" (past)
is the most recent Monday, the same day allowed; "will meet ... on Friday" is ahead.
The clause holding the expression decides first, so in "Canada may revisit tariffs in
May, officials said" the modal, not the reporting verb, places May; within a clause the
nearest verb-like word to the left wins, else the nearest to the right ("On Friday,
Carney met Xi"). Only when the clause shows no tense does the rest of the sentence
decide; with no verb in sight, headline present is assumed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from briefs.ingest.text import word_set

FUTURE = frozenset({"will", "shall", "'ll", "’ll", "won't", "won’t", "would"})
# Modals put what they govern ahead of the publication date, unless "have" follows
# ("could have acted in May" is past). Capitalised "May" is the month, never a modal.
MODALS = word_set("may might could should must can cannot can't can’t")
FUTURE_BEFORE_TO = frozenset(
    {"going", "set", "due", "scheduled", "expected", "plans", "planning", "plan", "poised"}
    | {"slated", "about", "intends", "intend", "aims", "aim", "hopes", "hope", "is", "are"}
    | {"likely", "wants", "want", "seeks", "ready", "prepared", "preparing"}
    # Past-tense intent looks ahead: "agreed to meet on Saturday", "pledged to cut tariffs
    # by March 1", "was to leave on Saturday" are plans, not things done.
    | {"agreed", "pledged", "promised", "vowed", "decided", "planned", "arranged", "was", "were"}
    | {"expects", "agreed", "agree", "promise", "promises", "pledge", "pledges", "vow", "vows"}
)
PAST = word_set(
    """
    was were had did said told met went came left spoke took made gave held began flew saw
    wrote became sought brought ago yesterday ran won lost sent paid led fell rose stood
    thought felt found kept
    """
)
PRESENT = word_set(
    """
    is are am arrives leaves departs meets visits travels heads begins starts opens closes
    ends returns flies lands hosts attends speaks holds takes goes comes says plans remains
    visiting arriving heading travelling traveling leaving hosting
    """
)
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "this", "that", "our"})
_WORD = re.compile(r"[A-Za-z’']+")
_NOT_PAST_ED = frozenset({"need", "speed", "indeed", "proceed", "succeed", "exceed", "feed"})


def _classify(words: list[str], i: int) -> str | None:
    word = words[i]
    prev = words[i - 1] if i else ""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if word in FUTURE or word in MODALS:
        return "past" if nxt == "have" and word not in ("will", "shall") else "future"
    if word == "to" and prev in FUTURE_BEFORE_TO:
        return "future"
    if word in PAST:
        return "past"
    if word in PRESENT and prev not in _DETERMINERS:
        return "future" if nxt == "to" and word in FUTURE_BEFORE_TO else "present"
    if (
        len(word) > 4
        and word.endswith("ed")
        and word not in _NOT_PAST_ED
        and prev not in _DETERMINERS
        and prev not in ("be", "been", "being", "is", "are", "will")
        and nxt != "to"
    ):
        return "past"
    return None


def _words(text: str, start: int, end: int) -> list[str]:
    """Lowercased words, except the month "May", so it never reads as the modal."""
    return [w if w == "May" else w.lower() for w in _WORD.findall(text, start, end)]


def _nearest(left: list[str], right: list[str]) -> str | None:
    """The tense of the nearest verb-like word to the left, else to the right."""
    for i in range(len(left) - 1, -1, -1):
        found = _classify(left, i)
        if found:
            return found
    for i in range(len(right)):
        found = _classify(right, i)
        if found:
            return found
    return None


def tense_at(text: str, sent_start: int, sent_end: int, start: int, end: int) -> str:
    """'past', 'future' or 'present' for the expression at text[start:end] in its sentence."""
    own = clause_tense(text, sent_start, sent_end, start, end)
    if own is not None:
        return own
    left = _words(text, sent_start, start)
    return _nearest(left, _words(text, end, sent_end)) or "present"


def weekday_date(published: date, weekday: int, tense: str, modifier: str) -> date:
    """The calendar date of a weekday named in an article published on `published`."""
    monday = published - timedelta(days=published.weekday())
    back = (published.weekday() - weekday) % 7
    if modifier in ("last", "past"):
        return published - timedelta(days=back or 7)
    if modifier == "next":
        return monday + timedelta(days=7 + weekday)
    if modifier == "this":
        return monday + timedelta(days=weekday)
    if modifier == "coming":
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if tense == "past":
        return published - timedelta(days=back)
    return published + timedelta(days=(weekday - published.weekday()) % 7)


def month_year(published: date, month: int, tense: str) -> int:
    """The year of a month named without one: behind us if past tense, else ahead."""
    if tense == "past":
        return published.year if month <= published.month else published.year - 1
    return published.year if month >= published.month else published.year + 1


def day_in_year(published: date, month: int, day: int, tense: str | None) -> date | None:
    """A month and day printed without a year: news style means the publication year,
    unless the clause's own tense puts it on the other side of the publication date."""
    try:
        found = date(published.year, month, day)
    except ValueError:
        return None
    if tense == "past" and found > published:
        return found.replace(year=published.year - 1)
    if tense == "future" and found < published:
        return found.replace(year=published.year + 1)
    return found


_CLAUSE_END = re.compile(r"[,;:—–“”\"()]|\b(?:that|because|although|though|while|whereas|unless)\b")


def clause_tense(text: str, sent_start: int, sent_end: int, start: int, end: int) -> str | None:
    """The tense within the expression's own clause only, or None if it shows none.

    A clause ends at punctuation or a subordinating word, so in "told Carney on Friday
    that the two should ..." Friday stays with "told", and "should" is another clause's.
    """
    left_edge = max(
        (m.end() for m in _CLAUSE_END.finditer(text, sent_start, start)), default=sent_start
    )
    right = _CLAUSE_END.search(text, end, sent_end)
    right_edge = right.start() if right else sent_end
    return _nearest(_words(text, left_edge, start), _words(text, end, right_edge))


def day_of_month(published: date, day: int, tense: str) -> date | None:
    """ "on the 20th": this month's or a neighbouring month's, by tense."""
    months = []
    for shift in (-1, 0, 1):
        index = published.year * 12 + published.month - 1 + shift
        months.append((index // 12, index % 12 + 1))
    options = []
    for year, month in months:
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if tense == "past":
        behind = [d for d in options if d <= published]
        return max(behind) if behind else None
    ahead = [d for d in options if d >= published]
    return min(ahead) if ahead else None


def shift_months(start: date, months: int) -> date:
    """The first day of the month `months` away from `start`'s month."""
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
