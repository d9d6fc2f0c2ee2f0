"""`python -m bot console --lang fr`: the console user's Telegram is in French; /language
works there as in any chat."""

from __future__ import annotations

import pytest

from bot import __main__ as entry
from bot.config import Settings
from bot.console.plaintext import html_to_text
from briefs.render import Renderer
from tests.bot.console.test_console import chat
from tests.support.store import fixture_store


async def test_lang_fr_answers_in_french_until_language_en(settings: Settings) -> None:
    """With --lang fr the welcome is French; after /language en it is English."""
    out, _ = await chat(settings, "/start\n/language en\n/start\n", lang="fr")
    renderer = Renderer(fixture_store())
    french = html_to_text(renderer.message("welcome", lang="fr"))
    english = html_to_text(renderer.message("welcome", lang="en"))
    assert french != english
    before, after = out.split("you> /language en")
    assert french in before
    assert english in after.split("you> /start")[1]


@pytest.mark.usefixtures("environment")
def test_an_unknown_language_is_refused_with_the_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--lang` takes only a language the bot speaks; anything else prints the usage."""
    assert entry.main(["console", "--lang", "de"]) == 2
    assert "--lang" in capsys.readouterr().err
