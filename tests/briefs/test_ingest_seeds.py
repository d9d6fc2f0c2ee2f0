"""Ingest on the two seed articles finds every quote and date the curators found."""

from __future__ import annotations

from datetime import date

import pytest

from briefs.ingest import ingest_file
from briefs.ingest.proposal import Proposal, to_json
from tests.briefs.ingest_support import SEEDS
from tests.support.store import fixture_store

AP_QUOTES = [
    ("Donald Trump", "the 51st state."),
    (
        "Mark Carney",
        "At a time of global trade disruption, Canada is focused on building a more "
        "competitive, sustainable and independent economy,",
    ),
    (
        "Mark Carney",
        "We’re forging new partnerships around the world to transform our economy from one "
        "that has been reliant on a single trade partner.",
    ),
    ("Helena Jaczek and Marie-France Lalonde", "avoid confusion"),
    ("Helena Jaczek and Marie-France Lalonde", "advice from the government,"),
    ("Michael Chong", "nothing short of kowtowing to Beijing’s authoritarianism."),
    (
        "Zhu Feng",
        "Carney’s visit does reflect the new space for further development in "
        "China-Canadian relations under the current U.S. trade protectionism,",
    ),
    ("Global Times", "unreasonable tariff restrictions"),
    ("Mao Ning", "consolidate the momentum of improvement in China-Canada relations."),
]

# Not the headline's "this week" nor the photo caption's "Oct. 31, 2025" (line 2, which
# ap-beijing.yaml lists in non_body_lines); the Gyeongju date is curated from polar-herald too.
AP_DATES = [
    ("this week", "2026-01-12", "week"),
    ("nearly a decade", None, None),
    ("Wednesday", "2026-01-14", "day"),
    ("the next decade", None, None),
    ("Friday", "2026-01-16", "day"),
    ("Saturday", "2026-01-17", "day"),
    ("next week", "2026-01-19", "week"),
    ("less than a year", None, None),
    ("nearly a decade", None, None),
    ("2022", "2022-01-01", "year"),
    ("2024", "2024-01-01", "year"),
    ("late 2024", "2024-01-01", "year"),
    ("Monday", "2026-01-12", "day"),
]


@pytest.fixture(scope="module")
def ap() -> Proposal:
    return ingest_file(SEEDS / "ap-beijing.txt", date(2026, 1, 12))


@pytest.fixture(scope="module")
def polar() -> Proposal:
    return ingest_file(SEEDS / "polar-herald.txt", date(2026, 1, 11))


def test_ap_quotes_and_speakers(ap: Proposal) -> None:
    """Every AP quotation is found, in order, with the speaker a reader would name."""
    assert [(q.speaker, q.text) for q in ap.quotes] == AP_QUOTES


def test_ap_dates(ap: Proposal) -> None:
    """Every AP temporal expression resolves by tense against Monday 2026-01-12."""
    found = [(d["text"], d["date"], d["precision"]) for d in to_json(ap)["dates"]]
    assert found == AP_DATES


def test_headline_and_non_body_lines_are_skipped(ap: Proposal) -> None:
    """Nothing is proposed from line 1 (headline) or line 2 (caption, non_body_lines: [2])."""
    text = ap.source.text
    body_start = text.index("BEIJING (AP)")
    assert all(f.start >= body_start for f in ap.dates)
    assert all(q.start >= body_start for q in ap.quotes)


def test_ap_spans_index_the_file(ap: Proposal) -> None:
    """Quote and date spans are str offsets into the file exactly as read."""
    text = (SEEDS / "ap-beijing.txt").read_bytes().decode("utf-8")
    assert all(text[q.start : q.end] == q.text for q in ap.quotes)
    assert all(text[d.start : d.end] == d.text for d in ap.dates)


def test_ap_attribution_details(ap: Proposal) -> None:
    """Joint statements, roles, pronouns and dated attributions carry their details."""
    by_text = {q.text: q for q in ap.quotes}
    assert by_text["advice from the government,"].joint
    assert by_text["avoid confusion"].joint
    zhu = by_text[AP_QUOTES[6][1]]
    assert zhu.attribution == "he said"
    assert zhu.speaker_role.startswith("the dean of the School of International Studies")
    mao = by_text[AP_QUOTES[8][1]]
    assert mao.speaker_role == "Chinese Foreign Ministry spokesperson"
    assert mao.said is not None
    assert mao.said.date == date(2026, 1, 12)
    assert by_text[AP_QUOTES[1][1]].context == "in a statement"
    assert all(q.confidence == "high" for q in ap.quotes)


def test_polar_herald(polar: Proposal) -> None:
    """The Polar Herald piece has no quotations and one date; vague periods are unresolved."""
    assert polar.quotes == ()
    found = [(d["text"], d["date"], d["precision"]) for d in to_json(polar)["dates"]]
    assert found == [("Friday, October 31, 2025", "2025-10-31", "day")]
    assert [u.text for u in polar.unresolved] == [
        "for the near future",
        "concurrently",
        "For decades",
        "in recent years",
        "concurrently",
        "recently",
    ]
    assert polar.warnings == ()


def test_agrees_with_the_curated_store(ap: Proposal) -> None:
    """Ingest finds each curated AP quote at its curated span, said by the curated speaker."""
    store = fixture_store()
    curated = {
        (q.start, q.end, store.person(q.speaker).name)
        for q in store.quotes
        if q.article == "ap-beijing"
    }
    assert {(q.start, q.end, q.speaker) for q in ap.quotes} == curated
