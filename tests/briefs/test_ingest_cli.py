"""`briefs ingest` as a maintainer runs it: output shapes, store-loadable YAML, clear errors."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from briefs.ingest.source import FRONT_MATTER_KEYS
from briefs.paths import STORE_ENV
from briefs.store import load_store
from briefs.store.loader import store_digest
from briefs.store.schema import SPECS
from tests.briefs.ingest_support import FIXTURES, SEEDS, run_ingest
from tests.support.store import FIXTURE_STORE, fixture_store

QUOTE_FIELDS = {"id", "speaker", "text", "article", "start", "end", "said", "context", "topics"}
QUOTE_FIELDS |= {"added"}


def test_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints {"quotes", "dates", "unresolved"} with the documented keys, unescaped."""
    assert run_ingest(str(SEEDS / "ap-beijing.txt"), "--published", "2026-01-12", "--json") == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert set(data) == {"quotes", "dates", "unresolved"}
    assert {"speaker", "text", "start", "end"} <= set(data["quotes"][0])
    assert {"text", "date", "precision", "start", "end"} <= set(data["dates"][0])
    assert "Beijing’s" in out


def test_yaml_is_store_shaped(capsys: pytest.CaptureFixture[str]) -> None:
    """The YAML proposal parses, says it is a proposal, and holds store-format entries."""
    assert run_ingest(str(SEEDS / "ap-beijing.txt"), "--published", "2026-01-12") == 0
    out = capsys.readouterr().out
    assert out.startswith("# PROPOSAL TO REVIEW")
    data = yaml.safe_load(out)
    assert all(set(q) == QUOTE_FIELDS for q in data["quotes"])
    assert [q["speaker"] for q in data["quotes"]][:2] == ["donald-trump", "mark-carney"]
    mao = data["quotes"][-1]
    assert mao["said"] == {"date": date(2026, 1, 12), "precision": "day"}
    assert {e["precision"] for e in data["events"]} == {"day", "month", "year"}
    assert data["people"] == []


def test_proposal_loads_into_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Entries copied from a proposal into a store load there, new people included."""
    article = FIXTURES / "ottawa-reaction.txt"
    assert run_ingest(str(article)) == 0
    proposal = yaml.safe_load(capsys.readouterr().out)
    store = tmp_path / "store"
    shutil.copytree(FIXTURE_STORE, store)
    shutil.copy(article, store / "articles" / "cp-ottawa-reaction.txt")
    meta = {
        "id": "cp-ottawa-reaction",
        "headline": "Farmers cheer, hawks fret as Carney returns from China with canola deal",
        "outlet": "The Canadian Press",
        "published": "2026-01-19",
        "published_approximate": False,
        "url": "https://example.org/cp-ottawa-reaction",
        "sha256": hashlib.sha256(article.read_bytes()).hexdigest(),
    }
    (store / "articles" / "cp-ottawa-reaction.yaml").write_text(yaml.safe_dump(meta))
    for key in ("quotes", "events", "people"):
        path = store / "facts" / f"{key}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data[key].extend(proposal[key])
        if key == "events":  # a curator files each event in date order
            data[key].sort(key=lambda e: str(e["date"]))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    loaded = load_store(store)
    names = {p.name for p in loaded.people}
    assert {"Chris Davison", "Melissa Lantsman", "Guo Jiakun"} <= names
    assert len(loaded.quotes) > len(fixture_store().quotes)


def test_never_writes_into_the_store(capsys: pytest.CaptureFixture[str]) -> None:
    """Ingest only prints; the curated store's files are unchanged afterwards."""
    before = store_digest(FIXTURE_STORE)
    assert run_ingest(str(SEEDS / "ap-beijing.txt"), "--published", "2026-01-12") == 0
    assert store_digest(FIXTURE_STORE) == before


def test_front_matter_date_and_override(capsys: pytest.CaptureFixture[str]) -> None:
    """Front matter gives the date; --published overrides it and moves relative dates."""
    article = str(FIXTURES / "xi-meeting.txt")
    assert run_ingest(article, "--json") == 0
    first = json.loads(capsys.readouterr().out)["dates"][0]
    assert (first["text"], first["date"]) == ("Friday", "2026-01-16")
    assert run_ingest(article, "--json", "--published", "2026-01-20") == 0
    moved = json.loads(capsys.readouterr().out)["dates"][0]
    assert moved["date"] == "2026-01-16"  # "told ... on Friday" is past: the Friday before


