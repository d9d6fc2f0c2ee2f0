"""Telegram's message limit, counted the way Telegram counts, and cutting a part to fit it.

Telegram parses an HTML message first and then limits the resulting text to 4096 UTF-16
code units; a plain-text message is sent without parse mode, so every character it holds
counts and nothing in it is a tag or an entity. Each function here therefore takes the
format (`"html"` or `"text"`). A part too big for one message is cut at the best boundary
that fits (paragraph, then line, then word, then anywhere between characters); in HTML never
inside a tag or entity, and tags open across a cut are closed before it and opened again
after it, so every message is valid HTML on its own. Packing parts into messages lives in
`packing`.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from itertools import accumulate

LIMIT = 4096
FORMATS = ("html", "text")

_MARKUP = re.compile(r"<[^>]*>|&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);")
"""A tag or an entity; a lone "<" or "&" is text, as Telegram reads it."""
_TAG = re.compile(r"<[^>]*>")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _units(text: str) -> int:
    """UTF-16 code units: characters outside the Basic Multilingual Plane count twice."""
    return len(text.encode("utf-16-le")) // 2


def _decoded(match: re.Match[str]) -> str:
    """What a tag (nothing) or an entity (its character) leaves after Telegram parses it."""
    token = match.group()
    return "" if token.startswith("<") else html.unescape(token)


def telegram_length(text: str, fmt: str = "html") -> int:
    """The length Telegram checks: UTF-16 units after HTML parsing, or of the text as written."""
    if fmt == "text":
        return _units(text)
    if fmt != "html":
        raise ValueError(f"unknown format {fmt!r}; use one of {FORMATS}")
    return _units(_MARKUP.sub(_decoded, text))


def _measure(part: str, fmt: str) -> tuple[list[int], bytearray]:
    """Units before each position, and which positions lie inside a tag or entity.

    Built with C-speed list operations (a Python loop per character made a long daily
    briefing miss the 5 ms target); only astral characters and markup are visited.
    """
    widths = [1] * len(part)
    for match in _ASTRAL.finditer(part):
        widths[match.start()] = 2
    inside = bytearray(len(part) + 1)
    if fmt == "html":
        for match in _MARKUP.finditer(part):
            start, end = match.span()
            widths[start:end] = [0] * (end - start)
            widths[end - 1] = _units(_decoded(match))
            inside[start + 1 : end] = b"\x01" * (end - start - 1)
    return list(accumulate(widths, initial=0)), inside


def _best_cut(part: str, start: int, last: int, inside: bytearray) -> tuple[int, int]:
    """(end, resume) of the best cut in (start, last]: paragraph, line, word, else `last`."""
    for mark, rank in (("\n\n", 0), ("\n", 1), (" ", 2)):
        at = part.rfind(mark, start + 1, last + len(mark))
        while at > start:
            line_after_line = rank == 1 and part[at - 1] == "\n"
            if not inside[at] and not line_after_line:
                return at, at + len(mark)
            at = part.rfind(mark, start + 1, at)
    while inside[last]:  # never inside a tag or an entity
        last -= 1
    return last, last


def _open_tags(fragment: str, stack: list[str]) -> list[str]:
    """The stack of opening tags still open after `fragment`, starting from `stack`."""
    stack = list(stack)
    for token in _TAG.findall(fragment):
        name = _TAG_NAME.match(token)
        if name is None:
            continue
        if token.startswith("</"):
            lowered = name.group(1).lower()
            for index in range(len(stack) - 1, -1, -1):
                if _tag_name(stack[index]) == lowered:
                    del stack[index:]
                    break
        elif not token.endswith("/>"):
            stack.append(token)
    return stack


def _tag_name(opening: str) -> str:
    match = _TAG_NAME.match(opening)
    return match.group(1).lower() if match else ""


def _close(stack: list[str]) -> str:
    return "".join(f"</{_tag_name(tag)}>" for tag in reversed(stack))


def split_part(part: str, limit: int = LIMIT, fmt: str = "html") -> list[str]:
    """One oversized part cut into pieces of at most `limit` units; HTML pieces balance tags."""
    if telegram_length(part, fmt) <= limit:
        return [part]
    before, inside = _measure(part, fmt)
    pieces: list[str] = []
    stack: list[str] = []
    start = 0
    while before[-1] - before[start] > limit:
        last = bisect_right(before, before[start] + limit) - 1
        end, resume = _best_cut(part, start, last, inside)
        if end <= start:  # cannot happen: a single character is never over the limit
            raise ValueError("a single character exceeds the message limit")
        body = part[start:end]
        if fmt == "html":
            pieces.append("".join(stack) + body + _close(_open_tags(body, stack)))
            stack = _open_tags(part[start:resume], stack)
        else:
            pieces.append(body)
        start = resume
    pieces.append("".join(stack) + part[start:])
    return pieces
