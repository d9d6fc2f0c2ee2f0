"""The fixture store (a frozen copy of seeds/): complete, verbatim and consistent with its
articles. The live seeds/ is `briefs check`'s to guard; these pin the frozen copy only."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from briefs.model import Precision, Stance, Store
from briefs.paths import STORE_ENV, default_root
from briefs.store import load_store
from briefs.store.content.bodies import quotations
from tests.support.store import FIXTURE_STORE, copy_store

REPO_SEEDS = Path(__file__).resolve().parents[2] / "seeds"
POLAR_ADDED = datetime(2026, 1, 11, 12, tzinfo=UTC)
AP_ADDED = datetime(2026, 1, 12, 18, tzinfo=UTC)


@pytest.fixture(scope="module")
def store() -> Store:
    return load_store(FIXTURE_STORE)


def test_every_curated_quote_is_verbatim_at_its_span(store):
    """Each stored quote is exactly the article's characters between start and end."""
    for quote in store.quotes:
        assert store.article(quote.article).text[quote.start : quote.end] == quote.text, quote.id


def test_every_quotation_in_the_articles_is_in_the_store(store):
    """Scanning the articles for quotation marks finds nothing the store lacks."""
    stored = {(q.article, q.start, q.end) for q in store.quotes}
    found = [(a.id, *span) for a in store.articles for span in quotations(a.text)]
    assert len(found) == 9
    assert [span for span in found if span not in stored] == []
    assert len(store.quotes) == len(found)


def test_quote_speakers_are_attributed_as_printed(store):
    """The fragments and their speakers match the articles' attributions."""
    speakers = {q.text: store.person(q.speaker).name for q in store.quotes}
    assert speakers["the 51st state."] == "Donald Trump"
    assert speakers["avoid confusion"] == "Helena Jaczek and Marie-France Lalonde"
    assert speakers["advice from the government,"] == "Helena Jaczek and Marie-France Lalonde"
    assert speakers["nothing short of kowtowing to Beijing’s authoritarianism."] == "Michael Chong"
    assert speakers["unreasonable tariff restrictions"] == "Global Times"
    assert [q.text[:9] for q in store.quotes if q.speaker == "zhu-feng"] == ["Carney’s "]
    assert len([q for q in store.quotes if q.speaker == "mark-carney"]) == 2


def test_said_is_set_only_for_the_dated_remark(store):
    """Only Mao Ning's remark has a date in the text ("said Monday" = 2026-01-12)."""
    dated = {q.id: q.said for q in store.quotes if q.said is not None}
    assert list(dated) == ["mao-ning-momentum"]
    said = dated["mao-ning-momentum"]
    assert said is not None
    assert (said.date, said.precision) == (date(2026, 1, 12), Precision.DAY)


def test_every_reference_resolves(store):
    """Sources, speakers, actors, sides and reaction quotes all name records that exist."""
    articles = {a.id for a in store.articles}
    people = {p.id for p in store.people}
    for fact in store.facts():
        assert fact.sources, fact.id
        assert set(fact.sources) <= articles, fact.id
    assert {p.side for p in store.people} <= {s.id for s in store.sides}
    assert {q.speaker for q in store.quotes} <= people
    assert {r.actor for r in store.reactions} <= people
    assert {q for r in store.reactions for q in r.quotes} <= {q.id for q in store.quotes}


def test_ids_are_unique_across_fact_kinds(store):
    """No two facts share an id, whatever their kind."""
    ids = [fact.id for fact in store.facts()]
    assert len(ids) == len(set(ids))


def test_the_people_the_story_needs_are_present(store):
    """Everyone the articles name is there with a side and search aliases."""
    names = {p.name for p in store.people}
    for name in (
        "Mark Carney",
        "Xi Jinping",
        "Donald Trump",
        "Helena Jaczek",
        "Marie-France Lalonde",
        "Michael Chong",
        "Zhu Feng",
        "Mao Ning",
        "Global Times",
        "Canadian officials",
        "Canada's Finance Minister",
        "Anthony Albanese",
        "Keir Starmer",
        "Justin Trudeau",
        "Jimmy Lai",
    ):
        assert name in names
    chong = store.person("michael-chong")
    assert "Chong" in chong.aliases
    assert store.side(chong.side).label == "Canadian opposition"
    assert store.side(store.person("global-times").side).label == "Chinese state media"


