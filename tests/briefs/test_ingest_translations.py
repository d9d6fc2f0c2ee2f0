"""Writes leave the French of the facts they bring to the maintainer, say what is owed,
and still refuse every other new error."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs.cli import main
from briefs.ingest.guarded import guarded_write
from briefs.store import StoreError, check_store
from tests.briefs.store_copy import XI_TEXT, XI_URL, copy_store

NEW_POINT = (
    "    - id: background-talks\n"
    "      text: Canada and China have talked for decades.\n"
    "      sources: [ap-beijing]\n"
    "      added: 2026-01-12T18:00:00Z\n"
)


def _summary_with(root: Path, extra: str) -> dict[Path, bytes]:
    path = root / "facts" / "summary.yaml"
    return {path: path.read_bytes() + extra.encode("utf-8")}


def test_ingest_write_names_the_french_it_leaves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After ingest --write, stdout names each new fact and field owing French, and
    `briefs check` and `briefs translations` list exactly those records."""
    root = copy_store(tmp_path)
    assert main(["add-article", str(XI_TEXT), "--root", str(root), "--url", XI_URL]) == 0
    capsys.readouterr()
    assert main(["ingest", "ap-xi-meeting", "--write", "--root", str(root)]) == 0
    said = next(ln for ln in capsys.readouterr().out.splitlines() if "briefs translations" in ln)
    owed = check_store(root).owed
    assert owed
    assert all(o.missing and o.fact_id is not None for o in owed)
    for o in owed:
        assert f"{o.owner} {', '.join(o.missing)}" in said
    assert {"person 'guo-jiakun'", "quote 'xi-open-chapter'"} <= {o.owner for o in owed}
    errors = {p.message for p in check_store(root).problems}
    assert {p.message for o in owed if (p := o.error()) is not None} <= errors
    assert main(["translations", "--root", str(root)]) == 0
    listed = capsys.readouterr().out
    assert all(f"{o.owner}: " in listed and f"from: {o.want}" in listed for o in owed)


def test_a_write_bringing_a_fact_without_french_is_kept(tmp_path: Path) -> None:
    """A guarded write of a new fact with no French succeeds and returns it as owed."""
    root = copy_store(tmp_path)
    written = guarded_write(root, _summary_with(root, NEW_POINT))
    assert [(o.owner, o.missing) for o in written.to_translate] == [
        ("summary point 'background-talks'", ("text",))
    ]
    assert any(p.id == "background-talks" for p in written.store.summary.points())


def test_a_write_with_another_new_error_is_still_refused(tmp_path: Path) -> None:
    """Missing French is tolerated, nothing else: a new fact citing no known article is
    refused and every file put back."""
    root = copy_store(tmp_path)
    changes = _summary_with(root, NEW_POINT.replace("[ap-beijing]", "[no-such-article]"))
    before = {path: path.read_bytes() for path in changes}
    with pytest.raises(StoreError) as refused:
        guarded_write(root, changes)
    assert any("no-such-article" in p.message for p in refused.value.problems)
    assert {path: path.read_bytes() for path in changes} == before


def test_removing_french_from_a_stored_fact_is_refused(tmp_path: Path) -> None:
    """Only facts the write brings may lack French: a write that drops a stored fact's
    French is refused."""
    root = copy_store(tmp_path)
    path = root / "facts" / "summary.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      fr:\n", text.index("id: background-taiwan"))
    end = text.index("from:", start)
    end = text.index("\n", end) + 1
    with pytest.raises(StoreError) as refused:
        guarded_write(root, {path: (text[:start] + text[end:]).encode("utf-8")})
    assert any("background-taiwan" in p.message for p in refused.value.problems)
