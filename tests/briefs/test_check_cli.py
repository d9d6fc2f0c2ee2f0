"""`briefs check`: a one-line ok with counts, or every problem on stderr and exit 1."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefs.cli import main
from briefs.paths import STORE_ENV
from briefs.store import load_store

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"


def _ok_line() -> str:
    """The summary line for the seeds as they are now; curators keep adding facts."""
    store = load_store(SEEDS)
    return (
        f"ok: {len(store.articles)} articles, {len(store.people)} people, "
        f"{len(store.quotes)} quotes, {len(store.events)} events, "
        f"{len(store.reactions)} reactions, {len(store.summary.points())} summary points\n"
    )


OK_LINE = _ok_line()


@pytest.fixture
def broken_root(tmp_path: Path) -> Path:
    root = tmp_path / "seeds"
    shutil.copytree(SEEDS, root)
    quotes = root / "facts/quotes.yaml"
    quotes.write_text(
        quotes.read_text(encoding="utf-8")
        .replace("speaker: michael-chong", "speaker: michael-chung")
        .replace("start: 953", "start: 950"),
        encoding="utf-8",
    )
    return root


def test_check_passes_on_the_seeds(capsys, monkeypatch):
    """The curated store checks clean and the counts are printed on one line."""
    monkeypatch.delenv(STORE_ENV, raising=False)
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (OK_LINE, "")


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


def test_python_dash_m_briefs_check_runs(broken_root):
    """`python -m briefs check` works as a program: exit 0 on the seeds, 1 on a broken store."""
    env = {k: v for k, v in os.environ.items() if k != STORE_ENV}
    ok = subprocess.run(
        [sys.executable, "-m", "briefs", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (ok.returncode, ok.stdout) == (0, OK_LINE)
    broken = subprocess.run(
        [sys.executable, "-m", "briefs", "check", "--root", str(broken_root)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert broken.returncode == 1
    assert len(broken.stderr.splitlines()) == 2


def test_check_has_help(capsys):
    """`briefs check --help` documents --root."""
    with pytest.raises(SystemExit) as exited:
        main(["check", "--help"])
    assert exited.value.code == 0
    assert "--root" in capsys.readouterr().out
