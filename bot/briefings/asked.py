"""Which language a question was asked in, cheaply: enough to answer a French question in
French in a chat that speaks English. The chat's language still decides otherwise.

A question is French when it uses French words English questions almost never do (the list
is data, bot/briefings/french_words.txt) or an elision (l', d', qu'...): two of them, or one
in a question of three words or fewer ("Carney et Xi", "l'accord"). Names and topics alone
("Global Times", "tarifs") say nothing, so they follow the chat.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_WORDS_FILE = Path(__file__).with_name("french_words.txt")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_ELISION = re.compile(r"(?:l|d|qu|c|j|n|m|t|s|jusqu|lorsqu|puisqu)['’]\w", re.IGNORECASE)


@cache
def french_words() -> frozenset[str]:
    lines = _WORDS_FILE.read_text("utf-8").splitlines()
    return frozenset(w.strip().casefold() for w in lines if w.strip() and not w.startswith("#"))


def looks_french(text: str) -> bool:
    """Whether the text reads as French (see the module's docstring for the rule)."""
    tokens = _TOKEN.findall(text.casefold())
    words = french_words()
    hits = sum(1 for t in tokens if t in words or (_ELISION.match(t) and len(t) > 2))
    return hits >= 2 or (hits == 1 and len(tokens) <= 3)


def answer_language(question: str, chat_lang: str) -> str:
    """French for a French question in any chat; otherwise the chat's language."""
    return "fr" if looks_french(question) else chat_lang
