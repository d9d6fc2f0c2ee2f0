"""Unnamed sources and alias-only matches: proposed for review, never confidently stored."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.briefs.ingest_support import run_ingest

PEOPLE = [
    {"id": "keir-starmer", "name": "Keir Starmer", "kind": "person", "aliases": ["Starmer"]},
    {
        "id": "mao-ning",
        "name": "Mao Ning",
        "kind": "person",
        "role": "Chinese Foreign Ministry spokesperson",
        "aliases": ["Mao"],
    },
    {
        "id": "michael-chong",
        "name": "Michael Chong",
        "kind": "person",
        "role": "opposition Conservative foreign affairs critic",
        "aliases": ["Chong", "Conservatives", "Mikey"],
    },
]


def proposal(tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str) -> str:
    store = tmp_path / "store"
    (store / "facts").mkdir(parents=True)
    (store / "facts" / "people.yaml").write_text(yaml.safe_dump({"people": PEOPLE}))
    article = tmp_path / "article.txt"
    article.write_text(f"Headline\nKeir Starmer spoke in London.\n{body}\n", encoding="utf-8")
    assert run_ingest(str(article), "--published", "2026-01-14", "--root", str(store)) == 0
    out: str = capsys.readouterr().out
    return out


@pytest.mark.parametrize(
    ("body", "pid", "name"),
    [
        ("“No comment,” a spokesperson said.", "anonymous-spokesperson", "a spokesperson"),
        (
            "“We will see,” said an official who was not authorized to speak publicly.",
            "anonymous-official",
            "an official",
        ),
        (
            "“It is fine,” a senior Chinese official said.",
            "anonymous-senior-chinese-official",
            "a senior Chinese official",
        ),
        ("“Talks go on,” officials said.", "anonymous-officials", "officials"),
        ("“It is early,” one official said.", "anonymous-official", "one official"),
        (
            "“It is early,” a person familiar with the talks said.",
            "anonymous-person-familiar-with-the-talks",
            "a person familiar with the talks",
        ),
    ],
)
def test_anonymous_source_is_a_new_speaker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, pid: str, name: str
) -> None:
    """An indefinite source never becomes a stored person: a new anonymous one, for review."""
    out = proposal(tmp_path, capsys, body)
    data = yaml.safe_load(out)
    assert [q["speaker"] for q in data["quotes"]] == [pid]
    assert [(p["id"], p["name"]) for p in data["people"]] == [(pid, name)]
    assert "REVIEW: an anonymous source" in out


@pytest.mark.parametrize(
    ("body", "confidence"),
    [
        ("“This is a mistake,” the Conservatives said.", "low"),
        ("“This is a mistake,” Mikey said.", "medium"),
    ],
)
def test_alias_only_match_is_doubted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, confidence: str
) -> None:
    """A group or post alias that is no part of the name is not a confident match."""
    out = proposal(tmp_path, capsys, body)
    assert yaml.safe_load(out)["quotes"][0]["speaker"] == "michael-chong"
    assert f"confidence: {confidence}" in out
    assert "REVIEW: matched only by the alias" in out


def test_surname_alias_stays_confident(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A surname alias ("Chong") is part of the name, so it stays a confident match."""
    out = proposal(tmp_path, capsys, "“This is a mistake,” Chong said.")
    assert "confidence: high" in out
    assert "REVIEW: matched only" not in out
