"""Every message of a split briefing carries the footnotes for the markers it shows."""

import dataclasses
import re
from datetime import UTC, datetime

import pytest

from briefs.model import SummaryPoint
from briefs.render import Renderer, telegram_length
from briefs.render.packing import Part, pack
from briefs.render.telegram import LIMIT
from tests.briefs.htmlcheck import assert_telegram_html, visible
from tests.briefs.storefactory import DAY1, make_store

NOW = datetime(2026, 1, 15, 9, tzinfo=UTC)
NOTE = re.compile(r"^\[(\d+)\] (.*)$")
MARKER = re.compile(r"\[(\d+)\]")


def _split(shown: str) -> tuple[str, dict[int, str]]:
    """A message's body and its footnote lines by number (the trailing "[n] …" lines)."""
    lines = shown.rstrip("\n").split("\n")
    notes: dict[int, str] = {}
    while lines and (match := NOTE.match(lines[-1])):
        notes[int(match.group(1))] = match.group(2)
        lines.pop()
    return "\n".join(lines), notes


def assert_own_footnotes(messages: list[str], fmt: str) -> dict[int, str]:
    """Each message lists exactly the notes its markers cite; a number means one article."""
    seen: dict[int, str] = {}
    for message in messages:
        assert telegram_length(message, fmt) <= LIMIT
        if fmt == "html":
            assert_telegram_html(message)
        body, notes = _split(visible(message) if fmt == "html" else message)
        assert {int(n) for n in MARKER.findall(body)} == set(notes), message
        for number, line in notes.items():
            assert seen.setdefault(number, line) == line  # numbering holds across messages
    return seen


@pytest.fixture(scope="module")
def long_renderer() -> Renderer:
    return Renderer(make_store(long=True))


@pytest.mark.parametrize("fmt", ["html", "text"])
@pytest.mark.parametrize("name", ["summary", "timeline", "quotes", "reactions"])
def test_every_message_of_a_section_has_its_footnotes(long_renderer, name, fmt):
    """No message shows a [n] without its footnote, nor a footnote it does not cite."""
    messages = long_renderer.section(name, fmt=fmt, now=NOW)
    seen = assert_own_footnotes(messages, fmt)
    assert seen  # the briefing cites something
    if name in ("summary", "timeline", "quotes"):
        assert len(messages) > 1
        assert all(_split(visible(m))[1] for m in messages[1:])


def test_footnotes_follow_the_whole_briefing_numbering(long_renderer):
    """The summary cites the Herald first, so it is [1] in whichever message shows it."""
    messages = long_renderer.section("summary", now=NOW)
    seen = assert_own_footnotes(messages, "html")
    assert seen[1].startswith("The Herald, c. Sun 11 Jan 2026")
    assert seen[2].startswith("Wire & Co, Mon 12 Jan 2026")
    later = _split(visible(messages[-1]))[1]
    assert set(later) == {2}  # the background filler cites only the wire


@pytest.mark.parametrize("fmt", ["html", "text"])
def test_daily_messages_each_carry_their_footnotes(fmt):
    """A daily briefing long enough to split ends every citing message with its sources."""
    store = make_store()
    huge = SummaryPoint("huge", "A very long point, " * 300, ("herald",), DAY1)
    summary = dataclasses.replace(store.summary, happening=(*store.summary.happening, huge))
    renderer = Renderer(dataclasses.replace(store, summary=summary))
    messages = renderer.daily(DAY1.replace(hour=0), fmt=fmt, now=NOW)
    assert len(messages) > 1
    assert assert_own_footnotes(messages, fmt)


def test_an_oversized_part_gives_each_piece_its_own_footnotes():
    """A point longer than a message is cut; only the piece showing [1] lists source 1."""
    store = make_store()
    huge = SummaryPoint("huge", "A very long point, " * 400, ("herald",), DAY1)
    summary = dataclasses.replace(store.summary, background=(huge,))
    renderer = Renderer(dataclasses.replace(store, summary=summary))
    messages = renderer.section("summary", now=NOW)
    assert len(messages) > 1
    seen = assert_own_footnotes(messages, "html")
    assert any(not _split(visible(m))[1] for m in messages)  # a piece with no marker
    assert visible(messages[-1]).endswith(" [1]\n\n[1] " + seen[1])
    assert seen[1].startswith("The Herald")


def test_answer_and_inline_hit_carry_their_footnotes():
    """A plain-question answer and an inline result each end with the sources they cite."""
    renderer = Renderer(make_store())
    reply = renderer.answer("tariffs canola")
    assert reply is not None
    assert assert_own_footnotes([reply], "html")
    hit = renderer.search("canola")[0]
    assert assert_own_footnotes([hit.text], "html") == {
        1: "Wire & Co, Mon 12 Jan 2026: Leaders <meet> & talk"
    }


def test_pack_reserves_room_for_footnotes():
    """Parts that fit the limit alone are separated when their footnotes would overflow."""
    line = "[1] " + "n" * 96
    parts = [Part("a" * 2000 + " [1]", (1,)), Part("b" * 1990, ())]
    messages = pack(parts, {1: line}, fmt="text")
    assert messages == ["a" * 2000 + " [1]\n\n" + line, "b" * 1990]
    assert pack(parts, {1: line}, limit=5000, fmt="text") == [
        "a" * 2000 + " [1]\n\n" + "b" * 1990 + "\n\n" + line
    ]


def test_footnotes_larger_than_half_a_message_are_trimmed_to_fit():
    """Even absurd footnotes never push a message over the limit."""
    notes = {n: f"[{n}] " + "x" * 1500 for n in (1, 2, 3)}
    messages = pack([Part("body [1][2][3]", (1, 2, 3))], notes, fmt="text")
    assert len(messages) == 1
    assert telegram_length(messages[0], "text") <= LIMIT
    assert messages[0].startswith("body [1][2][3]\n\n[1] ")
