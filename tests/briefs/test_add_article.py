"""`briefs add-article`: a text file or a saved page into the store, or a named refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefs.cli import main
from briefs.store import load_store
from briefs.store.pinning import digest as sha256_of
from tests.briefs.store_copy import XI_PAGE, XI_TEXT, XI_URL, copy_store

BOILERPLATE = (
    "cookie",
    "ADVERTISEMENT",
    "Related stories",
    "Copyright",
    "AP Photo",
    "Politics",
    "Canola farmers watch",
)


def _meta(root: Path, article: str) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load((root / "articles" / f"{article}.yaml").read_text())
    return data


def test_plain_text_article_is_added_and_passes_check(tmp_path: Path) -> None:
    """A text file lands as <id>.txt (front matter dropped) and <id>.yaml with its sha256."""
    root = copy_store(tmp_path)
    code = main(["add-article", str(XI_TEXT), "--url", XI_URL, "--root", str(root)])
    assert code == 0
    text = (root / "articles" / "ap-xi-meeting.txt").read_bytes()
    meta = _meta(root, "ap-xi-meeting")
    assert not text.startswith(b"---")
    assert text.decode().splitlines()[0] == meta["headline"]
    assert meta["sha256"] == sha256_of(text)
    assert meta["outlet"] == "The Associated Press"
    assert str(meta["published"]) == "2026-01-16"
    assert "ap-xi-meeting" in {a.id for a in load_store(root).articles}


def test_web_page_text_drops_boilerplate_and_metadata_fills_the_yaml(tmp_path: Path) -> None:
    """A saved page gives the article text without nav, ads, caption, footer or cookie
    banner, and its headline, site name, canonical URL and date fill the metadata."""
    root = copy_store(tmp_path)
    assert main(["add-article", str(XI_PAGE), "--root", str(root)]) == 0
    meta = _meta(root, "ap-carney-xi")
    text = (root / "articles" / "ap-carney-xi.txt").read_text(encoding="utf-8")
    assert meta["outlet"] == "The Associated Press"
    assert meta["url"] == XI_URL
    assert str(meta["published"]) == "2026-01-16"
    assert text.splitlines()[0] == meta["headline"]
    assert meta["headline"] == XI_TEXT.read_text(encoding="utf-8").split("---\n")[2].splitlines()[0]
    assert not [word for word in BOILERPLATE if word in text]
    body = [line for line in XI_TEXT.read_text(encoding="utf-8").split("---\n")[2].splitlines()]
    assert text.splitlines() == [line for line in body if line.strip()]
    load_store(root)


def test_missing_metadata_names_the_flag_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text file with no address exits 2 naming --url, and the store is unchanged."""
    root = copy_store(tmp_path)
    before = sorted(p.name for p in (root / "articles").iterdir())
    assert main(["add-article", str(XI_TEXT), "--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert "--url" in err
    assert "--published" not in err
    assert "--outlet" not in err
    assert sorted(p.name for p in (root / "articles").iterdir()) == before


def test_existing_id_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An id the store already has is refused (exit 2) and its files are left as they were."""
    root = copy_store(tmp_path)
    kept = (root / "articles" / "ap-beijing.txt").read_bytes()
    argv = ["add-article", str(XI_TEXT), "--url", XI_URL, "--id", "ap-beijing"]
    assert main([*argv, "--root", str(root)]) == 2
    assert "ap-beijing" in capsys.readouterr().err
    assert (root / "articles" / "ap-beijing.txt").read_bytes() == kept
