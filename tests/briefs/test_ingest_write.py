"""`briefs ingest ID --write` and `--review` on a copy of the store, end to end."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from briefs.cli import main
from briefs.ingest.guarded import guarded_write
from briefs.model import Status
from briefs.store import StoreError, load_store
from tests.briefs.ingest_support import expected
from tests.briefs.store_copy import FIXTURE_STORE, XI_PAGE, XI_TEXT, XI_URL, copy_store

SPEAKERS = {
    "Xi Jinping": "xi-jinping",
    "Mark Carney": "mark-carney",
    "Anita Anand": "anita-anand",
    "Guo Jiakun": "guo-jiakun",
    "Zhu Feng": "zhu-feng",
    "Global Times": "global-times",
}


def _add(root: Path, source: Path) -> str:
    argv = ["add-article", str(source), "--root", str(root)]
    assert main(argv + (["--url", XI_URL] if source.suffix == ".txt" else [])) == 0
    return "ap-xi-meeting" if source.suffix == ".txt" else "ap-carney-xi"


@dataclass(frozen=True)
class Written:
    """The follow-up article added as text and ingested with --write, and what it printed."""

    root: Path
    article: str
    printed: str


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Written:
    """One add-article + ingest --write for the tests that only read its result (each write
    round-trips the fact files through ruamel.yaml, most of a second); a test that changes
    the store works on a copy (`_copy`)."""
    root = copy_store(tmp_path_factory.mktemp("written"))
    article = _add(root, XI_TEXT)
    printed = io.StringIO()
    with redirect_stdout(printed):
        assert main(["ingest", article, "--write", "--root", str(root)]) == 0
    return Written(root, article, printed.getvalue())


def _copy(written: Written, tmp_path: Path) -> Path:
    root = tmp_path / "store"
    shutil.copytree(written.root, root)
    return root


@pytest.mark.parametrize("source", [XI_TEXT, XI_PAGE], ids=["text", "page"])
def test_follow_up_article_lands_with_quotes_speakers_and_the_meeting_confirmed(
    tmp_path: Path, source: Path, written: Written
) -> None:
    """After add-article and ingest --write, every quote is stored with its right speaker,
    check passes, and the planned Carney–Xi meeting is happened with `updated` recorded."""
    if source == XI_TEXT:
        root, article = written.root, written.article
    else:
        root = copy_store(tmp_path)
        article = _add(root, source)
        assert main(["ingest", article, "--write", "--root", str(root)]) == 0
    store = load_store(root)
    got = sorted((q.speaker, q.text) for q in store.quotes if q.article == article)
    want = sorted((SPEAKERS[str(q["speaker"])], q["text"]) for q in expected(XI_TEXT)["quotes"])
    assert got == want
    meeting = next(e for e in store.events if e.id == "carney-meets-xi")
    assert meeting.status == Status.HAPPENED
    assert meeting.updated is not None
    assert (meeting.updated.article, meeting.updated.was) == (article, Status.PLANNED)
    assert article in meeting.sources
    assert store.person("guo-jiakun").side == "china-government"


def test_write_keeps_comments_and_is_idempotent(tmp_path: Path, written: Written) -> None:
    """The files keep every comment line, and a second --write stores nothing again."""
    names = ("events.yaml", "quotes.yaml", "people.yaml")

    def comments(root: Path, name: str) -> list[str]:
        lines = (root / "facts" / name).read_text().splitlines()
        return [line for line in lines if line.lstrip().startswith("#")]

    for name in names:
        assert comments(written.root, name) == comments(FIXTURE_STORE, name)
    root = _copy(written, tmp_path)
    after = {name: (root / "facts" / name).read_bytes() for name in names}
    assert main(["ingest", written.article, "--write", "--root", str(root)]) == 0
    assert {name: (root / "facts" / name).read_bytes() for name in names} == after


def test_unsure_proposals_go_to_the_named_review_file(written: Written) -> None:
    """What --write is not sure of is in review/<id>.yaml, whose path is printed."""
    path = written.root / "review" / f"{written.article}.yaml"
    assert str(path) in written.printed
    review = yaml.safe_load(path.read_text(encoding="utf-8"))["review"]
    assert review
    assert all(entry["confidence"] != "high" for entry in review)
    assert {"target": "carney-leaves-china"}.items() <= next(
        e for e in review if e["what"] == "add-source event"
    ).items()


def test_review_from_a_pipe_accepts_edits_merges_and_skips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--review reads one answer a line from stdin: help, skip, merge into a stored event,
    edit a quote's speaker, accept; only what was accepted is written."""
    root = copy_store(tmp_path)
    article = _add(root, XI_TEXT)
    # Proposal 1 is Xi's "open a new chapter", 2 his "China and Canada are not rivals".
    answers = "?\nn\ne\nspeaker\nmark-carney\ny\nq\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    assert main(["ingest", article, "--review", "--root", str(root)]) == 0
    stored = [q for q in load_store(root).quotes if q.article == article]
    assert [(q.speaker, q.text) for q in stored] == [
        ("mark-carney", "China and Canada are not rivals. We can be partners,")
    ]


def test_review_merge_adds_the_article_to_a_stored_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: Written
) -> None:
    """Answering m with an event id adds the article to that event's sources."""
    root, article = _copy(written, tmp_path), written.article
    # After --write only the unsure proposals are left; the first is the 2018 event.
    monkeypatch.setattr(sys, "stdin", io.StringIO("m\ngyeongju-meeting\nq\n"))
    assert main(["ingest", article, "--review", "--root", str(root)]) == 0
    event = next(e for e in load_store(root).events if e.id == "gyeongju-meeting")
    assert article in event.sources


def test_review_runs_in_a_real_pipe(tmp_path: Path) -> None:
    """`printf 'y\\nq\\n' | briefs ingest ID --review` accepts one proposal and exits 0."""
    root = copy_store(tmp_path)
    article = _add(root, XI_TEXT)
    run = subprocess.run(
        [sys.executable, "-m", "briefs", "ingest", article, "--review", "--root", str(root)],
        input="y\nq\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert len([q for q in load_store(root).quotes if q.article == article]) == 1


def test_a_refused_write_is_rolled_back(tmp_path: Path) -> None:
    """When check refuses the written files, each is restored and a new one removed."""
    root = copy_store(tmp_path)
    quotes = root / "facts" / "quotes.yaml"
    before = quotes.read_bytes()
    extra = root / "articles" / "orphan.txt"
    with pytest.raises(StoreError):
        guarded_write(root, {quotes: before + b"  - id: broken\n", extra: b"text\n"})
    assert quotes.read_bytes() == before
    assert not extra.exists()
    load_store(root)


def test_write_needs_the_article_in_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--write on a file that is not a stored article says to add it first (exit 2)."""
    root = copy_store(tmp_path)
    assert main(["ingest", str(XI_TEXT), "--write", "--root", str(root)]) == 2
    assert "add-article" in capsys.readouterr().err
