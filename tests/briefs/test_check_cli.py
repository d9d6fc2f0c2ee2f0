"""`briefs check`: ok with counts and the summary's budget, warnings that refuse nothing,
every error on stderr with exit 1, and --fix for what check can compute."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefs.cli import main
from briefs.paths import STORE_ENV
from briefs.render import LIMIT, Renderer
from briefs.store import check_store, load_store
from tests.support.store import FIXTURE_STORE, copy_store

REPO = Path(__file__).resolve().parents[2]
BUDGET = re.compile(r"summary: ([\d,]+) / ([\d,]+)")


def _ok_line(root: Path) -> str:
    store = load_store(root)
    return (
        f"ok: {len(store.articles)} articles, {len(store.people)} people, "
        f"{len(store.quotes)} quotes, {len(store.events)} events, "
        f"{len(store.reactions)} reactions, {len(store.summary.points())} summary points"
    )


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture changed: {old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def broken_root(tmp_path: Path) -> Path:
    root = copy_store(tmp_path)
    quotes = root / "facts/quotes.yaml"
    _edit(quotes, "speaker: michael-chong", "speaker: michael-chung")
    _edit(quotes, "start: 953", "start: 950")
    return root


def test_check_passes_on_the_fixture_store_and_prints_the_budget(capsys):
    """A sound store prints its counts and the summary's size against the message limit."""
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    counts, budget = out.splitlines()
    assert (counts, err) == (_ok_line(FIXTURE_STORE), "")
    measured = BUDGET.fullmatch(budget)
    assert measured is not None, budget
    used, limit = (int(n.replace(",", "")) for n in measured.groups())
    assert (limit, 0 < used <= limit) == (LIMIT, True)


def test_check_lists_each_problem_and_fails(capsys, broken_root):
    """Each problem is its own `file:line: message` line on stderr, and the exit code is 1."""
    assert main(["check", "--root", str(broken_root)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == ""
    assert len(lines) == 2
    assert all(line.startswith("seeds/facts/quotes.yaml:") for line in lines)
    assert "did you mean 'michael-chong'?" in err
    assert "set start: 953, end: 1077" in err


def test_check_reads_the_store_named_by_the_environment(capsys, monkeypatch, broken_root):
    """BRIEFBOT_STORE_DIR points the check at another store when --root is not given."""
    monkeypatch.setenv(STORE_ENV, str(broken_root))
    assert main(["check"]) == 1
    assert "michael-chung" in capsys.readouterr().err


def _run(*argv: str, importtime: bool = False) -> subprocess.CompletedProcess[str]:
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, "-m", "briefs", *argv],
        cwd=REPO,
        env={**os.environ, STORE_ENV: str(FIXTURE_STORE)},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_python_dash_m_briefs_check_runs(broken_root):
    """`python -m briefs check` works as a program: exit 0 on a sound store, 1 on a broken one."""
    ok = _run("check")
    assert (ok.returncode, ok.stdout.splitlines()[0]) == (0, _ok_line(FIXTURE_STORE))
    broken = _run("check", "--root", str(broken_root))
    assert broken.returncode == 1
    assert len(broken.stderr.splitlines()) == 2


def test_check_imports_neither_ingest_nor_dateparser():
    """`briefs check` starts without importing the ingest pipeline or its date parser."""
    run = _run("check", importtime=True)
    assert run.returncode == 0
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines() if "|" in line}
    assert "briefs.store" in imported
    assert {m for m in imported if m.startswith(("briefs.ingest", "dateparser"))} == set()


