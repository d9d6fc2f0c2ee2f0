"""Plain-text questions, answered only with facts from the store.

A message is small talk, a request for a section ("summary please"), or a question. A
question is read by type (`lexicon`), its words found in the store (`matching`), and
answered by `answer.html`: a lead sentence built from the matched facts alone (how a dated
event is told comes from `timeline.telling`, as everywhere), then the supporting facts with
footnotes, each fact once, by relevance then date. Words the store has nothing like are
named back ("The sources do not mention electric vehicles.") with the closest sections,
never answered with facts about something else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from briefs.i18n import DEFAULT
from briefs.model import Quote, Reaction
from briefs.render.matching import Match, Query
from briefs.render.plans import REFUSALS, STORY_WIDE, SUPPORT, Plan, plan

if TYPE_CHECKING:
    from briefs.render.renderer import Renderer

NEAR_BEST = 0.5  # supporting facts score at least this share of the best


@dataclass(frozen=True, slots=True)
class Reply:
    """What the bot says to a plain message: `text`, or a `section` to open (with its text)."""

    kind: str  # "answer" | "unknown" | "small_talk" | "section"
    text: str
    section: str | None = None
    facts: tuple[str, ...] = ()  # "kind:id" of every fact shown, lead first
    lang: str = DEFAULT  # the language the reply is written in


def reply(
    renderer: Renderer, question: str, *, fmt: str, today: date, lang: str = DEFAULT
) -> Reply | None:
    """The bot's reply to a plain message, or None when it holds nothing to look up.

    The chat's language decides, except that a question written in French is answered in
    French: whoever wrote it reads French.
    """
    lex = renderer.index.lex
    if not question.strip():
        return None
    reading = lex.read(question)
    lang = "fr" if reading.french else lang
    talk = lex.small_talk_kind(question)
    if talk is not None:
        text = renderer.message("small_talk", fmt=fmt, lang=lang, kind=talk)
        return Reply("small_talk", text, lang=lang)
    section = lex.section(question)
    if section is not None:
        text = renderer.message("open_section", fmt=fmt, lang=lang, section=section)
        return Reply("section", text, section, lang=lang)
    query = renderer.index.resolve(reading)
    if query.reading.about_sources and not query.words and not query.unknown:
        # "who reported this?": the articles are the sources section
        text = renderer.message("open_section", fmt=fmt, lang=lang, section="sources")
        return Reply("section", text, "sources", lang=lang)
    if not query.words and not query.unknown and query.reading.kind not in STORY_WIDE:
        return None
    chosen = plan(renderer, query, today, lang)
    if chosen is None:
        return None
    return _render(renderer, chosen, query, fmt, today, lang)


def _render(
    renderer: Renderer, plan: Plan, query: Query, fmt: str, today: date, lang: str
) -> Reply:
    """The answer message; supporting facts are dropped from the end until it fits."""
    lead_ids = {m.fact.id for m in plan.facts}
    support = _deduplicated(plan.facts, plan.support[: SUPPORT * 8], lead_ids)
    if plan.lead not in ("next", "latest", "span") and support:
        best = support[0].score
        support = [m for m in support if m.score >= best * NEAR_BEST]
    support = support[:SUPPORT]
    while True:
        hidden = _hidden_quotes(plan.facts + support)
        messages = renderer.messages(
            "answer",
            fmt,
            lang=lang,
            today=today,
            plan=plan,
            support=support,
            hidden=hidden,
            sections=_closest(query, plan, support),
        )
        if len(messages) == 1 or not support:
            shown = [f"{m.kind}:{m.fact.id}" for m in plan.facts + support]
            kind = "unknown" if plan.lead in REFUSALS else "answer"
            return Reply(kind, messages[0], facts=tuple(shown), lang=lang)
        support = support[:-1]


def _deduplicated(lead: list[Match], support: list[Match], lead_ids: set[str]) -> list[Match]:
    """Each fact once: no repeat of a lead fact, and a quote its reaction shows is dropped."""
    seen = {(m.kind, m.fact.id) for m in lead}
    shown_by_reactions = {
        q for m in (*lead, *support) if isinstance(m.fact, Reaction) for q in m.fact.quotes
    }
    out: list[Match] = []
    for m in support:
        key = (m.kind, m.fact.id)
        if key in seen or m.kind in ("article",):
            continue
        if (
            isinstance(m.fact, Quote)
            and m.fact.id in shown_by_reactions
            and m.fact.id not in lead_ids
        ):
            continue
        seen.add(key)
        out.append(m)
    return out


def _hidden_quotes(shown: list[Match]) -> set[str]:
    """Quotes already shown on their own, so a reaction does not print them again."""
    return {m.fact.id for m in shown if isinstance(m.fact, Quote)}


def _closest(query: Query, plan: Plan, support: list[Match]) -> list[str]:
    """Sections to offer with a refusal: where the nearest facts live, else the summary."""
    if plan.lead not in REFUSALS:
        return []
    where = {"point": "summary", "event": "timeline", "quote": "quotes", "reaction": "reactions"}
    found = [where[m.kind] for m in support if m.kind in where]
    return list(dict.fromkeys([*found, "summary"]))[:3]
