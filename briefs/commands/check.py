"""`briefs check`: validate the store and say so, or list every problem as file:line: fix."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from briefs.store import StoreError, load_store


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate the curated store",
        description="Validate the store: exit 0 when it loads, else list every problem and exit 1.",
    )
    add_root_option(parser)
    parser.set_defaults(handler=run)


def add_root_option(parser: argparse.ArgumentParser) -> None:
    """--root, shared by the commands that read the store."""
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        metavar="DIR",
        help="the store directory (default: $BRIEFBOT_STORE_DIR or the repository's seeds/)",
    )


def report_problems(error: StoreError) -> int:
    """Each problem on its own stderr line; the exit code for a broken store."""
    for problem in error.problems:
        print(problem, file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    try:
        store = load_store(args.root)
    except StoreError as error:
        return report_problems(error)
    print(
        f"ok: {len(store.articles)} articles, {len(store.people)} people, "
        f"{len(store.quotes)} quotes, {len(store.events)} events, "
        f"{len(store.reactions)} reactions, {len(store.summary.points())} summary points"
    )
    return 0
