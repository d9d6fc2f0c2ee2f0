"""Telling a French question from an English one, cheaply (bot.briefings.asked)."""

from __future__ import annotations

import pytest

from bot.briefings.asked import answer_language, looks_french


@pytest.mark.parametrize(
    "question",
    [
        "Que dit Chong ?",
        "Quand Carney rencontre-t-il Xi ?",
        "Qu'a dit le Global Times sur les tarifs ?",
        "l'accord sur le canola",
        "Carney et Xi",
        "Pourquoi Carney va-t-il en Chine ?",
    ],
)
def test_french_questions_read_as_french(question: str) -> None:
    """Questions a French reader types are taken as French."""
    assert looks_french(question)


@pytest.mark.parametrize(
    "question",
    [
        "what did Chong say?",
        "when does Carney meet Xi?",
        "Global Times",
        "tariffs",
        "Chong's quotes",
        "UN reaction",
        "",
    ],
)
def test_english_questions_and_bare_names_do_not(question: str) -> None:
    """English questions, names and single topics are not taken as French."""
    assert not looks_french(question)


def test_the_chat_decides_unless_the_question_is_french() -> None:
    """A French question gets French anywhere; otherwise the chat's language holds."""
    assert answer_language("Que dit Chong ?", "en") == "fr"
    assert answer_language("what did Chong say?", "fr") == "fr"
    assert answer_language("what did Chong say?", "en") == "en"
