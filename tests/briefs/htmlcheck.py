"""Reading rendered messages back the way Telegram does, for assertions on their HTML."""

from __future__ import annotations

import html
from html.parser import HTMLParser

ALLOWED = frozenset(
    [
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-spoiler",
        "span",
        "tg-emoji",
    ]
)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.hrefs: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.stack.append(tag)
        self.hrefs.extend(v or "" for k, v in attrs if tag == "a" and k == "href")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read(message: str) -> _Reader:
    reader = _Reader()
    reader.feed(message)
    reader.close()
    if reader.stack:
        reader.balanced = False
    return reader


def visible(message: str) -> str:
    """The text a reader sees: tags removed, entities decoded."""
    return "".join(read(message).text)


def assert_telegram_html(message: str) -> None:
    """Only Telegram's tags, each closed in order, and no raw `<`/`&` left in the text."""
    reader = read(message)
    assert set(reader.tags) <= ALLOWED, set(reader.tags) - ALLOWED
    assert reader.balanced, message
    assert "<br" not in message
    assert "<p>" not in message
    assert "<div" not in message
    assert html.unescape(message).count("\x1e") == 0
