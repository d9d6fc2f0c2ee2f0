"""Names: the store covers everyone its articles name, and says no name they do not.

A name is a capitalised word that does not start a sentence or clause. Three rules:
- every name in an article's body appears in some fact citing that article;
- every name a fact's prose uses is in the body (or outlet) of an article it cites;
- a fact does not lean on an article's caption: a name it uses that the article has only
  outside its body (line 1, `non_body_lines`) means the article does not report it.
"""

from __future__ import annotations

import calendar
import re

from briefs.model import Event, Person
from briefs.store.content.context import Content, Fact, prose, prose_field

WEEKDAYS = tuple(calendar.day_name)
MONTHS = tuple(calendar.month_name)[1:]
_NAME = re.compile(r"(?<![\w’'])([A-Z][A-Za-z0-9]*(?:\.[A-Z]\.?)*)")
# "No. 1" abbreviates "number"; it names nothing.
_NUMBER = re.compile(r"\bNo\. ?(?=\d)")
_CLAUSE = re.compile(r"(?<=[.;:—?!])\s+|[“\"(]")
# Words capitalised by the calendar, not because they name someone: weekdays and months
# are checked as dates (days.py).
CALENDAR = {*WEEKDAYS, *MONTHS}


def names(text: str) -> set[str]:
    """Capitalised words that do not start a sentence or clause: the names a text uses."""
    found = set()
    for clause in _CLAUSE.split(_NUMBER.sub("", text)):
        for match in _NAME.finditer(clause):
            if clause[: match.start()].strip():
                found.add(match.group(1))
    return found


def _told(fact: Fact) -> str:
    """Everything a fact says in words, as searched for a name it covers."""
    if isinstance(fact, Person):
        return " ".join((fact.name, fact.role, fact.affiliation, *fact.aliases))
    place = fact.place if isinstance(fact, Event) else ""
    return f"{prose(fact)} {place}"


def _word_in(word: str, text: str) -> bool:
    """The name starts a word of text; it may end inside one ("Australia" in "Australian")."""
    return re.search(r"(?<![\w’'])" + re.escape(word), text) is not None


def _covered(content: Content) -> None:
    facts = content.store.facts()
    for article_id, body in content.covered_bodies().items():
        told = " ".join(_told(f) for f in facts if article_id in f.sources)
        seen: set[str] = set()
        for line in body.lines:
            if not line.paragraph:
                continue
            for name in sorted(names(line.text) - CALENDAR - seen):
                seen.add(name)
                if not _word_in(name, told):
                    content.article(
                        article_id,
                        line.start,
                        f"names {name}, but no fact citing {article_id} does; add who or what "
                        "it is to a fact (a person's name or alias, an event, a summary point)",
                    )


def _used(content: Content) -> None:
    for fact in content.store.facts():
        text = prose(fact)
        cited = [content.bodies[a] for a in fact.sources if a in content.bodies]
        known = " ".join(f"{b.text} {b.article.outlet}" for b in cited)
        for name in sorted(names(text) - CALENDAR):
            if _word_in(name, known):
                continue
            content.fact(
                fact,
                prose_field(fact),
                f"names {name}, which the body of {', '.join(fact.sources)} does not; "
                "use the articles' own names, or cite the article that gives this one",
            )


def _leaning(content: Content) -> None:
    for fact in content.store.facts():
        used = names(_told(fact)) - CALENDAR if not isinstance(fact, Person) else set()
        for article_id in fact.sources:
            body = content.bodies.get(article_id)
            if body is None:
                continue
            only_there = sorted(
                n for n in used if _word_in(n, body.other_text) and not _word_in(n, body.text)
            )
            if only_there:
                content.fact(
                    fact,
                    "sources",
                    f"cites {article_id} for {', '.join(only_there)}, which it has only "
                    "in its headline or non_body_lines (a caption is not the article's "
                    f"report); drop {article_id} from sources or cite an article whose body "
                    "says it",
                )


def check_names(content: Content) -> None:
    """Names covered, names used found in the articles' bodies, no fact resting on a caption."""
    _covered(content)
    _used(content)
    _leaning(content)
