"""`briefs translations`: the translators' to-do list, the French the store still owes.

Each record whose French is missing or stale is printed at its file and line with the
English to translate and the `from` to write beside the French (briefs/store/translations.py
says what `from` is). Nothing is written: the French is the maintainers' to write.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from briefs.commands.check import add_root_option, report_problems
from briefs.paths import default_root
from briefs.store import StoreError, check_store
from briefs.store.translations import Owed, english_field


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "translations",
        help="list the French the store still needs (missing or stale)",
        description=(
            "List every curated field whose French is missing or was made from English "
            "that has changed since, with the English and the `from` hash to write."
        ),
    )
    add_root_option(parser)
    parser.set_defaults(handler=run)


def _state(owed: Owed) -> str:
    if owed.missing:
        return f"no French for {', '.join(owed.missing)}"
    if owed.stale:
        return f"stale: the English changed after the French was written (from: {owed.written})"
    error = owed.error()
    return error.message.removeprefix(f"{owed.owner}: ") if error is not None else ""


def entry(owed: Owed) -> list[str]:
    """One record's lines: where, what is owed, each English field, and the `from` to write."""
    lines = [f"{owed.file}:{owed.line}: {owed.owner}: {_state(owed)}"]
    lines += [f"    {english_field(key)}: {text}" for key, text in owed.english]
    lines.append(f"    from: {owed.want}")
    return lines


def run(args: argparse.Namespace) -> int:
    root: Path = default_root() if args.root is None else args.root
    checked = check_store(root)
    if checked.store is None:
        print("briefs translations: the store does not load; fix it first:")
        return report_problems(StoreError(checked.problems))
    for owed in checked.owed:
        print("\n".join(entry(owed)))
    missing = sum(bool(owed.missing) for owed in checked.owed)
    stale = sum(owed.stale for owed in checked.owed)
    if checked.owed:
        print(f"French to write: {missing} missing, {stale} stale, {len(checked.owed)} records")
    else:
        print("nothing to translate: every field has French made from its current English")
    return 0
