"""Temporal expressions: our candidates, dateparser's parsing, and tense-aware resolution."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefs.ingest import ingest_file
from briefs.ingest.dates import find_dates
from briefs.ingest.source import Paragraph
from briefs.ingest.text import sentences
from briefs.ingest.vague import find_vague

MONDAY = date(2026, 1, 12)


def dates_in(text: str, published: date = MONDAY) -> list[tuple[str, str | None, str | None]]:
    paragraph = (Paragraph(1, 0, len(text)),)
    found = find_dates(text, sentences(text, paragraph), published)
    return [(f.text, f.date.isoformat() if f.date else None, f.precision) for f in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Carney, who arrives Wednesday, is part of it.", ("Wednesday", "2026-01-14", "day")),
        ("Mao Ning said Monday that China looks forward.", ("Monday", "2026-01-12", "day")),
        ("Carney will meet Xi on Friday.", ("Friday", "2026-01-16", "day")),
        ("Carney will be in China until Saturday.", ("Saturday", "2026-01-17", "day")),
        ("He met Xi on Friday.", ("Friday", "2026-01-09", "day")),
        ("On Sunday, Carney told reporters little.", ("Sunday", "2026-01-11", "day")),
        ("He is set to arrive Thursday.", ("Thursday", "2026-01-15", "day")),
        ("They spoke last Tuesday.", ("last Tuesday", "2026-01-06", "day")),
        ("They will speak next Tuesday.", ("next Tuesday", "2026-01-20", "day")),
        ("He attends Davos next week.", ("next week", "2026-01-19", "week")),
        ("He was busy last week.", ("last week", "2026-01-05", "week")),
        ("Talks resume next month.", ("next month", "2026-02-01", "month")),
        ("A trade mission will visit in May.", ("May", "2026-05-01", "month")),
        ("Talks stalled in May.", ("May", "2025-05-01", "month")),
        ("The report is due on the 20th.", ("the 20th", "2026-01-20", "day")),
        ("The report came out on the 20th.", ("the 20th", "2025-12-20", "day")),
        ("They met on Jan. 6.", ("Jan. 6", "2026-01-06", "day")),
        ("They met on Jan. 16.", ("Jan. 16", "2025-01-16", "day")),
        ("They met on Dec. 3.", ("Dec. 3", "2025-12-03", "day")),
        ("Labour came to power in 2024.", ("2024", "2024-01-01", "year")),
        ("Talks were held in late 2024 in Brazil.", ("late 2024", "2024-01-01", "year")),
        ("It opened in March 2025.", ("March 2025", "2025-03-01", "month")),
        ("They met Friday, October 31, 2025.", ("Friday, October 31, 2025", "2025-10-31", "day")),
        ("It began two years ago.", ("two years ago", "2024-01-01", "year")),
        ("He said it yesterday.", ("yesterday", "2026-01-11", "day")),
        ("They met on 5 Jan and left.", ("5 Jan", "2026-01-05", "day")),
        ("They met on 5 Sept 2025.", ("5 Sept 2025", "2025-09-05", "day")),
        ("They met on Sept 5, 2025.", ("Sept 5, 2025", "2025-09-05", "day")),
        ("They met Friday the 9th.", ("Friday the 9th", "2026-01-09", "day")),
        ("They will meet Friday the 13th.", ("Friday the 13th", "2026-02-13", "day")),
    ],
)
def test_resolution(sentence: str, expected: tuple[str, str, str]) -> None:
    """Each expression resolves against Monday 2026-01-12 by its own tense and modifiers."""
    assert dates_in(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Trump mused that Canada could become the 51st state.",
        "The goodwill may not survive.",
        "China is the world's second-largest economy and the U.S. is No. 1.",
        "Records list 2024 Canadian companies.",
        "For decades, trade ran south, and in recent years it has strained.",
        "The trip is scheduled for the near future.",
        "It was a three-day visit.",
    ],
)
def test_no_false_hits(sentence: str) -> None:
    """Ordinals, the verb "may", ranks, counts and vague periods are not dates."""
    assert dates_in(sentence) == []


@pytest.mark.parametrize(
    "phrase", ["nearly a decade", "the next decade", "less than a year", "two weeks"]
)
def test_durations_have_no_date(phrase: str) -> None:
    """Durations are reported deliberately, with kind "duration" and no date."""
    text = f"It took {phrase} to get here."
    paragraph = (Paragraph(1, 0, len(text)),)
    [found] = find_dates(text, sentences(text, paragraph), MONDAY)
    assert (found.text, found.date, found.precision, found.kind) == (phrase, None, None, "duration")


def test_same_day_weekday_in_the_future() -> None:
    """A future weekday equal to the publication day is that day, not a week later."""
    assert dates_in("Carney arrives Monday.") == [("Monday", "2026-01-12", "day")]


def test_month_day_around_new_year() -> None:
    """A month and day with future tense that fell earlier in the year is next year's."""
    assert dates_in("They will meet on Jan. 5.", date(2025, 12, 20)) == [
        ("Jan. 5", "2026-01-05", "day")
    ]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Canada may revisit tariffs in May, officials said.", "2026-01-21", "2026-05-01"),
        ("Officials said the deal could come in May.", "2026-01-14", "2026-05-01"),
        ("Officials said talks might resume in March.", "2026-01-14", "2026-03-01"),
        ("The deal is expected to close in March, he said.", "2026-01-14", "2026-03-01"),
        ("Ottawa plans to decide in April, officials said.", "2026-01-14", "2026-04-01"),
        ("Officials said that in May Canada will act.", "2026-01-14", "2026-05-01"),
        ("Canada could have acted in May, critics said.", "2026-01-14", "2025-05-01"),
        ("Xi told Carney on Friday that they should meet.", "2026-01-14", "2026-01-09"),
        ("Mao Ning said Monday that talks could resume.", "2026-01-14", "2026-01-12"),
        ("Carney arrives Wednesday, officials said.", "2026-01-12", "2026-01-14"),
    ],
)
def test_clause_decides_tense(sentence: str, published: str, expected: str) -> None:
    """The clause holding the date, modals included, decides its tense, not the reporting verb."""
    [(_, got, _)] = dates_in(sentence, date.fromisoformat(published))
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They met on 14 February.", ("14 February", "2025-02-14", "day")),
        ("They will meet on 14 February.", ("14 February", "2026-02-14", "day")),
        ("He arrived on 12 Jan.", ("12 Jan.", "2026-01-12", "day")),
        ("The summit on 3 March", ("3 March", "2026-03-03", "day")),
        ("The summit on 3 March was short.", ("3 March", "2025-03-03", "day")),
        ("It ends on the 3rd of March.", ("the 3rd of March", "2026-03-03", "day")),
        ("They will meet on February 14.", ("February 14", "2026-02-14", "day")),
        ("They met on 14 February 2026.", ("14 February 2026", "2026-02-14", "day")),
    ],
)
def test_day_and_month_without_year(sentence: str, expected: tuple[str, str, str]) -> None:
    """Day-first and month-first dates without a year get day precision and a tense-set year."""
    assert dates_in(sentence) == [expected]


