"""What a proposal means for the store: new facts, facts already there, and updates.

Ingest alone proposes from one article; here each proposal is set against the loaded
store. A quote already stored is marked and never written again. A dated sentence on the
same day as a stored event and about the same subject (two content words in common) adds
the article to that event's sources; if the event was planned and the article reports it
in the past tense, it becomes a status update (happened, or cancelled or postponed when
the sentence says so) with `updated: {at, article, was}`. Everything else is new.
`confidence` decides what `--write` writes (high) and what goes to review (the rest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from briefs.ingest.dates import DateFinding
from briefs.ingest.ids import event_base, quote_base, short_name, strip_dateline, subject
from briefs.ingest.known import Known, guess_side, unique_id
from briefs.ingest.proposal import Proposal, ProposedQuote, event_dates
from briefs.ingest.tense import clause_tense
from briefs.ingest.yaml_out import People, written_date
from briefs.model import DatedValue, Event, Precision, Status, Store
from briefs.store.order import written

_CANCELLED = re.compile(r"\b(?:cancel(?:l)?ed|called off|scrapped|scrubbed)\b", re.I)
_POSTPONED = re.compile(r"\b(?:postponed|delayed|put off|pushed back|moved to)\b", re.I)
_REPORTING = re.compile(r"\b(?:said|says|told|tells|wrote|announced)\b")
_CONFIDENCE = ("low", "medium", "high")


@dataclass(slots=True)
class Item:
    """One proposed change: `action` is new, stored, add-source or status."""

    kind: str  # quote | event
    action: str
    confidence: str
    why: str
    record: dict[str, Any] = field(default_factory=dict)
    target: str | None = None  # the stored event an add-source or status item changes
    person: dict[str, Any] | None = None  # a new speaker the quote needs
    status: str | None = None


def added_stamp(now: datetime, published: date) -> datetime:
    """The one `added` policy: the time of the write in UTC, truncated to the minute, but
    never before the article's publication day (00:00 UTC of that day)."""
    floor = datetime.combine(published, time(0), tzinfo=now.tzinfo)
    return max(now.replace(second=0, microsecond=0), floor)


def _new_person(
    q: ProposedQuote, pid: str, known: Known, article: str, text: str, at: datetime
) -> tuple[dict[str, Any], bool]:
    """The person record, and whether its side rests on what the article says."""
    side = guess_side(q.speaker, q.speaker_role, ())
    sure = side not in ("others", "other-governments") or not known.sides
    if not sure:  # the role says nothing: the paragraph may ("a Chinese spokesperson")
        hint = guess_side("", text, ())
        sure = hint != "others"
        side = hint if sure else side
    if known.sides and side not in known.sides:
        side, sure = ("others" if "others" in known.sides else known.sides[-1]), False
    words = q.speaker.split()
    named = q.speaker_kind == "person" and len(words) > 1 and not q.unnamed
    record = {
        "id": pid,
        "name": q.speaker,
        "kind": q.speaker_kind,
        "role": q.speaker_role.removeprefix("a ").removeprefix("an ").removeprefix("the "),
        "affiliation": "",
        "side": side,
        "aliases": [words[-1]] if named else [],
        "sources": [article],
        "added": at,
    }
    return record, sure


