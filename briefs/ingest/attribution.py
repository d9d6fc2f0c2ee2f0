"""Attribution phrases: finding the speech verb and its subject around a quotation.

Works on the quote-masked text, so words inside quotations never look like attributions.
Handles “…,” X said / “…,” said X / X said: “…” / X said ... “fragment” / X, the role,
said / “…,” according to X / X's musing that “…”, and coordinated verbs (“X welcomed …
and called on …”). Returns offsets, so the caller can resolve names in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefs.ingest.names import ROLE_NOUNS, name_runs
from briefs.ingest.text import word_set

VERBS = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "noted",
    "notes",
    "wrote",
    "writes",
    "stated",
    "declared",
    "announced",
    "warned",
    "warns",
    "cautioned",
    "argued",
    "argues",
    "insisted",
    "insists",
    "explained",
    "acknowledged",
    "replied",
    "responded",
    "continued",
    "urged",
    "urges",
    "called",
    "calls",
    "described",
    "posted",
    "tweeted",
    "pledged",
    "promised",
    "vowed",
    "conceded",
    "recalled",
    "suggested",
    "predicted",
    "stressed",
    "emphasized",
    "emphasised",
    "complained",
    "quipped",
    "joked",
    "remarked",
    "asked",
    "asks",
    "accused",
    "praised",
    "criticized",
    "criticised",
    "dismissed",
    "countered",
    "agreed",
    "admitted",
    "claimed",
    "claims",
    "observed",
    "hailed",
    "repeated",
    "welcomed",
    "disagreed",
    "objected",
    "retorted",
    "saying",
    "pointed out",
    "according to",
    "called on",
    "called for",
]
VERB = re.compile(
    r"(?<![\w’'-])(?:" + "|".join(sorted(VERBS, key=len, reverse=True)) + r")(?![\w’'-])"
)
_NOUNS = (
    "musings?|statements?|remarks?|comments?|words|call|pledge|promise|warning|claim|"
    "suggestion|description|threat|vow|message|post|assertion|insistence|view|phrase"
)
NOUN_POSSESSIVE = re.compile(
    r"(?P<subj>(?:\b(?:the|a|an)\s+(?:[\w.-]+\s+){0,3}?[\w.-]+)|(?:\b[A-Z][\w.-]*"
    r"(?:\s+[A-Z][\w.-]*)*))['’]s\s+(?:[a-z-]+\s+)?(?:" + _NOUNS + r")\b"
)
_AUX_TAIL = re.compile(
    r"(?:\s+(?:also|later|then|again|has|had|have|would|will|once|earlier|previously|recently"
    r"|repeatedly|publicly|reportedly|separately|long|jointly|simply|flatly))+\s*$"
)
_LEAD_WORDS = re.compile(
    r"^(?:(?:But|And|Meanwhile|Also|Separately|Then|Later|However|So|Yet|what|as|Asked|and|but)"
    r"\b[\s,]*)+"
)
_CLAUSE_SEPARATORS: tuple[str, ...] = (", ", "; ", ": ", " — ", " – ", "(", " that ", " while ")
_CLAUSE_SEPARATORS += (" because ", " but ", " after ", " when ", " as ", " if ", " where ")
_CLAUSE_SEPARATORS += (" what ",)
_VERBISH = word_set(
    """
    is are was were has have had been be will would can could should may might did does do
    to said says
    """
)
_CONTEXT = re.compile(
    r"\b(?:in|during|at)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:statement|interview|briefing|editorial|speech|news conference|press conference|post|"
    r"letter|video|address|op-ed|column|report|email|commentary|communique|summit)\b"
    r"(?:\s+with\s+reporters)?|\btold\s+(?:reporters|journalists|(?:The\s+)?[A-Z][\w.]*"
    r"(?:\s+[A-Z][\w.]*)*)"
)
_INVERSION_STOP = re.compile(
    r"\s+(?:in|on|at|during|after|before|while|when|as|adding|noting|who|to|from|with|told)\b|"
    r"[;“\"]|\.(?:\s|$)|$"
)


@dataclass(frozen=True, slots=True)
class Found:
    """An attribution: the subject's span, the whole phrase's span, and what it says of them."""

    subject_start: int
    subject_end: int
    start: int
    end: int
    role: str
    context: str


def _valid(subject: str) -> bool:
    words = subject.split()
    if not 1 <= len(words) <= 12 or words[-1].lower() in ("and", "or", "but", "to", "of"):
        return False
    for index, word in enumerate(words):
        bare = word.strip(",.")
        if bare in _VERBISH:
            return False
        after_det = index and words[index - 1].lower() in ("the", "a", "an", "its", "their")
        if bare.islower() and bare.endswith("ed") and "-" not in bare and not after_det:
            return False
    return (
        any(w[:1].isupper() for w in words)
        or words[0].lower() in ("he", "she", "they", "it", "the", "a", "an", "two", "both")
        or any(w.strip(",.").lower() in ROLE_NOUNS for w in words)
    )


def _classify(inner: str) -> str:
    low = inner.strip().lower()
    if low.startswith(("who ", "whose ", "which ")):
        return "aside"
    if low.startswith(("the ", "a ", "an ")) or any(
        w in ROLE_NOUNS for w in re.findall(r"[a-z]+", low)
    ):
        return "role"
    if low.startswith(("in ", "at ", "on ", "during ", "speaking", "writing")):
        return "context"
    return "aside"


def subject_before(masked: str, seg_start: int, verb_start: int) -> Found | None:
    """The subject of a speech verb, read leftwards from the verb to its clause start."""
    end = verb_start
    text = masked[seg_start:end].rstrip()
    aux = _AUX_TAIL.search(text)
    if aux:
        text = text[: aux.start()]
    role = context = ""
    while text.endswith(","):
        inner = re.search(r",\s*([^,]*),$", text)
        if inner is None:
            return None
        kind = _classify(inner.group(1))
        if kind == "role" and not role:
            role = inner.group(1).strip()
        elif kind == "context" and not context:
            context = inner.group(1).strip()
        text = text[: inner.start()].rstrip()
    cut = max((text.rfind(sep) + len(sep) if sep in text else 0) for sep in _CLAUSE_SEPARATORS)
    lead = _LEAD_WORDS.match(text, cut)
    cut = lead.end() if lead else cut
    subject = text[cut:]
    rel = re.search(r"\s+(?:who|which|whose)\s", subject)
    if rel:
        subject = subject[: rel.start()]
    subject = subject.strip()
    if not subject or not _valid(subject):
        return None
    start = seg_start + cut + (len(text[cut:]) - len(text[cut:].lstrip()))
    return Found(start, start + len(subject), start, verb_start, role, context)


def coordinated_subject(masked: str, sent_start: int, verb_start: int) -> Found | None:
    """For “X welcomed ... and called on ...”: the sentence's first name is the subject."""
    before = masked[sent_start:verb_start].rstrip()
    if not re.search(r"\band$", before):
        return None
    for match in reversed(list(VERB.finditer(masked, sent_start, verb_start))):
        earlier = subject_before(masked, sent_start, match.start())
        if earlier is not None:
            return earlier
    runs = [r for r in name_runs(masked, sent_start, verb_start) if not r.possessive]
    if not runs:
        return None
    run = runs[0]
    return Found(run.start, run.end, run.start, verb_start, "", "")