def test_day_first_abbreviation_ends_a_sentence() -> None:
    """ "12 Jan." closes its sentence, so the next sentence keeps its own tense."""
    found = dates_in("He arrived on 12 Jan. The summit on 3 March will be short.")
    assert found == [("12 Jan.", "2026-01-12", "day"), ("3 March", "2026-03-03", "day")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Sunday Times reported it.", []),
        ("Saturday Night Live mocked the trip.", []),
        ("It ran in The Sunday Telegraph.", []),
        ("He told the Sunday Times little.", []),
        ("Carney said Tuesday Canada would act.", [("Tuesday", "2026-01-06", "day")]),
        ("The Sunday meeting went well.", [("Sunday", "2026-01-11", "day")]),
        ("They met Friday, October 31, 2025.", [("Friday, October 31, 2025", "2025-10-31", "day")]),
        ("On Monday January 12 he landed.", [("Monday January 12", "2026-01-12", "day")]),
    ],
)
def test_weekday_in_a_title_is_not_a_date(sentence: str, expected: list[object]) -> None:
    """A weekday that is a word of a capitalised name is skipped; a weekday as a day is not."""
    assert dates_in(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "For decades, trade ran south, and in recent years it has strained.",
            ["For decades", "in recent years"],
        ),
        ("The trip is scheduled for the near future.", ["for the near future"]),
        ("Ottawa, meanwhile, acted concurrently.", ["meanwhile", "concurrently"]),
        ("At the same time, he had landed the day before.", ["At the same time", "the day before"]),
        (
            "It will happen in the near future, he said recently.",
            ["in the near future", "recently"],
        ),
        (
            "Talks may resume in the coming weeks or this spring.",  # the first: a duration
            ["this spring"],
        ),
        ("Prices rose over the past few years.", ["over the past few years"]),
        ("Over the past decade, ties soured.", []),
        ("The fall in prices hurt, as it has for some time.", ["for some time"]),
    ],
)
def test_vague_expressions_are_unresolved(sentence: str, expected: list[str]) -> None:
    """Vague time expressions are listed apart from dates, never overlapping one."""
    paragraph = (Paragraph(1, 0, len(sentence)),)
    found = sentences(sentence, paragraph)
    taken = [(d.start, d.end) for d in find_dates(sentence, found, MONDAY)]
    assert [u.text for u in find_vague(sentence, found, taken)] == expected


@pytest.mark.parametrize(
    "sentence", ["Jan Smith spoke.", "Jan and Dec came.", "The Mar 3 plan failed in 2024 talks."]
)
def test_undotted_month_abbreviation_needs_a_day(sentence: str) -> None:
    """ "Jan" without a period is a date only next to a day number, never a name on its own."""
    assert all("Jan" not in t and "Dec" not in t for t, _, _ in dates_in(sentence))


def test_weekday_nth_that_never_falls_near_is_unresolved(tmp_path: Path) -> None:
    """ "Friday the 10th" with no such Friday within two months is unresolved, with a warning."""
    path = tmp_path / "article.txt"
    path.write_text("Headline\nThey will meet Friday the 10th.\n", encoding="utf-8")
    proposal = ingest_file(path, MONDAY)
    assert proposal.dates == ()
    assert [u.text for u in proposal.unresolved] == ["Friday the 10th"]
    assert "left unresolved" in proposal.warnings[0]


@pytest.mark.parametrize(
    ("sentence", "published", "noted"),
    [
        ("He will come next Friday.", date(2026, 1, 14), True),
        ("He will come next Monday.", date(2026, 1, 14), False),
        ("He will come Friday.", date(2026, 1, 14), False),
    ],
)
def test_next_weekday_ambiguity_is_noted(sentence: str, published: date, noted: bool) -> None:
    """ "next Friday" said before Friday in the same week carries a note naming both readings."""
    paragraph = (Paragraph(1, 0, len(sentence)),)
    [found] = find_dates(sentence, sentences(sentence, paragraph), published)
    assert bool(found.note) is noted
    if noted:
        assert "2026-01-16" in found.note
        assert "2026-01-23" in found.note
