"""Ingest on hand-written follow-up articles matches hand-written expectations exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.ingest import ingest_file
from briefs.ingest.proposal import to_json
from tests.briefs.ingest_support import FIXTURES, expected

ARTICLES = sorted(FIXTURES.glob("*.txt"))


def test_there_are_fixtures() -> None:
    """The fixture set is present: at least three articles, each with expectations."""
    assert len(ARTICLES) >= 3
    assert all(a.with_name(a.stem + ".expected.yaml").is_file() for a in ARTICLES)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_quotes_match_expectations(article: Path) -> None:
    """Every quote is found with its speaker and joint flag; nothing extra, nothing missing."""
    got = to_json(ingest_file(article, None))["quotes"]
    want = expected(article)["quotes"]
    assert [(q["speaker"], q["text"]) for q in got] == [(q["speaker"], q["text"]) for q in want]
    assert [q["joint"] for q in got] == [bool(q.get("joint", False)) for q in want]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_dates_match_expectations(article: Path) -> None:
    """Every temporal expression resolves to the expected date and precision, in order."""
    got = to_json(ingest_file(article, None))["dates"]
    want = expected(article)["dates"]
    assert [(d["text"], d["date"], d["precision"]) for d in got] == [
        (d["text"], d["date"], d["precision"]) for d in want
    ]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_spans_include_front_matter(article: Path) -> None:
    """Offsets count from the start of the file, front matter included."""
    text = article.read_bytes().decode("utf-8")
    proposal = ingest_file(article, None)
    assert text.startswith("---\n")
    assert all(text[q.start : q.end] == q.text for q in proposal.quotes)
    assert all(text[d.start : d.end] == d.text for d in proposal.dates)
    assert proposal.warnings == ()
