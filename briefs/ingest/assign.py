"""Giving every quotation its speaker, reading the article front to back.

First every sentence's attributions (quoted or not) fill the registry, so "he said" and
"the dean" can point back to someone introduced in an earlier paragraph. Then each quote
looks after itself (“…,” X said), before itself (X said: “…” / X said ... “fragment”), and
finally to the quote it continues (a second sentence, a split quote, the next paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefs.ingest.attribution import (
    NOUN_POSSESSIVE,
    VERB,
    Found,
    coordinated_subject,
    subject_after,
    subject_before,
)
from briefs.ingest.names import NameRun, appositive_role, name_runs, title_before
from briefs.ingest.quotes import QuoteSpan
from briefs.ingest.speakers import Registry, Speaker, group_members, org_name, resolve_phrase
from briefs.ingest.text import Sentence, sentence_at


@dataclass(frozen=True, slots=True)
class Attributed:
    """A quotation with its speaker (None if nobody could be found) and attribution span."""

    quote: QuoteSpan
    speaker: Speaker | None
    found: Found | None
    sentence: Sentence
    continued: bool


def _verb_attribution(
    masked: str, seg_start: int, seg_end: int, sent_start: int, match_start: int, match_end: int
) -> Found | None:
    verb = masked[match_start:match_end]
    if verb == "saying":  # "Lalonde disagreed, saying ...": the subject of the verb before
        lead = re.search(r"\b[a-z]+(?:\s+[a-z]+)?,\s*$", masked[seg_start:match_start])
        found = subject_before(masked, seg_start, seg_start + lead.start()) if lead else None
        return replace(found, end=match_end) if found else None
    if verb != "according to":
        found = subject_before(masked, seg_start, match_start)
        if found is None:
            found = coordinated_subject(masked, sent_start, match_start)
        if found is not None:
            return replace(found, end=match_end)
    before = masked[seg_start:match_start].strip()
    if verb == "according to" or not before or before.endswith(","):
        return subject_after(masked, match_end, seg_end)
    return None


def _candidates(
    masked: str, seg_start: int, seg_end: int, sent_start: int, *, nouns: bool
) -> list[Found]:
    """Attributions in a stretch of text, in text order."""
    found: list[tuple[int, Found]] = []
    for match in VERB.finditer(masked, seg_start, seg_end):
        f = _verb_attribution(masked, seg_start, seg_end, sent_start, match.start(), match.end())
        if f is not None:
            found.append((match.start(), f))
    if nouns:
        for match in NOUN_POSSESSIVE.finditer(masked, seg_start, seg_end):
            s = match.start("subj")
            found.append((match.end(), Found(s, match.end("subj"), s, match.end(), "", "")))
    return [f for _, f in sorted(found, key=lambda pair: pair[0])]


def build_registry(masked: str, sentences: list[Sentence]) -> Registry:
    """Everyone the article names, in order; subjects and speakers can be "he" or "she" later."""
    reg = Registry()
    for sent in sentences:
        reg.learn_names(name_runs(masked, sent.start, sent.end))
    for sent in sentences:
        for run in name_runs(masked, sent.start, sent.end):
            _mention(masked, run, sent, reg)
        for f in _candidates(masked, sent.start, sent.end, sent.start, nouns=False):
            who = _resolve(masked, f, sent, reg, sentences)
            if who is not None:
                reg.add(f.subject_start, sent.paragraph, who)
    return reg


def _mention(masked: str, run: NameRun, sent: Sentence, reg: Registry) -> None:
    """A name in passing: a subject if it opens the sentence, else only a mention."""
    subject = len(masked[sent.start : run.start].split()) <= 4
    if run.kind == "organisation" and not run.possessive:
        reg.add(
            run.start,
            sent.paragraph,
            Speaker(org_name(masked, run), "", "organisation"),
            subject=False,
        )
    elif run.kind == "person" and len(run.words) > 1:
        role = title_before(masked, run) or appositive_role(masked, run.end, sent.end)
        who = Speaker(reg.expand(run.name), role)
        reg.add(run.start, sent.paragraph, who, subject=subject and not run.possessive)


def _resolve(
    masked: str, f: Found, sent: Sentence, reg: Registry, sentences: list[Sentence]
) -> Speaker | None:
    who = resolve_phrase(masked, f.subject_start, f.subject_end, f.start, sent.paragraph, reg)
    if who is None:
        return None
    if who.kind == "group":
        index = sentences.index(sent)
        if index + 1 < len(sentences):
            nxt = sentences[index + 1]
            phrase = masked[f.subject_start : f.subject_end]
            return group_members(masked, phrase, nxt.start, nxt.end, reg) or who
    if f.role and who.kind == "person" and not who.joint:
        return replace(who, role=f.role)
    return who


def _own_attribution(
    masked: str, q: QuoteSpan, quotes: list[QuoteSpan], sent: Sentence
) -> list[Found]:
    """Candidate attributions, best first: after the quote, then before it, nearest first."""
    index = quotes.index(q)
    later = [o.open for o in quotes[index + 1 :] if o.open < sent.end]
    found: list[Found] = []
    if q.close is not None:
        after_end = later[0] if later else sent.end
        found += _candidates(masked, q.close + 1, after_end, sent.start, nouns=False)
    earlier = [o.close for o in quotes[:index] if o.close is not None and o.close >= sent.start]
    seg_start = earlier[-1] + 1 if earlier else sent.start
    found += reversed(_candidates(masked, seg_start, q.open, sent.start, nouns=True))
    return found


def assign_speakers(
    masked: str, sentences: list[Sentence], quotes: list[QuoteSpan]
) -> list[Attributed]:
    """Each quotation with its speaker, in reading order."""
    reg = build_registry(masked, sentences)
    results: list[Attributed] = []
    for q in quotes:
        sent = sentence_at(sentences, q.open)
        who: Speaker | None = None
        chosen: Found | None = None
        for found in _own_attribution(masked, q, quotes, sent):
            who = _resolve(masked, found, sent, reg, sentences)
            if who is not None:
                chosen = found
                break
        results.append(Attributed(q, who, chosen, sent, False))
    return _continuations(masked, results)


def _continuations(masked: str, results: list[Attributed]) -> list[Attributed]:
    """Unattributed quotes take the speaker of the quote they continue, or that continues them.

    A quote left open at a paragraph's end is the first piece of the next paragraph's
    quote, so that one's attribution (“…,” said X) is its own, whoever spoke before it.
    Another name between two quotes means the second may be someone else's, so it is not
    simply the first speaker's continuation.
    """
    out = list(results)
    for i in range(len(out) - 2, -1, -1):
        item, nxt = out[i], out[i + 1]
        runs_on = item.quote.close is None and nxt.quote.continues_previous
        if item.speaker is None and runs_on and nxt.speaker is not None:
            out[i] = replace(_inherit(item, nxt.speaker, "high"), found=nxt.found)
    for i, item in enumerate(out):
        if item.speaker is not None:
            continue
        prev = out[i - 1] if i else None
        same_para = prev is not None and prev.quote.paragraph == item.quote.paragraph
        if prev is not None and prev.speaker is not None and (same_para or _runs_on(prev, item)):
            other = _name_between(masked, prev, item)
            if other is not None:
                out[i] = replace(item, speaker=Speaker(other, confidence="low"))
                continue
            sure = "high" if same_para or item.quote.continues_previous else "low"
            out[i] = _inherit(item, prev.speaker, sure)
            continue
        after = out[i + 1] if i + 1 < len(out) else None
        if after is not None and after.speaker is not None and after.quote.continues_previous:
            out[i] = _inherit(item, after.speaker, "high")
    return out


def _name_between(masked: str, prev: Attributed, item: Attributed) -> str | None:
    """A person named in the second quote's sentence, before it, who is not the first
    quote's speaker ("Jaczek said “…” Lalonde, for her part: “…”"), if any.

    Names after the first quote in its own sentence ("Carney told reporters at Hamad
    International Airport") are where it was said, not a new speaker.
    """
    assert prev.speaker is not None
    start = max(prev.quote.close or prev.quote.end, item.sentence.start)
    for run in name_runs(masked, start, item.quote.open):
        if run.kind == "person" and not run.possessive and run.name not in prev.speaker.name:
            return run.name
    return None


def _runs_on(prev: Attributed, item: Attributed) -> bool:
    return item.quote.continues_previous or item.quote.paragraph == prev.quote.paragraph + 1


def _inherit(item: Attributed, speaker: Speaker, sure: str) -> Attributed:
    confidence = "low" if "low" in (sure, speaker.confidence) else "high"
    who = replace(speaker, confidence=confidence)
    return Attributed(item.quote, who, None, item.sentence, True)
