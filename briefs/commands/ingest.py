"""`briefs ingest ARTICLE`: propose candidate facts from a new article, for review.

It prints (YAML in the store's format, or JSON with --json) and never writes into the
store: a maintainer reads the proposal and moves what is right into seeds/facts/.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from briefs.ingest import IngestError, ingest_file
from briefs.ingest.known import read_known
from briefs.ingest.proposal import to_json
from briefs.ingest.source import parse_date
from briefs.ingest.yaml_out import to_yaml
from briefs.paths import default_root


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
            "Nothing is written into the store."
        ),
    )
    parser.add_argument("article", type=Path, metavar="ARTICLE", help="the article text file")
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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.root is not None and not args.root.is_dir():  # named explicitly: a typo, not a draft
        print(f"briefs ingest: error: --root {args.root}: no such store directory", file=sys.stderr)
        return 2
    try:
        proposal = ingest_file(args.article, args.published, args.id)
    except IngestError as exc:
        print(f"briefs ingest: error: {exc}", file=sys.stderr)
        return 1
    for warning in proposal.warnings:
        print(f"briefs ingest: warning: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps(to_json(proposal), ensure_ascii=False, indent=2))
    else:
        root = args.root if args.root is not None else default_root()
        print(to_yaml(proposal, read_known(root), datetime.now(UTC)), end="")
    return 0
