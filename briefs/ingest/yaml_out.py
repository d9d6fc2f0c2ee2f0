"""The proposal as YAML in the store's own format, for a maintainer to review and copy.

Entries carry only the fields the store accepts (it refuses unknown fields), so anything
extra (the speaker's display name, the attribution, how sure the guess is) goes in a
comment above the entry: an entry moved into seeds/facts/*.yaml loads as it is.
Dates are written to their precision (2026-01-14, 2026-01, 2026) like events.yaml.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

import yaml

from briefs.ingest.dates import DateFinding
from briefs.ingest.known import STORE_HINT, Known, guess_side, unique_id
from briefs.ingest.proposal import Proposal, ProposedQuote, event_dates


def scalar(value: object) -> str:
    """One YAML scalar on one line, quoted only when YAML needs it."""
    if value is None:
        return "null"
    if value == "":
        return '""'
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def written_date(found: DateFinding) -> tuple[str, str]:
    """The date as events.yaml writes it, and the store precision (week becomes month)."""
    assert found.date is not None
    if found.precision == "day":
        return found.date.isoformat(), "day"
    if found.precision in ("month", "week"):
        return found.date.strftime("%Y-%m"), "month"
    return str(found.date.year), "year"


class People:
    """Person ids for speakers: the store's own where it knows them, new ones otherwise."""

    def __init__(self, known: Known, taken: set[str]) -> None:
        self.known = known
        self.taken = taken
        self.new: dict[str, tuple[str, ProposedQuote]] = {}

    def id_for(self, q: ProposedQuote) -> str:
        existing = None if q.anonymous else self.known.person_id(q.speaker)
        if q.unnamed and not q.anonymous and not existing:
            existing = self.known.person_by_role(q.speaker)
        if existing:
            return existing
        if q.speaker in self.new:
            return self.new[q.speaker][0]
        base = "-".join(m.split()[-1] for m in q.members) if q.joint else q.speaker
        base = re.sub(r"^(?:the|a|an|one)\s+", "", base)
        if q.anonymous:
            base = f"anonymous {base}"
        pid = unique_id(base, self.taken)
        self.new[q.speaker] = (pid, q)
        return pid


def _header(proposal: Proposal, known: Known) -> list[str]:
    src = proposal.source
    lines = [
        f"# PROPOSAL TO REVIEW: candidate facts from {src.path} ({src.article_id},",
        f"# published {src.published.isoformat()}). Nothing here is in the store yet.",
        "# Check each entry against the article, fix speakers and dates, fill in topics,",
        "# context and sides, then move what is right into seeds/facts/*.yaml and run",
        "# `briefs check`. Comments above entries say who and how sure; `confidence: low`",
        "# marks a guess. Spans index the file exactly as read (UTF-8, front matter included).",
    ]
    lines += [f"# WARNING: {w}" for w in proposal.warnings]
    lines += [f"# WARNING: store: {p}; {STORE_HINT}" for p in known.problems]
    return lines


def _quote_lines(
    q: ProposedQuote, qid: str, pid: str, article: str, added: str, new: bool, doubt: str = ""
) -> list[str]:
    who = q.speaker or "NO SPEAKER FOUND: set a person id"
    if q.anonymous:
        who = f"REVIEW: an anonymous source (“{q.speaker}”), proposed as a new speaker"
    elif q.unnamed:
        how_found = "a new person" if new else f"{pid}, whose role in the store fits"
        who = f"REVIEW: named only as “{q.speaker}” in the article, proposed as {how_found}"
    role = f" ({q.speaker_role})" if q.speaker_role and not q.anonymous else ""
    how = f"“{q.attribution}”" if q.attribution else "continues the quote before"
    said = "null"
    if q.said is not None:
        day, precision = written_date(q.said)
        said = f"{{date: {day}, precision: {precision}}}"
    return [
        f"  - id: {qid}",
        f"    # {who}{role}; {how}; paragraph {q.paragraph}; confidence: {q.confidence}"
        + ("; joint" if q.joint else ""),
        *([f"    # {doubt}"] if doubt else []),
        f"    speaker: {pid}",
        f"    text: {scalar(q.text)}",
        f"    article: {article}",
        f"    start: {q.start}",
        f"    end: {q.end}",
        f"    said: {said}",
        f"    context: {scalar(q.context)}",
        "    topics: []",
        f"    added: {added}",
    ]


