"""`briefs render`: briefings printed exactly as the bot sends them."""

from datetime import UTC, datetime

import pytest

from briefs.cli import main
from briefs.render import Renderer
from tests.support.store import fixture_store


def test_render_prints_the_single_message_alone(capsys):
    """A one-message briefing prints exactly that message, with no separator."""
    assert main(["render", "sources"]) == 0
    out = capsys.readouterr().out
    assert out == Renderer(fixture_store()).section("sources")[0] + "\n"
    assert "-----" not in out


def test_render_separates_several_messages(capsys):
    """Several messages are each preceded by "----- message N/M -----" on stdout."""
    assert main(["render", "daily", "--since", "2026-01-01", "--now", "2026-01-13"]) == 0
    out = capsys.readouterr().out
    expected = Renderer(fixture_store()).daily(
        datetime(2026, 1, 1, tzinfo=UTC), now=datetime(2026, 1, 13, tzinfo=UTC)
    )
    assert len(expected) > 1
    assert out.count("----- message ") == len(expected)
    assert out.startswith(f"----- message 1/{len(expected)} -----\n{expected[0]}\n")


def test_render_text_format_with_now_and_arg(capsys):
    """--format text --now --arg reach the renderer: plain text, filtered, at that date."""
    assert main(["render", "quotes", "--format", "text", "--arg", "chong"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("💬 Quotes from Michael Chong")
    assert "<b>" not in out
    assert main(["render", "timeline", "--now", "2026-01-15T09:00:00+00:00"]) == 0
    assert "as of Thu 15 Jan 2026" in capsys.readouterr().out


def test_render_answer_falls_back_to_no_match(capsys):
    """`render answer` prints the answer, or the no-match message the bot would send."""
    assert main(["render", "answer", "--arg", "what did Chong say?"]) == 0
    assert "kowtowing" in capsys.readouterr().out
    assert main(["render", "answer", "--arg", "what did they say?"]) == 0
    assert "I found nothing" in capsys.readouterr().out


def test_render_page_prints_one_page(capsys):
    """--page prints one page of the inline-keyboard view."""
    assert main(["render", "quotes", "--page", "2"]) == 0
    assert "Quotes</b> · 2/" in capsys.readouterr().out


def test_broken_store_reports_problems_and_exits_1(tmp_path, capsys):
    """A store that fails to load prints its problems on stderr and exits 1."""
    assert main(["render", "summary", "--root", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip()


def test_bad_now_is_a_usage_error(capsys):
    """An unparseable --now stops with a usage error naming the option."""
    with pytest.raises(SystemExit) as stopped:
        main(["render", "timeline", "--now", "soon"])
    assert stopped.value.code == 2
    assert "--now" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["summary", "timeline", "daily", "answer"])
def test_render_lang_prints_what_a_french_reader_gets(capsys, name):
    """--lang fr reaches the renderer for sections, daily and answers alike."""
    args = ["render", name, "--lang", "fr", "--now", "2026-01-15", "--arg", "Carney Xi"]
    assert main(args) == 0
    french = capsys.readouterr().out
    assert main(args[:2] + args[4:]) == 0
    assert french != capsys.readouterr().out
    assert "janv." in french
