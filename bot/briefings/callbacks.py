"""Typed callback data: what a button means, packed into < 64 bytes and parsed back safely.

Formats (ASCII prefix, colon-separated):
  sec:<section>:<page>[:<arg>]   show one page of a briefing section, filtered by arg
  nop                            a label-only button (the "2/5" page counter)
  lang:<code|?>[:s]              choose the chat's language (? shows the choices); :s goes
                                 back to /settings afterwards
Subscription buttons use "sub:" and are parsed by their own feature.

Buttons come back from the client, so parsing treats the data as untrusted: anything
forged, unknown, or from an older format parses to None, never to an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefs.i18n import LANGUAGES
from briefs.render import SECTIONS

MAX_BYTES = 64
ARG_BYTES = 40
_PAGE = re.compile(r"[0-9]{1,4}")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SectionView:
    """One page of one section, optionally filtered (quotes by speaker, reactions by side)."""

    section: str
    page: int = 0
    arg: str | None = None

    def pack(self) -> str:
        data = f"sec:{self.section}:{self.page}"
        if self.arg:
            data += ":" + self.arg
        if len(data.encode()) >= MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data


@dataclass(frozen=True, slots=True)
class Noop:
    """A button that only shows a label; pressing it just answers the callback."""

    def pack(self) -> str:
        return "nop"


NOOP = Noop()


@dataclass(frozen=True, slots=True)
class LanguageView:
    """A /language button: `lang` chooses it (None shows the choices); `back` returns to
    /settings afterwards (the button there opened the choices)."""

    lang: str | None = None
    back: bool = False

    def pack(self) -> str:
        return f"lang:{self.lang or '?'}" + (":s" if self.back else "")


def parse_language(data: str | None) -> LanguageView | None:
    """The language button's meaning, or None for anything forged, stale or unknown."""
    parts = (data or "").split(":")
    if len(parts) not in (2, 3) or parts[0] != "lang" or parts[2:] not in ([], ["s"]):
        return None
    if parts[1] != "?" and parts[1] not in LANGUAGES:
        return None
    return LanguageView(None if parts[1] == "?" else parts[1], back=len(parts) == 3)


def clean_arg(raw: str | None) -> str | None:
    """A command argument made safe for callback data: one line, at most ARG_BYTES of UTF-8.

    Truncation keeps whole characters; a name longer than this is unusual, and its prefix
    still filters the same speaker or side.
    """
    if raw is None:
        return None
    text = _SPACE.sub(" ", raw).strip()
    encoded = text.encode()[:ARG_BYTES]
    text = encoded.decode("utf-8", errors="ignore").strip()
    return text or None


def parse(data: str | None) -> SectionView | Noop | None:
    """The button's meaning, or None for anything forged, stale or unknown."""
    if not data or len(data.encode("utf-8", errors="replace")) >= MAX_BYTES:
        return None
    if data == "nop":
        return NOOP
    parts = data.split(":", 3)
    if len(parts) < 3 or parts[0] != "sec" or parts[1] not in SECTIONS:
        return None
    if not _PAGE.fullmatch(parts[2]):
        return None
    arg = parts[3] if len(parts) == 4 else None
    if arg is not None and clean_arg(arg) != arg:
        return None
    return SectionView(parts[1], int(parts[2]), arg)