def _event_lines(
    found: DateFinding, eid: str, sentence: str, article: str, added: str
) -> list[str]:
    day, precision = written_date(found)
    note = (
        f"“{found.text}” ({found.kind}, {found.tense} tense), paragraph {found.sentence.paragraph}"
    )
    lines = [f"  - id: {eid}", f"    # from {note}"]
    if found.note:
        lines.append(f"    # REVIEW: {found.note}")
    if found.precision == "week":
        lines.append(f"    # the week of {found.date}; the store has no week precision")
    return [
        *lines,
        f"    date: {day}",
        f"    precision: {precision}",
        f"    text: {scalar(sentence)}",
        # The clause's tense is the article's own word on it: "met" happened, "will meet"
        # and "is due to meet" are plans until a later article reports them done.
        f"    status: {'happened' if found.tense == 'past' else 'planned'}",
        f"    sources: [{article}]",
        f"    added: {added}",
    ]


_CONFIDENCE = ("low", "medium", "high")


def to_yaml(proposal: Proposal, known: Known, now: datetime) -> str:
    """The whole proposal: header, quotes, events from dated sentences, new people."""
    src = proposal.source
    added = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    taken = set(known.ids)
    people = People(known, taken)
    lines = [*_header(proposal, known), "", "quotes:" if proposal.quotes else "quotes: []"]
    for q in proposal.quotes:
        pid = people.id_for(q) if q.speaker else "unknown"
        qid = unique_id(" ".join([pid, *q.text.split()[:4]]), taken)
        new = q.speaker in people.new
        doubt = None if new or not q.speaker else known.alias_doubt(q.speaker)
        if doubt is not None:
            q = replace(q, confidence=min(q.confidence, doubt[0], key=_CONFIDENCE.index))
        note = doubt[1] if doubt else ""
        lines += [*_quote_lines(q, qid, pid, src.article_id, added, new, note), ""]
    dated = event_dates(proposal)
    lines.append("events:" if dated else "events: []")
    seen: set[tuple[str, str]] = set()
    for found in dated:
        sentence = src.text[found.sentence.start : found.sentence.end].strip()
        key = (written_date(found)[0], sentence)
        if key in seen:
            continue
        seen.add(key)
        eid = unique_id(" ".join([*sentence.split()[:4], key[0]]), taken)
        lines += [*_event_lines(found, eid, sentence, src.article_id, added), ""]
    durations = [d for d in proposal.dates if d.date is None]
    if durations:
        spans = ", ".join(f"“{d.text}” (paragraph {d.sentence.paragraph})" for d in durations)
        lines += [f"# Durations, not dates, so no events: {spans}", ""]
    if proposal.unresolved:
        lines.append("# UNRESOLVED time expressions, with no date to give: check none hides one")
        lines += [
            f"#   “{u.text}” at {u.start}-{u.end}, paragraph {u.sentence.paragraph}"
            for u in proposal.unresolved
        ]
        lines.append("")
    lines.append("people:" if people.new else "people: []")
    for pid, q in people.new.values():
        kind = q.speaker_kind
        words = q.speaker.split()
        named = kind == "person" and len(words) > 1 and not q.unnamed
        aliases = [words[-1]] if named else []
        side = guess_side(q.speaker, q.speaker_role, known.sides)
        if q.anonymous:
            lines.append(
                "  # REVIEW: an anonymous source: name them if the article does, else keep"
            )
        elif q.unnamed:
            lines.append("  # REVIEW: a role, not a name: find who it is, or use an existing id")
        lines += [
            f"  - id: {pid}",
            f"    name: {scalar(q.speaker)}",
            f"    kind: {kind}",
            f"    role: {scalar(q.speaker_role)}",
            '    affiliation: ""',
            f"    side: {side}  # a guess: pick the right side from story.yaml",
            f"    aliases: {scalar(aliases)}",
            f"    sources: [{src.article_id}]",
            f"    added: {added}",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"