def test_article_id_option(capsys: pytest.CaptureFixture[str]) -> None:
    """--id names the article in every entry, over the front matter id."""
    assert run_ingest(str(FIXTURES / "doha-stop.txt"), "--id", "doha") == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert {q["article"] for q in data["quotes"]} == {"doha"}
    assert all(e["sources"] == ["doha"] for e in data["events"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"Headline\nCaf\xe9 owners said \xe9", "not UTF-8"),
        (b"---\npublished: [unclosed\n---\nHeadline\n", "front matter is not valid YAML"),
        (b"---\nid: x\nHeadline only\n", "never closed"),
    ],
    ids=["missing", "empty", "blank", "binary", "latin-1", "bad-front-matter", "open-front-matter"],
)
def test_unusable_files_fail_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    """Each unusable input gives exit 1 and one clear stderr line, never a traceback."""
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    assert run_ingest(str(path), "--published", "2026-01-12") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("briefs ingest: error: ")
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize("value", ["2026-13-01", "12/01/2026", "yesterday", "2026-02-30"])
def test_bad_published_date(capsys: pytest.CaptureFixture[str], value: str) -> None:
    """A malformed --published is an argparse error (exit 2) naming the option."""
    with pytest.raises(SystemExit) as stop:
        run_ingest(str(SEEDS / "ap-beijing.txt"), "--published", value)
    assert stop.value.code == 2
    assert "argument --published" in capsys.readouterr().err


def test_missing_published_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --published or front matter, ingest says which option to pass."""
    path = tmp_path / "plain.txt"
    path.write_text("Headline\n“Hello,” Carney said.\n", encoding="utf-8")
    assert run_ingest(str(path)) == 1
    assert "pass --published" in capsys.readouterr().err


def test_unterminated_quote_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unclosed quotation is reported as a warning; the rest is still proposed."""
    path = tmp_path / "broken.txt"
    path.write_text(
        "Headline\n“We are ready,” Carney said Monday.\nXi said “we will see what happens.\n",
        encoding="utf-8",
    )
    assert run_ingest(str(path), "--published", "2026-01-12") == 0
    captured = capsys.readouterr()
    assert "warning: line 3" in captured.err
    assert "never closed" in captured.err
    data = yaml.safe_load(captured.out)
    assert [q["text"] for q in data["quotes"]] == ["We are ready,"]
    assert "# WARNING: line 3" in captured.out


def test_vague_expressions_are_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Time expressions with no date appear with their spans: a JSON list, a YAML comment."""
    path = tmp_path / "vague.txt"
    text = "Headline\nTrade has grown recently and will grow in the near future.\n"
    path.write_text(text, encoding="utf-8")
    assert run_ingest(str(path), "--published", "2026-01-12", "--json") == 0
    unresolved = json.loads(capsys.readouterr().out)["unresolved"]
    assert [text[u["start"] : u["end"]] for u in unresolved] == ["recently", "in the near future"]
    assert unresolved[0] == {"text": "recently", "start": 25, "end": 33}
    assert run_ingest(str(path), "--published", "2026-01-12") == 0
    out = capsys.readouterr().out
    assert "# UNRESOLVED time expressions" in out
    assert "#   “recently” at 25-33, paragraph 2" in out


def _broken_store(tmp_path: Path, case: str) -> Path:
    store = tmp_path / "store"
    if case == "missing":
        return store
    if case == "file":
        store.write_text("not a store", encoding="utf-8")
        return store
    shutil.copytree(FIXTURE_STORE, store)
    people = store / "facts" / "people.yaml"
    if case == "no-people":
        people.unlink()
    else:
        people.write_text("people: [unclosed\n", encoding="utf-8")
    return store


@pytest.mark.parametrize(
    ("case", "problem"),
    [
        ("missing", "no such store directory"),
        ("file", "not a directory"),
        ("no-people", "people.yaml: no such file"),
        ("bad-yaml", "people.yaml: not valid YAML (line 2)"),
    ],
)
def test_unusable_store_is_a_warning(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    problem: str,
) -> None:
    """A missing or broken store (here the configured default) is named on stderr and in the
    header; the proposal follows."""
    store = _broken_store(tmp_path, case)
    monkeypatch.setenv(STORE_ENV, str(store))
    article = str(SEEDS / "ap-beijing.txt")
    assert run_ingest(article, "--published", "2026-01-12") == 0
    captured = capsys.readouterr()
    assert f"briefs ingest: warning: store: {store}" in captured.err
    assert problem in captured.err
    assert "person ids are guessed" in captured.err
    assert f"# WARNING: store: {store}" in captured.out
    assert yaml.safe_load(captured.out)["quotes"]


def test_explicit_root_that_does_not_exist_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --root typed by hand that names no directory is a typo: exit 2, nothing proposed."""
    missing = tmp_path / "no-such-store"
    article = str(SEEDS / "ap-beijing.txt")
    assert run_ingest(article, "--published", "2026-01-12", "--root", str(missing)) == 2
    captured = capsys.readouterr()
    assert f"--root {missing}: no such store directory" in captured.err
    assert captured.out == ""