@pytest.mark.parametrize(
    ("event_id", "when", "precision"),
    [
        ("gyeongju-meeting", date(2025, 10, 31), Precision.DAY),
        ("albanese-labor-to-power", date(2022, 1, 1), Precision.YEAR),
        ("starmer-labour-wins", date(2024, 1, 1), Precision.YEAR),
        ("starmer-xi-brazil-talks", date(2024, 1, 1), Precision.YEAR),
        ("carney-takes-office", date(2025, 1, 1), Precision.YEAR),
        ("mao-ning-remarks", date(2026, 1, 12), Precision.DAY),
        ("carney-arrives", date(2026, 1, 14), Precision.DAY),
        ("carney-meets-xi", date(2026, 1, 16), Precision.DAY),
        ("carney-leaves-china", date(2026, 1, 17), Precision.DAY),
        ("carney-visits-qatar", date(2026, 1, 1), Precision.MONTH),
        ("carney-at-davos", date(2026, 1, 1), Precision.MONTH),
    ],
)
def test_timeline_dates_are_resolved_against_publication(store, event_id, when, precision):
    """Relative dates in the articles resolve to these dates and no finer precision."""
    event = next(e for e in store.events if e.id == event_id)
    assert (event.date, event.precision) == (when, precision)


def test_reactions_cover_each_side_with_stances(store):
    """Welcoming China, critical opposition, cautious analysts and officials are all there."""
    stances = {r.actor: r.stance for r in store.reactions}
    assert stances["global-times"] == Stance.WELCOMING
    assert stances["mao-ning"] == Stance.WELCOMING
    assert stances["michael-chong"] == Stance.CRITICAL
    assert stances["zhu-feng"] == Stance.CAUTIOUS
    assert stances["canadian-officials"] == Stance.CAUTIOUS
    assert stances["jaczek-lalonde"] == Stance.EXPLANATORY


def test_summary_has_several_points_in_every_section(store):
    """Each fixed section says something and every point cites an article."""
    for name, points in store.summary.sections():
        assert len(points) >= 3, name
        assert all(p.text.strip() and p.sources for p in points)


def test_added_stamps_follow_the_first_article(store):
    """No fact is stamped before the piece that first carried it: Polar Herald, then AP."""
    for fact in store.facts():
        first = POLAR_ADDED if "polar-herald" in fact.sources else AP_ADDED
        assert fact.added >= first, fact.id
    assert store.version >= AP_ADDED


def test_articles_are_exact_and_oldest_first(store):
    """Article text keeps its exact characters; the Polar Herald piece (11 Jan) comes first."""
    assert [a.id for a in store.articles] == ["polar-herald", "ap-beijing"]
    ap = store.article("ap-beijing")
    assert ap.text == (FIXTURE_STORE / "articles/ap-beijing.txt").read_bytes().decode("utf-8")
    assert ap.published == date(2026, 1, 12)
    assert ap.published_approximate is False
    assert store.article("polar-herald").published_approximate is True


def test_store_is_frozen(store):
    """Loaded objects cannot be changed underneath the handlers sharing them."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(store.quotes[0], "text", "changed")  # noqa: B010


def test_digest_changes_when_any_file_changes(tmp_path, store):
    """Editing one byte of one store file gives a different digest."""
    copy = copy_store(tmp_path)
    assert load_store(copy).digest == store.digest
    events = copy / "facts/events.yaml"
    events.write_bytes(events.read_bytes() + b"\n")
    assert load_store(copy).digest != store.digest


def test_default_root_follows_the_environment(monkeypatch, tmp_path):
    """BRIEFBOT_STORE_DIR moves the store; without it the repository's seeds/ is used."""
    monkeypatch.delenv(STORE_ENV, raising=False)
    assert default_root() == REPO_SEEDS
    monkeypatch.setenv(STORE_ENV, str(tmp_path))
    assert default_root() == tmp_path
