"""Speakers named only by a role phrase: matched to someone fitting, else proposed as new."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from briefs.ingest import ingest_file
from tests.briefs.ingest_support import run_ingest

DEAN_QUOTE = "“Tariffs remain,” the dean of the Munk School said."


def speakers(tmp_path: Path, body: str) -> list[tuple[str, str]]:
    path = tmp_path / "article.txt"
    path.write_text(f"Headline\n{body}\n", encoding="utf-8")
    proposal = ingest_file(path, date(2026, 1, 14))
    return [(q.speaker, q.confidence) for q in proposal.quotes]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            f"Anita Anand, the foreign minister, said “we are ready.”\n{DEAN_QUOTE}",
            [("Anita Anand", "high"), ("the dean of the Munk School", "low")],
        ),
        (DEAN_QUOTE, [("the dean of the Munk School", "low")]),
        (
            f"{DEAN_QUOTE}\n“They stay,” she said.",
            [("the dean of the Munk School", "low"), ("the dean of the Munk School", "low")],
        ),
        (
            f"Janice Stein, the dean of the Munk School, spoke first.\n{DEAN_QUOTE}",
            [("Janice Stein", "high")],
        ),
        (
            "Zhu Feng, the dean of the School of International Studies, spoke.\n" + DEAN_QUOTE,
            [("the dean of the Munk School", "low")],
        ),
    ],
    ids=["other-role", "nobody", "pronoun-after", "same-role", "other-school"],
)
def test_role_phrase_speaker(tmp_path: Path, body: str, expected: list[tuple[str, str]]) -> None:
    """A role phrase goes to an earlier person with that role, else to a new, low-confidence one."""
    assert speakers(tmp_path, body) == expected


def proposal_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str], role: str) -> str:
    store = tmp_path / "store"
    (store / "facts").mkdir(parents=True)
    people = [{"id": "zhu-feng", "name": "Zhu Feng", "kind": "person", "role": role}]
    (store / "facts" / "people.yaml").write_text(yaml.safe_dump({"people": people}))
    article = tmp_path / "article.txt"
    article.write_text(f"Headline\n{DEAN_QUOTE}\n", encoding="utf-8")
    assert run_ingest(str(article), "--published", "2026-01-14", "--root", str(store)) == 0
    captured = capsys.readouterr()
    assert "named only as 'the dean of the Munk School'" in captured.err
    return captured.out


def test_new_role_speaker_is_marked_for_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no fitting person in the store, YAML proposes a new person marked for review."""
    out = proposal_yaml(tmp_path, capsys, "dean of the School of International Studies")
    data = yaml.safe_load(out)
    assert data["quotes"][0]["speaker"] == "dean-of-the-munk-school"
    [person] = data["people"]
    assert (person["name"], person["aliases"]) == ("the dean of the Munk School", [])
    assert "REVIEW: a role, not a name" in out


def test_role_speaker_matches_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A role phrase fitting a stored person's role proposes that person's id, for review."""
    data = yaml.safe_load(proposal_yaml(tmp_path, capsys, "dean of the Munk School, Toronto"))
    assert data["quotes"][0]["speaker"] == "zhu-feng"
    assert data["people"] == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Jaczek said it was “the right call.” Lalonde disagreed, saying it was “premature.”",
            [("Jaczek", "high"), ("Lalonde", "high")],
        ),
        (
            "Jaczek said it was “the right call.” Lalonde objected, saying it was “premature.”",
            [("Jaczek", "high"), ("Lalonde", "high")],
        ),
        (
            "Jaczek said it was “the right call.” Lalonde, for her part: “premature.”",
            [("Jaczek", "high"), ("Lalonde", "low")],
        ),
        (
            "Jaczek said “the right call.” She added: “it was overdue.”",
            [("Jaczek", "high"), ("Jaczek", "high")],
        ),
    ],
    ids=["disagreed-saying", "objected-saying", "bare-name", "same-speaker"],
)
def test_second_speaker_between_quotes(
    tmp_path: Path, body: str, expected: list[tuple[str, str]]
) -> None:
    """A name (with or without its verb) between two quotes starts a new speaker."""
    assert speakers(tmp_path, body) == expected


def test_quote_open_at_paragraph_end_takes_the_next_attribution(tmp_path: Path) -> None:
    """A quote running on into the next paragraph is said by whoever that paragraph names."""
    body = (
        "“Canada is ready,” Carney said.\n"
        "“We have waited a long time for this moment.\n"
        "“This is the start,” said Pierre Poilievre."
    )
    poilievre = ("Pierre Poilievre", "high")
    assert speakers(tmp_path, body) == [("Carney", "high"), poilievre, poilievre]
