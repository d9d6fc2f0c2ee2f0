"""Telegram HTML to readable plain text, for the console: tags dropped, links spelled out."""

from __future__ import annotations

from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._links: list[tuple[str, int]] = []
        self._quote = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._links.append((dict(attrs).get("href") or "", len(self.out)))
        elif tag == "blockquote":
            self._quote += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._links:
            href, start = self._links.pop()
            shown = "".join(self.out[start:])
            if href and href != shown:
                self.out.append(f" ({href})")
        elif tag == "blockquote":
            self._quote = max(0, self._quote - 1)

    def handle_data(self, data: str) -> None:
        if self._quote:
            data = data.replace("\n", "\n  ")
        self.out.append(data)


def html_to_text(html: str) -> str:
    """Bold and italics as plain words, links as "text (url)", quotes indented."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
