"""`python -m bot console --lang fr`: the console user's Telegram is in French; /language
works there as in any chat."""

from __future__ import annotations

from pathlib import Path

from bot.console.plaintext import html_to_text
from briefs.render import Renderer
from briefs.store import load_store
from tests.bot.console.test_console import console


def test_lang_fr_answers_in_french_until_language_en(tmp_path: Path) -> None:
    """With --lang fr the welcome is French; after /language en it is English."""
    result = console(tmp_path, "/start\n/language en\n/start\n", "--lang", "fr")
    assert result.returncode == 0, result.stderr
    renderer = Renderer(load_store())
    french = html_to_text(renderer.message("welcome", lang="fr"))
    english = html_to_text(renderer.message("welcome", lang="en"))
    assert french != english
    before, after = result.stdout.split("you> /language en")
    assert french in before
    assert english in after.split("you> /start")[1]


def test_an_unknown_language_is_refused_with_the_usage(tmp_path: Path) -> None:
    """`--lang` takes only a language the bot speaks; anything else prints the usage."""
    result = console(tmp_path, "", "--lang", "de")
    assert result.returncode == 2
    assert "--lang" in result.stderr
