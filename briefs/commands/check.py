"""`briefs check`: every rule over the store, errors (exit 1) apart from warnings (exit 0).

Errors are what the loader refuses and what the content rules find (briefs/store/content/,
and the summary's message budget); warnings (an article no fact cites) are printed and
refuse nothing. `--fix` first applies the fixes check can compute (briefs/store/fixes.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from briefs.paths import default_root
from briefs.store import Problem, StoreError, check_store
from briefs.store.problems import Problems


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate the curated store",
        description=(
            "Validate the store against every rule. Errors go to stderr and exit 1; "
            "warnings are printed and exit 0."
        ),
    )
    add_root_option(parser)
    parser.add_argument(
        "--fix",
        action="store_true",
        help="first apply the fixes check can compute (quote offsets, sha256, event order)",
    )
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


def _warning(problem: Problem) -> str:
    where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
    return f"{where}: warning: {problem.message}"


def _fix(root: Path) -> None:
    from briefs.store.fixes import fix_store  # only --fix pays for it

    shown = Problems(root)
    for fix in fix_store(root):
        print(f"fixed {shown.display(fix.path)}:{fix.line}: {fix.what}")


def run(args: argparse.Namespace) -> int:
    root = default_root() if args.root is None else args.root
    if args.fix and root.is_dir():
        _fix(root)
    checked = check_store(root)
    for warning in checked.warnings:
        print(_warning(warning), file=sys.stderr)
    store = checked.store
    problems = list(checked.problems)
    if store is not None and not problems:
        from briefs.commands.budget import summary_budget  # the renderer: only for a sound store

        budget = summary_budget(store)
        if not budget.fits:
            problems.append(
                Problem(
                    Problems(root).display(root / "facts" / "summary.yaml"),
                    None,
                    f"the summary renders as {budget.messages} {budget.fmt} messages "
                    f"({budget}); it must fit one: shorten or merge points",
                )
            )
    if store is None or problems:
        return report_problems(StoreError(tuple(problems)))
    print(
        f"ok: {len(store.articles)} articles, {len(store.people)} people, "
        f"{len(store.quotes)} quotes, {len(store.events)} events, "
        f"{len(store.reactions)} reactions, {len(store.summary.points())} summary points"
    )
    print(budget)
    return 0
