"""`briefs ingest ARTICLE`: propose candidate facts from a new article, or store them.

ARTICLE is a file, or the id of an article already in the store. By default it prints
(YAML in the store's format, or JSON with --json) and writes nothing; --write stores what
it is sure of and names a review file for the rest; --review asks about each proposal
(answers one a line, from a terminal or a pipe).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from briefs.commands.check import report_problems
from briefs.ingest import IngestError, Proposal, ingest_file, storing
from briefs.ingest.known import read_known
from briefs.ingest.proposal import to_json
from briefs.ingest.source import parse_date
from briefs.ingest.yaml_out import to_yaml
from briefs.paths import default_root
from briefs.store import StoreError, load_store


def published_date(value: str) -> date:
    """--published as argparse reads it: a date, or a usage error naming the problem."""
    try:
        return parse_date(value, "--published")
    except IngestError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("--published: ")) from None


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="propose quotes, speakers and dates from a new article",
        description=(
            "Read an article (headline on the first line, or YAML front matter with "
            "published/id/outlet) and print candidate facts for review: every direct quote "
            "with its speaker and span, every date resolved against the publication date. "
            "Without --write or --review nothing is written into the store."
        ),
    )
    parser.add_argument(
        "article", metavar="ARTICLE", help="the article text file, or an article id in the store"
    )
    parser.add_argument(
        "--published",
        type=published_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="publication date, for relative dates (overrides front matter 'published')",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='print {"quotes": [...], "dates": [...]} instead of store-format YAML',
    )
    parser.add_argument(
        "--id", default=None, help="the article id (default: front matter 'id' or file name)"
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        metavar="DIR",
        help="the store whose people ids to reuse (default: $BRIEFBOT_STORE_DIR or seeds/)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--write",
        action="store_true",
        help="write the sure proposals into the store's facts; the rest go to a review file",
    )
    mode.add_argument(
        "--review",
        action="store_true",
        help="walk the proposals one by one: y accept, n skip, e edit, m merge, q quit, ? help",
    )
    parser.set_defaults(handler=run)


def _article_path(article: str, root: Path) -> Path:
    """A file as given, else the store's text for that article id."""
    given = Path(article)
    stored = root / "articles" / f"{article}.txt"
    if not given.exists() and "/" not in article and stored.is_file():
        return stored
    return given


def _ask(prompt: str) -> str | None:
    print(prompt, end="", flush=True)
    line = sys.stdin.readline()
    if not line:
        print()
        return None
    return line.rstrip("\n")


def _store_mode(args: argparse.Namespace, root: Path, proposal: Proposal) -> int:
    try:
        store = load_store(root)
    except StoreError as error:
        print(
            "briefs ingest: the store does not pass `briefs check`; fix it first:", file=sys.stderr
        )
        return report_problems(error)
    if proposal.source.article_id not in {a.id for a in store.articles}:
        print(
            f"briefs ingest: error: {proposal.source.article_id} is not in the store; "
            "add it first with `briefs add-article`",
            file=sys.stderr,
        )
        return 2
    now = datetime.now(UTC)
    try:
        if args.write:
            return storing.write(root, proposal, store, now, print)
        return storing.review(root, proposal, store, now, _ask, print)
    except StoreError as error:
        print("briefs ingest: nothing written; `briefs check` would refuse:", file=sys.stderr)
        return report_problems(error)


def run(args: argparse.Namespace) -> int:
    if args.root is not None and not args.root.is_dir():  # named explicitly: a typo, not a draft
        print(f"briefs ingest: error: --root {args.root}: no such store directory", file=sys.stderr)
        return 2
    root = args.root if args.root is not None else default_root()
    try:
        proposal = ingest_file(_article_path(args.article, root), args.published, args.id)
    except IngestError as exc:
        print(f"briefs ingest: error: {exc}", file=sys.stderr)
        return 1
    for warning in proposal.warnings:
        print(f"briefs ingest: warning: {warning}", file=sys.stderr)
    if args.write or args.review:
        return _store_mode(args, root, proposal)
    if args.json:
        print(json.dumps(to_json(proposal), ensure_ascii=False, indent=2))
    else:
        print(to_yaml(proposal, read_known(root), datetime.now(UTC)), end="")
    return 0
