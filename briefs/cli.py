"""`briefs ...` and `python -m briefs ...`: the maintainers' command line.

Each subcommand lives in its own module under briefs/commands/ with `register(subparsers)`,
so commands can grow without this file growing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from briefs.commands import add_article, check, export, ingest, render


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefs",
        description=(
            "Maintain the story's fact store: add and ingest articles, check, export, render."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (add_article, ingest, check, export, render):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
