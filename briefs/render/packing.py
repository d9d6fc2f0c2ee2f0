"""Packing a briefing's sections into as few Telegram messages as fit, footnotes included.

A briefing renders as section-sized parts. `pack` joins consecutive parts with a blank line
while the message still fits, cutting only between parts; a part too big for a message on
its own is cut by `telegram.split_part`. Every message ends with the footnotes for the
markers it shows (numbers stay those of the whole briefing), because a reader of message
two cannot scroll to a footnote block that only the last message carries. Sizes are
counted in the message's own format: an HTML message as Telegram counts it after parsing,
a plain-text one character by character.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from briefs.render.telegram import LIMIT, split_part, telegram_length

SEPARATOR = "\n\n"
"""What joins two parts inside one message, and the footnotes to the text: a blank line."""


@dataclass(frozen=True, slots=True)
class Part:
    """One section of a rendered briefing and the footnote numbers it cites."""

    text: str
    notes: tuple[int, ...] = ()


def split_messages(parts: Iterable[str], limit: int = LIMIT, fmt: str = "html") -> list[str]:
    """Pack section-sized parts without footnotes into messages of at most `limit` units."""
    return pack([Part(p) for p in parts], {}, limit=limit, fmt=fmt)


def pack(
    parts: Iterable[Part],
    footnotes: Mapping[int, str],
    *,
    limit: int = LIMIT,
    fmt: str = "html",
) -> list[str]:
    """Parts packed into messages of at most `limit` units, each with its own footnote lines.

    Empty parts are dropped. A part cut in pieces keeps, in each piece, the footnotes whose
    markers that piece shows.
    """
    sizes = {n: telegram_length(line, fmt) for n, line in footnotes.items()}
    gap = telegram_length(SEPARATOR, fmt)

    def footer(numbers: Collection[int]) -> int:
        return gap + sum(sizes[n] for n in numbers) + len(numbers) - 1 if numbers else 0

    messages: list[str] = []
    current: list[str] = []
    cited: set[int] = set()
    used = 0
    for part in parts:
        text = part.text.strip("\n")
        if not text.strip():
            continue
        room = limit - min(footer(part.notes), limit // 2)
        pieces = split_part(text, room, fmt)
        for piece in pieces:
            notes = part.notes
            if len(pieces) > 1:
                notes = tuple(n for n in part.notes if f"[{n}]" in piece)
            size = telegram_length(piece, fmt)
            together = cited.union(notes)
            if current and used + gap + size + footer(together) <= limit:
                current.append(piece)
                cited, used = together, used + gap + size
                continue
            if current:
                messages.append(_finish(current, cited, footnotes, limit, fmt))
            current, cited, used = [piece], set(notes), size
    if current:
        messages.append(_finish(current, cited, footnotes, limit, fmt))
    return messages


def _finish(
    pieces: list[str], cited: set[int], footnotes: Mapping[int, str], limit: int, fmt: str
) -> str:
    """The message text: its pieces, then its footnotes, trimmed only if they alone overflow."""
    body = SEPARATOR.join(pieces)
    lines = [footnotes[n] for n in sorted(cited)]
    while lines:
        message = body + SEPARATOR + "\n".join(lines)
        if telegram_length(message, fmt) <= limit:
            return message
        lines.pop()  # only when one part's footnotes take over half a message
    return body