def test_readable_store_gives_no_store_warning(capsys: pytest.CaptureFixture[str]) -> None:
    """The seed store reads cleanly, so no store warning is printed."""
    assert run_ingest(str(SEEDS / "ap-beijing.txt"), "--published", "2026-01-12") == 0
    assert "store:" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("front", "warned"),
    [
        (
            "publshed: 2026-01-12",
            "'publshed' is not known and is ignored (did you mean 'published'?)",
        ),
        ("topic: trade", "'topic' is not known and is ignored; known keys: id, published, outlet"),
        ("url: https://example.org/a", None),
    ],
)
def test_unknown_front_matter_key_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], front: str, warned: str | None
) -> None:
    """A front matter key nothing reads is named on stderr with the known ones; known keys pass."""
    path = tmp_path / "article.txt"
    path.write_text(f"---\n{front}\n---\nHeadline\nCarney said it.\n", encoding="utf-8")
    assert run_ingest(str(path), "--published", "2026-01-12", "--json") == 0
    err = capsys.readouterr().err
    if warned is None:
        assert err == ""
    else:
        assert f"briefs ingest: warning: {path}: front matter key {warned}" in err


def test_front_matter_keys_are_article_metadata() -> None:
    """Every front matter key ingest knows is an article metadata field the store knows too."""
    assert set(FRONT_MATTER_KEYS) <= set(SPECS["article"])


def test_published_from_the_metadata_file_beside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --published or front matter, seeds-style <id>.yaml beside the article gives it."""
    shutil.copy(SEEDS / "ap-beijing.txt", tmp_path / "ap-beijing.txt")
    article = str(tmp_path / "ap-beijing.txt")
    (tmp_path / "ap-beijing.yaml").write_text("id: ap-beijing\npublished: 2026-01-12\n")
    assert run_ingest(article, "--json") == 0
    beside = json.loads(capsys.readouterr().out)
    assert run_ingest(article, "--json", "--published", "2026-01-12") == 0
    assert beside == json.loads(capsys.readouterr().out)
    (tmp_path / "ap-beijing.yaml").write_text("id: ap-beijing\n")
    assert run_ingest(article, "--json") == 1
    assert "pass --published" in capsys.readouterr().err


def test_joint_statement_speaker_kind_is_group(capsys: pytest.CaptureFixture[str]) -> None:
    """A quote from a joint statement says speaker_kind "group", a single person's "person"."""
    assert run_ingest(str(SEEDS / "ap-beijing.txt"), "--published", "2026-01-12", "--json") == 0
    quotes = json.loads(capsys.readouterr().out)["quotes"]
    kinds = {q["speaker"]: q["speaker_kind"] for q in quotes}
    assert kinds["Helena Jaczek and Marie-France Lalonde"] == "group"
    assert kinds["Mark Carney"] == "person"
