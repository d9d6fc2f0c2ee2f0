"""Telegram's message limit, counted the way Telegram counts, and splitting to fit it.

Telegram parses a message's HTML first and then limits the resulting text to 4096 UTF-16
code units. A briefing arrives as section-sized HTML parts; `split_messages` packs them into
as few messages as fit, breaking only between parts. A part too big for one message is cut
at the best boundary that fits (paragraph, then line, then word, then anywhere between
characters), never inside a tag or entity, and tags open across a cut are closed before it
and opened again after it, so every message is valid HTML on its own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

LIMIT = 4096
SEPARATOR = "\n\n"
"""What joins two parts inside one message: a blank line."""

_TOKEN = re.compile(r"<[^>]*>|&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);|[^<&]+|[<&]")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)")
_BREAK_CLASSES = ("\n\n", "\n", " ")


def _units(text: str) -> int:
    """UTF-16 code units: characters outside the Basic Multilingual Plane count twice."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _visible(token: str) -> str:
    if token.startswith("<") and len(token) > 1:
        return ""
    if token.startswith("&") and token.endswith(";"):
        return html.unescape(token)
    return token


def telegram_length(text: str) -> int:
    """The length Telegram checks: tags removed, entities decoded, in UTF-16 code units."""
    return sum(_units(_visible(token)) for token in _TOKEN.findall(text))


@dataclass(frozen=True, slots=True)
class _Cut:
    """A place a part may be cut: the chunk ends at `end`, the next starts at `resume`."""

    end: int
    resume: int
    rank: int  # 0 paragraph, 1 line, 2 word, 3 anywhere


def _scan(part: str) -> tuple[list[tuple[int, int, str]], list[_Cut]]:
    """Tokens as (start, visible length, text), and every place a cut could go."""
    tokens: list[tuple[int, int, str]] = []
    cuts: list[_Cut] = []
    for match in _TOKEN.finditer(part):
        token, start = match.group(), match.start()
        tokens.append((start, _units(_visible(token)), token))
        if token.startswith(("<", "&")) and len(token) > 1:
            cuts.append(_Cut(start, start, 3))
            continue
        for offset, ch in enumerate(token):
            at = start + offset
            if part.startswith("\n\n", at):
                cuts.append(_Cut(at, at + 2, 0))
            elif ch == "\n" and not (at > 0 and part[at - 1] == "\n"):
                cuts.append(_Cut(at, at + 1, 1))
            elif ch == " ":
                cuts.append(_Cut(at, at + 1, 2))
            else:
                cuts.append(_Cut(at, at, 3))
    return tokens, cuts


def _open_tags(fragment: str, stack: list[str]) -> list[str]:
    """The stack of opening tags still open after `fragment`, starting from `stack`."""
    stack = list(stack)
    for token in re.findall(r"<[^>]*>", fragment):
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


def _prefix_units(part: str, tokens: list[tuple[int, int, str]]) -> list[int]:
    """Visible units before each character position, so any span is measured in O(1)."""
    before = [0] * (len(part) + 1)
    for start, units, token in tokens:
        base = before[start]
        if token.startswith(("<", "&")) and len(token) > 1:
            for offset in range(1, len(token)):
                before[start + offset] = base
            before[start + len(token)] = base + units
            continue
        for offset, ch in enumerate(token):
            base += _units(ch)
            before[start + offset + 1] = base
    return before


def split_part(part: str, limit: int = LIMIT) -> list[str]:
    """One oversized part cut into pieces of at most `limit` units, each with balanced tags."""
    if telegram_length(part) <= limit:
        return [part]
    tokens, cuts = _scan(part)
    before = _prefix_units(part, tokens)
    pieces: list[str] = []
    stack: list[str] = []
    start = 0
    while before[-1] - before[start] > limit:
        fits = [c for c in cuts if start < c.end and before[c.end] - before[start] <= limit]
        if not fits:  # cannot happen: a single character is never over the limit
            raise ValueError("a single character exceeds the message limit")
        best_rank = min(c.rank for c in fits)
        cut = max((c for c in fits if c.rank == best_rank), key=lambda c: c.end)
        body = part[start : cut.end]
        pieces.append("".join(stack) + body + _close(_open_tags(body, stack)))
        stack = _open_tags(part[start : cut.resume], stack)
        start = cut.resume
    pieces.append("".join(stack) + part[start:])
    return pieces


def split_messages(parts: Iterable[str], limit: int = LIMIT) -> list[str]:
    """Pack section-sized parts into messages of at most `limit` units, cutting only between parts.

    Parts inside one message are joined by a blank line. A part larger than the limit is
    split on its own by `split_part`. Empty parts are dropped.
    """
    messages: list[str] = []
    current: list[str] = []
    used = 0
    gap = telegram_length(SEPARATOR)
    for part in parts:
        part = part.strip("\n")
        if not part.strip():
            continue
        for piece in split_part(part, limit):
            size = telegram_length(piece)
            if current and used + gap + size <= limit:
                current.append(piece)
                used += gap + size
                continue
            if current:
                messages.append(SEPARATOR.join(current))
            current, used = [piece], size
    if current:
        messages.append(SEPARATOR.join(current))
    return messages
