"""`briefs ...` and `python -m briefs ...`: the maintainers' command line.

Each subcommand lives in its own module under briefs/commands/ with `register(subparsers)`,
so commands can grow without this file growing. Only the chosen command's module is
imported: `briefs check` runs in `make test` and on every edit, and should not pay for
ingest's date parser (dateparser alone takes most of a second's start-up).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

COMMANDS = ("add-article", "ingest", "check", "translations", "export", "render")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with `only` that one (what main needs to run it)."""
    parser = argparse.ArgumentParser(
        prog="briefs",
        description=(
            "Maintain the story's fact store: add and ingest articles, check, export, render."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        if only is None or name == only:
            import_module(f"briefs.commands.{name.replace('-', '_')}").register(sub)
    return parser


def _chosen(argv: Sequence[str]) -> str | None:
    """The command named on the line, if it is one; else None (help and errors list all)."""
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    return first if first in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_chosen(arguments))
    args = parser.parse_args(arguments)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
