"""Ingest gaps seen on follow-up articles, each fixed: missed, misread and mis-tensed dates,
and no events mined from quotations or "since" phrases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefs.ingest import ingest_file
from briefs.ingest.proposal import event_dates

PUBLISHED = date(2026, 1, 16)  # a Friday


def _dates(tmp_path: Path, sentence: str) -> list[tuple[str, str | None, str | None, str]]:
    path = tmp_path / "a.txt"
    path.write_text(f"Headline\n{sentence}\n", encoding="utf-8")
    found = ingest_file(path, PUBLISHED).dates
    return [(d.text, d.date.isoformat() if d.date else None, d.precision, d.tense) for d in found]


def test_end_of_the_year_is_found(tmp_path: Path) -> None:
    """ "until at least the end of the year" resolves to the publication year."""
    got = _dates(tmp_path, "Ottawa will keep its tariffs until at least the end of the year.")
    assert [(t, d, p) for t, d, p, _ in got] == [("the end of the year", "2026-01-01", "year")]


def test_the_world_as_it_is_today_is_no_date(tmp_path: Path) -> None:
    """ "the world as it is today" is the present state of things, not a day."""
    assert _dates(tmp_path, "Carney said Canada must deal with the world as it is today.") == []


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("Canada agreed to cut its tariffs by March 1.", ("March 1", "2026-03-01")),
        ("Beijing pledged to lift duties on canola by March 1.", ("March 1", "2026-03-01")),
        ("The two sides agreed to meet on Saturday, officials said.", ("Saturday", "2026-01-17")),
        ("Carney was to leave China on Saturday.", ("Saturday", "2026-01-17")),
    ],
)
def test_intent_in_the_past_tense_looks_ahead(
    tmp_path: Path, sentence: str, want: tuple[str, str]
) -> None:
    """ "agreed to ... by March 1" and "agreed to meet on Saturday" are plans: future tense,
    dated ahead of publication."""
    got = _dates(tmp_path, sentence)
    assert [(t, d, tense) for t, d, _, tense in got] == [(*want, "future")]


def test_a_past_saturday_stays_past(tmp_path: Path) -> None:
    """ "flew to Doha on Saturday" is still the Saturday before publication."""
    assert _dates(tmp_path, "Carney flew to Doha on Saturday.") == [
        ("Saturday", "2026-01-10", "day", "past")
    ]


def test_since_is_no_event(tmp_path: Path) -> None:
    """ "at odds since 2017" is found as a date but never proposed as an event."""
    path = tmp_path / "a.txt"
    path.write_text("Headline\nCanada and China have been at odds since 2017.\n", encoding="utf-8")
    proposal = ingest_file(path, PUBLISHED)
    assert [d.text for d in proposal.dates] == ["2017"]
    assert event_dates(proposal) == []


def test_quotes_are_never_mined_for_events(tmp_path: Path) -> None:
    """A date inside a quotation is what someone said, so it proposes no event."""
    path = tmp_path / "a.txt"
    path.write_text(
        "Headline\n“We will meet again on March 3,” Xi said. Carney flies to Doha on Saturday.\n",
        encoding="utf-8",
    )
    proposal = ingest_file(path, PUBLISHED)
    assert [d.text for d in event_dates(proposal)] == ["Saturday"]


def test_a_relative_clause_date_is_not_when_a_quote_was_said(tmp_path: Path) -> None:
    """In "Carney, who arrived on Wednesday, called it “frank.”" Wednesday is the arrival's."""
    path = tmp_path / "a.txt"
    path.write_text(
        "Headline\nCarney, who arrived in Beijing on Wednesday, called the talks “frank.”\n",
        encoding="utf-8",
    )
    (quote,) = ingest_file(path, PUBLISHED).quotes
    assert quote.speaker == "Carney"
    assert quote.said is None
