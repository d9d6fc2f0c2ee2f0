"""Shared helpers for the ingest tests: run `briefs ingest` in-process and read fixtures."""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from briefs.commands import ingest
from tests.support.store import FIXTURE_STORE

ROOT = Path(__file__).resolve().parents[2]
SEEDS = FIXTURE_STORE / "articles"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"


def run_ingest(*argv: str) -> int:
    """Parse and run `briefs ingest ...` through the command's own register()."""
    parser = argparse.ArgumentParser(prog="briefs")
    sub = parser.add_subparsers(dest="command", required=True)
    ingest.register(sub)
    args = parser.parse_args(["ingest", *argv])
    code: int = args.handler(args)
    return code


def expected(fixture: Path) -> dict[str, list[dict[str, object]]]:
    """The hand-written expectations beside a fixture article."""
    path = fixture.with_name(fixture.stem + ".expected.yaml")
    data: dict[str, list[dict[str, object]]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data
