"""Telegram's length rule and splitting long briefings into messages that each fit it."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefs.render import split_messages, telegram_length
from briefs.render.telegram import LIMIT, split_part
from tests.briefs.htmlcheck import assert_telegram_html, visible


def _squash(text: str) -> str:
    """Text with all whitespace removed, to compare content across cuts."""
    return re.sub(r"\s+", "", text)


def test_length_counts_text_after_entity_parsing():
    """Tags count nothing, an entity counts as the character it stands for."""
    assert telegram_length("<b>a&amp;b</b> &lt;x&gt; &quot;q&quot; &#39;") == len('a&b <x> "q" \'')
    assert telegram_length('<a href="https://e.x/?a=1&amp;b=2">link</a>') == 4


def test_length_counts_utf16_code_units():
    """Emoji outside the Basic Multilingual Plane count as two units, others as one."""
    assert telegram_length("🇨🇦") == 4  # two regional indicators
    assert telegram_length("🚀x") == 3
    assert telegram_length("é—’") == 3


def test_short_parts_share_one_message():
    """Parts that fit together are joined by a blank line into one message."""
    assert split_messages(["<b>A</b>", "B\n", "", "C"]) == ["<b>A</b>\n\nB\n\nC"]


def test_splits_only_between_parts_when_parts_fit():
    """Each message stays within the limit and no part is cut when every part fits alone."""
    parts = [f"<b>Section {n}</b>\n" + ("word " * 300).strip() for n in range(12)]
    messages = split_messages(parts)
    assert len(messages) > 1
    for message in messages:
        assert telegram_length(message) <= LIMIT
        for chunk in message.split("\n\n"):
            assert chunk in parts
    assert sum(m.count("<b>Section") for m in messages) == 12


def test_emoji_are_counted_when_packing():
    """A part that fits in characters but not in UTF-16 units goes to its own message."""
    part = "🚀" * 1500  # 1500 characters, 3000 units
    messages = split_messages([part, part])
    assert messages == [part, part]


def test_oversized_part_is_cut_at_lines_with_tags_balanced():
    """A blockquote longer than a message is cut between lines, closed and reopened."""
    lines = [f"line {n} " + "x" * 90 for n in range(100)]
    part = "<blockquote><i>" + "\n".join(lines) + "</i></blockquote>"
    pieces = split_part(part)
    assert len(pieces) > 1
    for piece in pieces:
        assert telegram_length(piece) <= LIMIT
        assert piece.startswith("<blockquote><i>")
        assert piece.endswith("</i></blockquote>")
        assert_telegram_html(piece)
    assert "\n".join(visible(p) for p in pieces) == "\n".join(lines)


def test_a_single_huge_line_is_cut_at_spaces_never_inside_entities():
    """Without line breaks the cut falls on spaces, outside tags and entities."""
    part = '<a href="https://e.x/?a=1&amp;b=2">' + "fish &amp; chips " * 600 + "</a>"
    pieces = split_part(part)
    assert len(pieces) > 1
    for piece in pieces:
        assert telegram_length(piece) <= LIMIT
        assert_telegram_html(piece)
        assert piece.startswith('<a href="https://e.x/?a=1&amp;b=2">')
        assert not re.search(r"&[a-z#0-9]*$", piece.removesuffix("</a>"))
    assert _squash("".join(visible(p) for p in pieces)) == _squash(visible(part))


def test_text_without_any_break_is_cut_between_characters():
    """A word longer than a message is cut between characters, never inside a surrogate pair."""
    part = "🦀" * 5000
    pieces = split_part(part)
    assert [telegram_length(p) for p in pieces] == [4096, 4096, 1808]
    assert "".join(pieces) == part


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "b", "i", "blockquote", "code"]),
            st.text(alphabet=st.sampled_from(list("ab <>&\"'\n🇨🇦é")), min_size=0, max_size=3000),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_escaped_parts_split_into_valid_messages(raw_parts):
    """Arbitrary escaped parts give messages within the limit, valid HTML, and no lost text."""
    import html

    parts = [
        (f"<{tag}>{html.escape(text)}</{tag}>" if tag else html.escape(text))
        for tag, text in raw_parts
    ]
    messages = split_messages(parts)
    for message in messages:
        assert telegram_length(message) <= LIMIT
        assert_telegram_html(message)
    wanted = _squash("".join(text for _, text in raw_parts))
    assert _squash("".join(visible(m) for m in messages)) == wanted
