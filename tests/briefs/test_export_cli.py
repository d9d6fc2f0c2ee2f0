"""`briefs export`: the whole store as JSON in the shape issue 2 fixes, readable names included."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from briefs.cli import main
from briefs.model import SUMMARY_SECTIONS
from briefs.store import load_store
from tests.support.store import FIXTURE_STORE, copy_store


@pytest.fixture
def exported(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    assert main(["export"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "’" in out, "ensure_ascii=False keeps typographic marks as printed"
    data: dict[str, Any] = json.loads(out)
    return data


def test_export_has_the_top_level_shape(exported):
    """Exactly the six top-level keys, and the summary in its fixed sections."""
    assert list(exported) == ["articles", "people", "quotes", "events", "reactions", "summary"]
    assert list(exported["summary"]) == list(SUMMARY_SECTIONS)


def test_export_articles_carry_title_and_date(exported):
    """Articles have id, title, outlet, published, url and whether the date is approximate."""
    first = exported["articles"][0]
    assert set(first) >= {"id", "title", "outlet", "published", "url", "published_approximate"}
    assert (first["id"], first["published"], first["published_approximate"]) == (
        "polar-herald",
        "2026-01-11",
        True,
    )


def test_export_quotes_name_their_speakers(exported):
    """Quotes carry the display name readers know and the id beside it, with exact text."""
    chong = next(q for q in exported["quotes"] if q["id"] == "chong-kowtowing")
    assert chong["speaker"] == "Michael Chong"
    assert chong["speaker_id"] == "michael-chong"
    assert chong["text"] == "nothing short of kowtowing to Beijing’s authoritarianism."
    assert (chong["article"], chong["start"], chong["end"]) == ("ap-beijing", 2267, 2324)
    assert chong["said"] is None
    mao = next(q for q in exported["quotes"] if q["id"] == "mao-ning-momentum")
    assert mao["said"] == {"date": "2026-01-12", "precision": "day"}
    assert mao["added"] == "2026-01-12T18:00:00Z"


def test_export_events_and_reactions(exported):
    """Events have ISO dates with precision; reactions name the actor and the side's label."""
    davos = next(e for e in exported["events"] if e["id"] == "carney-at-davos")
    assert (davos["date"], davos["precision"], davos["sources"]) == (
        "2026-01-01",
        "month",
        ["ap-beijing"],
    )
    gt = next(r for r in exported["reactions"] if r["actor"] == "Global Times")
    assert (gt["side"], gt["stance"], gt["quotes"]) == (
        "Chinese state media",
        "welcoming",
        ["global-times-tariffs"],
    )
    assert all(
        {"id", "actor", "side", "stance", "text", "sources"} <= set(r)
        for r in exported["reactions"]
    )


def test_export_matches_the_loaded_store(exported):
    """Every record of the store is exported once, in the curated order."""
    store = load_store(FIXTURE_STORE)
    assert [q["id"] for q in exported["quotes"]] == [q.id for q in store.quotes]
    assert [e["id"] for e in exported["events"]] == [e.id for e in store.events]
    assert [p["id"] for p in exported["people"]] == [p.id for p in store.people]
    points = [p["id"] for section in exported["summary"].values() for p in section]
    assert points == [p.id for p in store.summary.points()]


def test_export_of_a_broken_store_fails_with_its_problems(capsys, tmp_path):
    """A broken store prints no JSON: the problems go to stderr and the exit code is 1."""
    root = copy_store(tmp_path)
    (root / "articles/ap-beijing.txt").unlink()
    assert main(["export", "--root", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("seeds/articles/ap-beijing.yaml: no article text")


def test_export_articles_carry_their_pin(exported):
    """Each article's sha256 is its text file's, so a consumer can verify the text it has."""
    for article in exported["articles"]:
        data = (FIXTURE_STORE / "articles" / f"{article['id']}.txt").read_bytes()
        assert article["sha256"] == hashlib.sha256(data).hexdigest()
        assert article["source_file"].endswith(".txt")
