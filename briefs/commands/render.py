"""`briefs render NAME`: print a briefing exactly as the bot sends it, to review a store change.

When the briefing takes several messages, each is preceded on stdout by a line
"----- message 2/3 -----", so what sits between two such lines is exactly one message.
A briefing that fits one message prints just that message.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from briefs.commands.check import add_root_option, report_problems
from briefs.i18n import DEFAULT, LANGUAGES
from briefs.render import SECTIONS, Renderer
from briefs.store import StoreError, load_store

NAMES = (*SECTIONS, "daily", "answer")


def _moment(text: str) -> datetime:
    """An ISO date or datetime; a naive one is taken as UTC."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO date or time, e.g. 2026-01-15 or 2026-01-15T08:00:00+08:00"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "render",
        help="print a briefing as the bot sends it",
        description=(
            "Print a briefing exactly as the bot sends it. Several messages are each preceded "
            'by a line "----- message N/M -----"; a single message is printed alone.'
        ),
    )
    parser.add_argument("name", choices=NAMES, help="the briefing (answer: --arg is the question)")
    parser.add_argument("--format", choices=("html", "text"), default="html", dest="fmt")
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=DEFAULT, help="the reader's language (default: en)"
    )
    parser.add_argument(
        "--now", type=_moment, default=None, metavar="ISO", help="the moment to render for"
    )
    parser.add_argument(
        "--arg",
        default=None,
        metavar="X",
        help="quotes: a speaker (chong); reactions: a side (china); answer: the question",
    )
    parser.add_argument(
        "--since",
        type=_moment,
        default=None,
        metavar="ISO",
        help="daily: the last briefing's time (default: a first briefing)",
    )
    parser.add_argument(
        "--page", type=int, default=None, metavar="N", help="print page N of the paged view"
    )
    add_root_option(parser)
    parser.set_defaults(handler=run)


def messages(renderer: Renderer, args: argparse.Namespace) -> list[str]:
    """The messages the bot would send for these arguments."""
    if args.name == "daily":
        return renderer.daily(args.since, fmt=args.fmt, now=args.now, lang=args.lang)
    if args.name == "answer":
        reply = renderer.answer(args.arg or "", fmt=args.fmt, now=args.now, lang=args.lang)
        if reply is None:
            reply = renderer.message("no_match", fmt=args.fmt, lang=args.lang, question=args.arg)
        return [reply]
    options = {"fmt": args.fmt, "now": args.now, "arg": args.arg, "lang": args.lang}
    if args.page is not None:
        return [renderer.page(args.name, args.page, **options).text]
    return renderer.section(args.name, **options)


def run(args: argparse.Namespace) -> int:
    try:
        store = load_store(args.root)
    except StoreError as error:
        return report_problems(error)
    found = messages(Renderer(store), args)
    for number, text in enumerate(found, start=1):
        if len(found) > 1:
            print(f"----- message {number}/{len(found)} -----")
        print(text)
    return 0
