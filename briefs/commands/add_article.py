"""`briefs add-article PATH`: put a new article into the store, text and metadata.

It writes articles/<id>.txt and <id>.yaml with the sha256 computed, refuses an id the
store has, and writes nothing when the file leaves something unsaid (exit 2, naming the
flag) or when `briefs check` would refuse the result (exit 1, with check's problems).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from briefs.commands.check import add_root_option, report_problems
from briefs.commands.ingest import published_date
from briefs.ingest.adding import Flags, MissingFlags, metadata_yaml, read_article
from briefs.ingest.guarded import guarded_write
from briefs.ingest.source import IngestError
from briefs.paths import default_root
from briefs.store import StoreError


def _lines(value: str) -> tuple[int, ...]:
    try:
        numbers = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected line numbers like 2 or 2,3, got {value!r}"
        ) from None
    if any(n < 1 for n in numbers):
        raise argparse.ArgumentTypeError("line numbers count from 1 (the headline)")
    return numbers


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "add-article",
        help="add a new article (text file or saved web page) to the store",
        description=(
            "Write articles/ID.txt and ID.yaml from a text file (headline on the first line) "
            "or a saved web page (.html: the article text and its metadata are extracted). "
            "Flags fill in what the file does not say; nothing is written if the store would "
            "then fail `briefs check`."
        ),
    )
    parser.add_argument("path", type=Path, metavar="PATH", help="the article: .txt or .html")
    parser.add_argument("--id", default=None, help="the article id (default: outlet-topic)")
    parser.add_argument("--outlet", default=None, metavar="NAME", help="the outlet's name")
    parser.add_argument("--url", default=None, help="the article's address, https://...")
    parser.add_argument("--published", type=published_date, default=None, metavar="YYYY-MM-DD")
    parser.add_argument(
        "--approximate", action="store_true", help="the publication date is inferred"
    )
    parser.add_argument(
        "--non-body-lines",
        type=_lines,
        default=(),
        metavar="N",
        help="line numbers that are not body text (a photo caption), like 2 or 2,3",
    )
    add_root_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = args.root if args.root is not None else default_root()
    flags = Flags(
        args.id, args.outlet, args.url, args.published, args.approximate, args.non_body_lines
    )
    try:
        article = read_article(args.path, flags)
    except MissingFlags as exc:
        print(f"briefs add-article: error: {exc}", file=sys.stderr)
        return 2
    except IngestError as exc:
        print(f"briefs add-article: error: {exc}", file=sys.stderr)
        return 1
    folder = root / "articles"
    text_path, meta_path = folder / f"{article.id}.txt", folder / f"{article.id}.yaml"
    if text_path.exists() or meta_path.exists():
        print(
            f"briefs add-article: error: the store already has an article '{article.id}'; "
            "pass --id with another id",
            file=sys.stderr,
        )
        return 2
    changes = {
        text_path: article.text.encode("utf-8"),
        meta_path: metadata_yaml(article, args.path).encode("utf-8"),
    }
    try:
        guarded_write(root, changes)
    except StoreError as error:
        print("briefs add-article: nothing written; `briefs check` refuses:", file=sys.stderr)
        return report_problems(error)
    print(f"added {article.id}: {text_path} and {meta_path.name}")
    print(f"next: briefs ingest {article.id} --write (or --review)")
    return 0