def _quote_items(proposal: Proposal, store: Store, known: Known, at: datetime) -> list[Item]:
    src = proposal.source
    taken = set(known.ids)
    people = People(known, taken)
    items = []
    for q in proposal.quotes:
        stored = next(
            (
                s
                for s in store.quotes
                if (s.article == src.article_id and (s.start, s.end) == (q.start, q.end))
                or " ".join(s.text.split()) == " ".join(q.text.split())
            ),
            None,
        )
        if stored is not None:
            items.append(Item("quote", "stored", "high", f"already stored as {stored.id}"))
            continue
        pid = people.id_for(q) if q.speaker else "unknown"
        new = q.speaker in people.new and people.new[q.speaker][0] == pid
        confidence, why = q.confidence, f"“{q.attribution or 'continues the quote before'}”"
        doubt = None if new or not q.speaker else known.alias_doubt(q.speaker)
        if doubt is not None:
            confidence, why = min(confidence, doubt[0], key=_CONFIDENCE.index), doubt[1]
        if q.anonymous or q.unnamed or not q.speaker:
            confidence, why = "low", f"REVIEW: speaker “{q.speaker or 'not found'}”; {why}"
        person = None
        if new:
            para = next(p for p in src.paragraphs if p.number == q.paragraph)
            around = src.text[para.start : para.end].replace(q.text, "")
            person, sure = _new_person(q, pid, known, src.article_id, around, at)
            if not sure:
                confidence, why = "medium", f"REVIEW: the side of {q.speaker} is a guess; {why}"
        aliases = tuple(person["aliases"]) if person else _aliases(store, pid)
        said = None
        if q.said is not None:
            day, precision = written_date(q.said)
            said = {"date": day, "precision": precision}
        record = {
            "id": unique_id(quote_base(short_name(pid, aliases), q.text), taken),
            "speaker": pid,
            "text": q.text,
            "article": src.article_id,
            "start": q.start,
            "end": q.end,
            "said": said,
            "context": q.context,
            "topics": [],
            "added": at,
        }
        items.append(Item("quote", "new", confidence, why, record, person=person))
    return items


def _aliases(store: Store, pid: str) -> tuple[str, ...]:
    return next((p.aliases for p in store.people if p.id == pid), ())


def _same_day(event: Event, day: str, precision: str) -> bool:
    when = DatedValue(event.date, event.precision)
    return event.precision == Precision(precision) and written(when) == day


def _event_item(
    found: DateFinding,
    sentence: str,
    proposal: Proposal,
    store: Store,
    taken: set[str],
    at: datetime,
) -> Item:
    src = proposal.source
    day, precision = written_date(found)
    words = subject(sentence)
    matches = sorted(
        ((len(words & subject(e.text)), e) for e in store.events if _same_day(e, day, precision)),
        key=lambda m: -m[0],
    )
    if matches and matches[0][0] >= 1:
        shared, event = matches[0]
        confidence = "high" if shared >= 2 else "medium"
        if src.article_id in event.sources:
            return Item("event", "stored", "high", f"already cites {src.article_id}: {event.id}")
        status = None
        done = found.tense == "past" and found.date is not None and found.date <= src.published
        if event.status == Status.PLANNED and done:
            status = Status.HAPPENED
        if _CANCELLED.search(sentence):
            status = Status.CANCELLED
        elif _POSTPONED.search(sentence):
            status = Status.POSTPONED
        if status is not None and status != event.status:
            why = f"reports {event.id} ({event.status}) as {status}: “{sentence}”"
            return Item("event", "status", confidence, why, target=event.id, status=status)
        return Item(
            "event",
            "add-source",
            confidence,
            f"same day and subject: “{sentence}”",
            target=event.id,
        )
    own = clause_tense(src.text, found.sentence.start, found.sentence.end, found.start, found.end)
    sure = (
        found.precision in ("day", "month")
        and found.kind != "duration"
        and not found.note
        and own is not None
        and not _REPORTING.search(sentence)
    )
    why = (
        f"“{found.text}” ({found.kind}, {found.tense} tense), paragraph {found.sentence.paragraph}"
    )
    if found.note:
        why = f"REVIEW: {found.note}; {why}"
    text = strip_dateline(sentence)
    record = {
        "id": unique_id(event_base(text), taken),
        "date": day,
        "precision": precision,
        "text": text,
        "place": "",
        "topics": [],
        "status": str(Status.HAPPENED if found.tense == "past" else Status.PLANNED),
        "sources": [src.article_id],
        "added": at,
    }
    return Item("event", "new", "high" if sure else "medium", why, record)


def plan(proposal: Proposal, store: Store, known: Known, now: datetime) -> list[Item]:
    """Every quote and dated sentence of the proposal, set against the store."""
    at = added_stamp(now, proposal.source.published)
    items = _quote_items(proposal, store, known, at)
    taken = set(known.ids) | {i.record["id"] for i in items if i.record}
    seen: set[tuple[str, str]] = set()
    for found in event_dates(proposal):
        src = proposal.source
        sentence = src.text[found.sentence.start : found.sentence.end].strip()
        key = (written_date(found)[0], sentence)
        if key not in seen:
            seen.add(key)
            items.append(_event_item(found, sentence, proposal, store, taken, at))
    return items
