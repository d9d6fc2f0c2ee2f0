"""Running the ingest steps over one article and assembling what they found.

The result is plain data (quotes with speakers, dates with resolutions, time expressions
with no date, warnings), shaped
for `--json` by `to_json`; yaml_out.py turns the same data into store-format YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from briefs.ingest.assign import Attributed, assign_speakers
from briefs.ingest.attribution import context_of
from briefs.ingest.dates import DateFinding, find_dates, weekday_mismatches
from briefs.ingest.quotes import find_quotes, mask_quotes
from briefs.ingest.source import Source
from briefs.ingest.text import sentences
from briefs.ingest.vague import Unresolved, find_vague


@dataclass(frozen=True, slots=True)
class ProposedQuote:
    """A quotation as proposed: who said it (display name), where, and how sure we are."""

    speaker: str
    speaker_role: str
    speaker_kind: str
    members: tuple[str, ...]
    text: str
    start: int
    end: int
    paragraph: int
    attribution: str
    joint: bool
    confidence: str
    continued: bool
    context: str
    said: DateFinding | None
    unnamed: bool = False  # the article names the speaker only by a role phrase
    anonymous: bool = False  # an unnamed source ("a spokesperson"): always a new speaker


@dataclass(frozen=True, slots=True)
class Proposal:
    """Everything ingest found in one article."""

    source: Source
    quotes: tuple[ProposedQuote, ...]
    dates: tuple[DateFinding, ...]
    warnings: tuple[str, ...]
    unresolved: tuple[Unresolved, ...] = ()


# "Carney, who arrived in Beijing on Wednesday, called ...": the date belongs to the aside.
_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which)\b[^,]*$")


def _said(
    item: Attributed,
    dates: list[DateFinding],
    spans: list[tuple[int, int]],
    published: date,
    text: str,
) -> DateFinding | None:
    """The date the attribution gives ("Mao Ning said Monday"), if its sentence has one
    outside a relative clause."""
    sent = item.sentence
    for found in dates:
        if (
            sent.start <= found.start < sent.end
            and not any(s <= found.start < e for s, e in spans)
            and not _RELATIVE_CLAUSE.search(text, sent.start, found.start)
            and found.date is not None
            and found.tense == "past"
            and found.precision == "day"
            and found.date <= published
        ):
            return found
    return None


def build(source: Source) -> Proposal:
    """Quotes with speakers and dates with resolutions for one article."""
    spans, found_warnings = find_quotes(source.text, source.body)
    warnings = [*source.warnings, *found_warnings]
    masked = mask_quotes(source.text, spans)
    found_sentences = sentences(masked, source.body)
    dates = find_dates(source.text, found_sentences, source.published)
    warnings.extend(weekday_mismatches(dates))
    contradictory = [d for d in dates if d.kind == "unresolved"]
    dates = [d for d in dates if d.kind != "unresolved"]
    warnings.extend(
        f"offset {d.start}: no {d.text!r} near {source.published.isoformat()}: left unresolved"
        for d in contradictory
    )
    quote_spans = [(q.start, q.end) for q in spans]
    quotes = []
    unnamed: set[str] = set()  # speakers known only by a role, warned about once each
    for item in assign_speakers(masked, found_sentences, spans):
        q, who = item.quote, item.speaker
        opening = source.text[q.start : q.end][:40]
        if who is None:
            warnings.append(f"offset {q.start}: no speaker found for quote {opening!r}")
        elif who.anonymous and who.name not in unnamed:
            unnamed.add(who.name)
            warnings.append(
                f"offset {q.start}: anonymous source {who.name!r} (quote {opening!r}):"
                " proposed as a new speaker, never a stored person"
            )
        elif who.unnamed and who.name not in unnamed:
            unnamed.add(who.name)
            warnings.append(
                f"offset {q.start}: speaker named only as {who.name!r} (quote {opening!r}):"
                " check who it is"
            )
        quotes.append(
            ProposedQuote(
                speaker=who.name if who else "",
                speaker_role=who.role if who else "",
                speaker_kind=("group" if who.joint else who.kind) if who else "person",
                members=who.members if who else (),
                text=source.text[q.start : q.end],
                start=q.start,
                end=q.end,
                paragraph=q.paragraph,
                attribution=source.text[item.found.start : item.found.end] if item.found else "",
                joint=bool(who and who.joint),
                confidence=who.confidence if who else "low",
                continued=item.continued,
                context=context_of(masked, item.sentence.start, item.sentence.end),
                said=_said(item, dates, quote_spans, source.published, source.text),
                unnamed=bool(who and who.unnamed),
                anonymous=bool(who and who.anonymous),
            )
        )
    vague = find_vague(source.text, found_sentences, [(d.start, d.end) for d in dates])
    vague += [Unresolved(d.text, d.start, d.end, d.sentence) for d in contradictory]
    vague.sort(key=lambda u: u.start)
    return Proposal(source, tuple(quotes), tuple(dates), tuple(warnings), tuple(vague))


_SINCE = re.compile(r"\b(?:[Ss]ince|[Ee]ver since)\s+(?:at least\s+|early\s+|late\s+)?$")


def event_dates(proposal: Proposal) -> list[DateFinding]:
    """The dates that may be events: resolved, outside every quotation, and no "since X".

    Quotes are never mined for events: a date inside a quotation is what someone said,
    not what the article reports. "since 2017" starts a state of affairs ("at odds since
    2017"), which has no day of its own on a timeline.
    """
    text = proposal.source.text
    return [
        d
        for d in proposal.dates
        if d.date is not None
        and not any(q.start <= d.start < q.end for q in proposal.quotes)
        and not _SINCE.search(text, max(0, d.start - 24), d.start)
    ]


def date_json(found: DateFinding, source: Source) -> dict[str, Any]:
    """One date as --json shows it."""
    return {
        "text": found.text,
        "date": found.date.isoformat() if found.date else None,
        "precision": found.precision,
        "start": found.start,
        "end": found.end,
        "kind": found.kind,
        "tense": found.tense,
        "sentence": source.text[found.sentence.start : found.sentence.end].strip(),
        "paragraph": found.sentence.paragraph,
        "note": found.note or None,
    }


def to_json(proposal: Proposal) -> dict[str, Any]:
    """`{"quotes", "dates", "unresolved"}`; warnings go to stderr, not here."""
    quotes = [
        {
            "speaker": q.speaker,
            "text": q.text,
            "start": q.start,
            "end": q.end,
            "speaker_role": q.speaker_role,
            "speaker_kind": q.speaker_kind,
            "paragraph": q.paragraph,
            "attribution": q.attribution,
            "joint": q.joint,
            "confidence": q.confidence,
            "continued": q.continued,
            "anonymous": q.anonymous,
            "context": q.context,
            "said": (
                {"date": q.said.date.isoformat(), "precision": q.said.precision}
                if q.said and q.said.date
                else None
            ),
        }
        for q in proposal.quotes
    ]
    dates = [date_json(d, proposal.source) for d in proposal.dates]
    unresolved = [{"text": u.text, "start": u.start, "end": u.end} for u in proposal.unresolved]
    return {"quotes": quotes, "dates": dates, "unresolved": unresolved}
