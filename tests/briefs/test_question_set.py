"""The question set (questions.yaml): readers' questions of every type, typos, French,
small talk and questions the sources cannot answer, judged against a frozen store."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefs.render import Renderer
from briefs.render.lexicon import TYPES
from briefs.store import load_store
from tests.support.store import FIXTURE_STORE

STORE = FIXTURE_STORE
"""The store the set is judged against: the frozen copy of seeds/ the expectations were
written for."""
SET = Path(__file__).with_name("questions.yaml")
PASS_SHARE = 0.9


@dataclass(frozen=True, slots=True)
class Verdict:
    question: str
    right: bool
    wrong: list[str]  # forbidden things the reply did
    why: str


def _data() -> dict[str, Any]:
    data = yaml.safe_load(SET.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def judge(renderer: Renderer, case: dict[str, Any], now: datetime, always: list[str]) -> Verdict:
    """Whether the reply to one question is right, and what it says that it must not."""
    question = case["q"]
    reply = renderer.reply(question, fmt="text", now=now)
    kind = reply.kind if reply else "unknown"
    text = reply.text if reply else ""
    facts = list(reply.facts) if reply else []
    wrong = [p for p in [*always, *case.get("forbid", [])] if re.search(p, text, re.M)]
    expected = case.get("reply", "answer")
    if expected == "unknown" and kind == "answer":
        wrong.append("answered with confidence what the sources do not say")
    problems = []
    if kind != expected:
        problems.append(f"reply {kind}, expected {expected}")
    if "section" in case and (reply is None or reply.section != case["section"]):
        problems.append(f"section {reply.section if reply else None}")
    if "type" in case and renderer.index.lex.read(question).kind != case["type"]:
        problems.append(f"type {renderer.index.lex.read(question).kind}")
    if case.get("lead") and (not facts or facts[0] != case["lead"]):
        problems.append(f"lead {facts[:1]}")
    missing = [f for f in case.get("expect", []) if f not in facts]
    if missing:
        problems.append(f"missing {missing}")
    if case.get("any_of") and not set(case["any_of"]) & set(facts):
        problems.append(f"none of {case['any_of']} in {facts}")
    return Verdict(question, not problems and not wrong, wrong, "; ".join(problems))


@pytest.fixture(scope="module")
def verdicts() -> list[Verdict]:
    data = _data()
    renderer = Renderer(load_store(STORE))
    now = datetime.fromisoformat(data["now"])
    return [judge(renderer, case, now, data["forbid_always"]) for case in data["questions"]]


def test_question_set_covers_every_kind_of_question():
    """The set holds at least 80 questions: every type, French, typos, small talk, refusals."""
    cases = _data()["questions"]
    assert len(cases) >= 80
    assert {c.get("type") for c in cases} >= set(TYPES)
    replies = {c.get("reply", "answer") for c in cases}
    assert replies >= {"answer", "unknown", "small_talk", "section"}


def test_question_set_is_answered_right_and_never_wrong(verdicts, record_property):
    """At least 90% of the questions get the right reply and none says what it must not
    (a plan told as done, an invented claim, a confident answer the sources cannot give)."""
    right = sum(v.right for v in verdicts)
    score = f"{right}/{len(verdicts)} right ({right / len(verdicts):.0%})"
    record_property("question_set", score)
    print(f"\nquestion set: {score}")
    failures = "\n".join(f"  {v.question!r}: {v.why or v.wrong}" for v in verdicts if not v.right)
    assert not [v for v in verdicts if v.wrong], failures
    assert right >= PASS_SHARE * len(verdicts), f"{score}\n{failures}"


def test_every_reply_in_the_set_is_valid_telegram_html():
    """Each reply the bot would send for the set is valid Telegram HTML within the limit."""
    from briefs.render import telegram_length
    from briefs.render.telegram import LIMIT
    from tests.briefs.htmlcheck import assert_telegram_html

    data = _data()
    renderer = Renderer(load_store(STORE))
    now = datetime.fromisoformat(data["now"])
    for case in data["questions"]:
        reply = renderer.reply(case["q"], now=now)
        if reply is not None:
            assert_telegram_html(reply.text)
            assert telegram_length(reply.text) <= LIMIT