def test_an_uncited_article_is_a_warning_not_an_error(capsys, tmp_path):
    """An article no fact cites is reported as a warning on stderr; the check still passes."""
    root = copy_store(tmp_path)
    articles = root / "articles"
    text = "Carney wraps up visit\nNothing here is quoted.\n"
    (articles / "wrap-up.txt").write_text(text, encoding="utf-8")
    meta = (articles / "ap-beijing.yaml").read_text(encoding="utf-8")
    meta = re.sub(r"(?m)^id: .*$", "id: wrap-up", meta)
    meta = re.sub(r"(?m)^source_file: .*$", "source_file: wrap-up.txt", meta)
    meta = re.sub(r"(?m)^published: .*$", "published: 2026-01-17", meta)
    meta = re.sub(r"(?m)^sha256: .*$", f"sha256: {hashlib.sha256(text.encode()).hexdigest()}", meta)
    meta = re.sub(r"(?m)^non_body_lines: .*$", "non_body_lines: []", meta)
    (articles / "wrap-up.yaml").write_text(meta, encoding="utf-8")
    assert main(["check", "--root", str(root)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("ok: 3 articles")
    assert err.splitlines() == [
        line
        for line in err.splitlines()
        if line.startswith("seeds/articles/wrap-up.yaml: warning: ")
    ]
    assert len(err.splitlines()) == 1
    assert [p.file for p in check_store(root).warnings] == ["seeds/articles/wrap-up.yaml"]


def test_a_summary_over_one_message_is_an_error(capsys, tmp_path):
    """A summary that no longer fits one message fails the check at summary.yaml."""
    root = copy_store(tmp_path)
    summary = root / "facts/summary.yaml"
    long = "Carney and Xi met in Gyeongju. " * 60
    _edit(summary, "text: After years of strain", f"text: {long}After years of strain")
    assert main(["check", "--root", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    # The edited English leaves its French stale: a warning, not one of the errors.
    errors = [line for line in err.splitlines() if ": warning: " not in line]
    assert len(errors) == 1
    assert errors[0].startswith("seeds/facts/summary.yaml: ")


def test_fix_restores_offsets_and_event_order_keeping_the_files_as_written(capsys, tmp_path):
    """--fix sets a quote's offsets and moves a misplaced event where check says it belongs,
    comments and all, prints each fix, and the re-check passes."""
    root = copy_store(tmp_path)
    quotes, events = root / "facts/quotes.yaml", root / "facts/events.yaml"
    _edit(quotes, "start: 953", "start: 950")
    text = events.read_text(encoding="utf-8")
    start = text.index("  - id: carney-visits-qatar")
    block = text[start : text.index("\n\n", start) + 2]
    text = text[:start] + text[start + len(block) :]
    first = text.index("  - id:")
    events.write_text(text[:first] + block + text[first:], encoding="utf-8")
    assert main(["check", "--root", str(root)]) == 1
    capsys.readouterr()
    assert main(["check", "--root", str(root), "--fix"]) == 0
    out, err = capsys.readouterr()
    fixed = [line for line in out.splitlines() if line.startswith("fixed ")]
    assert [line.split(":")[0] for line in fixed] == [
        "fixed seeds/facts/quotes.yaml",
        "fixed seeds/facts/events.yaml",
    ]
    assert err == ""
    assert quotes.read_bytes() == (FIXTURE_STORE / "facts/quotes.yaml").read_bytes()
    original = (FIXTURE_STORE / "facts/events.yaml").read_text(encoding="utf-8").splitlines()
    assert sorted(events.read_text(encoding="utf-8").splitlines()) == sorted(original)


def test_fix_pins_an_intended_edit_of_an_article(capsys, tmp_path):
    """--fix writes the new sha256 of an edited article text into its yaml, nothing else."""
    root = copy_store(tmp_path)
    article = root / "articles/polar-herald.txt"
    article.write_bytes(article.read_bytes() + b" It was corrected.")
    meta = root / "articles/polar-herald.yaml"
    before = meta.read_text(encoding="utf-8").splitlines()
    assert main(["check", "--root", str(root), "--fix"]) == 0
    assert capsys.readouterr().out.startswith("fixed seeds/articles/polar-herald.yaml:")
    after = meta.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [
        (changed[0][0], f"sha256: {hashlib.sha256(article.read_bytes()).hexdigest()}")
    ]


def test_check_has_help(capsys):
    """`briefs check --help` documents --root and --fix."""
    with pytest.raises(SystemExit) as exited:
        main(["check", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "--root" in out
    assert "--fix" in out


def test_a_follow_up_article_with_valid_facts_checks_clean(capsys, tmp_path):
    """Adding an article and facts that follow the rules passes check and serves its quote:
    curating the store never depends on what the tests pin."""
    root = copy_store(tmp_path)
    text = (
        "Carney wraps up China visit\n"
        "BEIJING (AP) — Leaving Beijing, Carney said Xi Jinping had been “a frank partner.”\n"
    )
    (root / "articles/ap-wrap-up.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode()).hexdigest()
    (root / "articles/ap-wrap-up.yaml").write_text(
        "id: ap-wrap-up\nheadline: Carney wraps up China visit\noutlet: The Associated Press\n"
        "published: 2026-01-17\npublished_approximate: false\n"
        "url: https://apnews.com/article/carney-wraps-up\n"
        f"sha256: {digest}\n",
        encoding="utf-8",
    )
    start = text.index("a frank partner.")
    quotes = root / "facts/quotes.yaml"
    quotes.write_text(
        quotes.read_text(encoding="utf-8").rstrip("\n")
        + "\n\n  - id: carney-frank-partner\n    speaker: mark-carney\n"
        "    text: a frank partner.\n    article: ap-wrap-up\n"
        f"    start: {start}\n    end: {start + len('a frank partner.')}\n"
        "    said: null\n    context: on leaving Beijing\n"
        "    fr: {context: en quittant Pékin, from: 55532bf9}\n"
        "    topics: [relations]\n"
        "    added: 2026-01-17T12:00:00Z\n",
        encoding="utf-8",
    )
    people = root / "facts/people.yaml"
    for _ in ("mark-carney", "xi-jinping"):
        _edit(
            people,
            "sources: [polar-herald, ap-beijing]\n",
            "sources: [ap-wrap-up, polar-herald, ap-beijing]\n",
        )
    assert main(["check", "--root", str(root)]) == 0
    out, err = capsys.readouterr()
    assert (out.startswith("ok: 3 articles"), err) == (True, "")
    store = load_store(root)
    assert store.quote("carney-frank-partner").speaker == "mark-carney"
    assert any("a frank partner." in m for m in Renderer(store).section("quotes", fmt="text"))