def subject_after(masked: str, verb_end: int, seg_end: int) -> Found | None:
    """The subject of an inverted attribution: “…,” said Zhu Feng, the dean of ..."""
    pos = verb_end
    while pos < seg_end and masked[pos].isspace():
        pos += 1
    rest = masked[pos:seg_end]
    pronoun = re.match(r"(?:he|she|they)\b", rest)
    if pronoun:
        return Found(pos, pos + pronoun.end(), pos, pos + pronoun.end(), "", "")
    if not re.match(r"[A-Z]|(?:the|a|an)\s", rest):
        return None
    stop = _INVERSION_STOP.search(rest)
    chunk = rest[: stop.start() if stop else len(rest)]
    comma = chunk.find(", ")
    if comma < 0 and "," in rest[: len(chunk) + 2] and rest[len(chunk) :].startswith(","):
        comma = len(chunk)
    role = ""
    if comma >= 0:
        name = chunk[:comma]
        tail = rest[comma + 2 :]
        role_end = re.search(r",\s|[;“\"]|\.(?:\s|$)|$", tail)
        role = tail[: role_end.start() if role_end else len(tail)].strip()
        if _classify(role) != "role":
            role = ""
    else:
        name = chunk
    name = name.strip().rstrip(",.")
    if not name or not _valid(name):
        return None
    end = pos + len(name) + (len(role) + 2 if role else 0)
    return Found(pos, pos + len(name), pos, end, role, "")


def context_of(masked: str, start: int, end: int) -> str:
    """How it was said ("in a statement", "told reporters"), from the sentence outside quotes."""
    match = _CONTEXT.search(masked, start, end)
    if match:
        return match.group().strip()
    if re.search(r"\beditorial\b", masked[start:end]):
        return "in an editorial"
    return ""
