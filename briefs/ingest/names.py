"""Proper-name runs in a stretch of text, with titles split off.

"Chinese Foreign Ministry spokesperson Mao Ning" holds two runs; the one next to the verb
is the speaker, and the words before it ("Chinese Foreign Ministry spokesperson") are the
role. "U.S. President Donald Trump" is one run whose title words are stripped to "Donald
Trump". Without a tagger this is word lists, kept here so they are easy to extend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefs.ingest.text import word_set

_TOKEN = re.compile(r"\S+")
_LEAD = "“\"‘'(["
_TRAIL = ',;:!?)]”"’'
_ABBREV_TOKEN = re.compile(
    r"^(?:[A-Z]\.)+[A-Z]?\.?$|^(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Sen|Gov|Gen|Rep|Prof)\.$"
)
STOP_CAPITALS = word_set(
    """
    The A An In On At But And Or Meanwhile However He She It They We I You This That These
    Those His Her Their Its Our My Two Three Four Five Six Both Some Many After Before While
    When As If For With By From Of To Still Also Then Earlier Later Last Next Asked Under
    Since Although Though Yet So Speaking Writing
    """
)
TITLE_WORDS = word_set(
    """
    Prime Minister President Premier Vice Deputy Foreign Finance Trade Defence Defense
    Secretary General State Chancellor Chinese Canadian American British Australian Qatari
    Swiss Japanese Indian Mexican French German U.S. U.K. Liberal Conservative Labour Labor
    NDP Opposition Sen. Rep. Gov. Gen. Dr. Mr. Mrs. Ms. Sir Dame Lord King Queen Emir Sheikh
    Ambassador Chief Executive CEO Chair Chairman Chairwoman Spokesperson Spokesman
    Spokeswoman Former Professor Prof. Senator Governor Mayor Commissioner Director Leader
    MP Pope Industry International Affairs Energy Commerce Economic Economy Envoy Special
    Party Ministry
    """
)
PERSON_TITLES = word_set(
    """
    President Minister Premier Chancellor Secretary Senator Sen. Governor Gov. Mayor King
    Queen Emir Sheikh Ambassador Dr. Mr. Mrs. Ms. Professor Prof. Spokesperson Leader MP
    Pope CEO Envoy
    """
)
ROLE_NOUNS = word_set(
    """
    spokesperson spokesman spokeswoman lawmaker lawmakers critic dean minister professor
    analyst ambassador leader official officials economist chairman chairwoman director
    senator envoy negotiator diplomat adviser advisor executive president premier secretary
    researcher fellow editor columnist commentator strategist emir chancellor
    """
)
ORG_WORDS = word_set(
    """
    Times News Daily Post Xinhua Ministry Office Forum Agency Council Party Government Bank
    Association Chamber Commission University Institute Embassy Corporation Inc. Group Press
    Network Journal Herald Tribune Review Media Service Department Committee Federation
    Union Board Society Foundation Organization Organisation Administration Parliament House
    Senate Congress Bureau Centre Center Fund Company Co. Ltd. Reuters CBC BBC CCTV PMO
    Secretariat Cabinet School
    """
)
PLACES = word_set(
    """
    Canada China Beijing Ottawa Washington Taiwan Qatar Doha Davos Switzerland Brazil
    Britain Australia Japan India Mexico Europe Asia Gyeongju Korea Venezuela Russia Ukraine
    Toronto Vancouver Shanghai Hong Kong Canberra London America Alberta Ontario Quebec
    """
)
_CONNECTORS = frozenset({"de", "van", "von", "der", "bin", "al", "da", "du", "la", "le"})


@dataclass(frozen=True, slots=True)
class NameRun:
    """Capitalised words in a row: `name` without titles, `title` the words stripped."""

    start: int
    end: int
    words: tuple[str, ...]
    title: tuple[str, ...]
    possessive: bool

    @property
    def name(self) -> str:
        return " ".join(self.words)

    @property
    def kind(self) -> str:
        if any(w in ORG_WORDS for w in self.words) or self.name in PLACES:
            return "organisation"
        return "person"

    @property
    def titled(self) -> bool:
        """A person title stood in front of the name ("President Xi Jinping")."""
        return any(w in PERSON_TITLES for w in self.title)


def _core(token: str) -> tuple[str, int, bool, bool]:
    """Token stripped of quotes and punctuation: (word, lead chars cut, possessive, breaks)."""
    lead = len(token) - len(token.lstrip(_LEAD))
    word = token[lead:]
    breaks = False
    while word and word[-1] in _TRAIL:
        word, breaks = word[:-1], True
    if word.endswith(".") and not _ABBREV_TOKEN.match(word):
        word, breaks = word[:-1], True
    possessive = False
    if len(word) > 2 and word[-2:] in ("'s", "’s"):
        word, possessive = word[:-2], True
    elif len(word) > 2 and word[-1] in "'’" and word[-2] == "s":
        word, possessive = word[:-1], True
    return word, lead, possessive, breaks


def _is_capital(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _finish(run: list[tuple[str, int, int]], possessive: bool) -> NameRun | None:
    words = [w for w, _, _ in run]
    while words and words[0] in STOP_CAPITALS:
        words.pop(0)
        run = run[1:]
    while words and (words[-1] in _CONNECTORS or words[-1] in ("of", "for")):
        words.pop()
        run = run[:-1]
    if not words:
        return None
    title: list[str] = []
    if not any(w in ORG_WORDS for w in words):
        while len(words) > 1 and words[0] in TITLE_WORDS:
            title.append(words.pop(0))
        if words and words[0] in TITLE_WORDS and len(words) == 1:
            return None
    offset = len(title)
    return NameRun(run[offset][1], run[-1][2], tuple(words), tuple(title), possessive)


def name_runs(text: str, start: int, end: int) -> list[NameRun]:
    """Every run of capitalised words between start and end, in order."""
    found: list[NameRun] = []
    current: list[tuple[str, int, int]] = []

    def flush(possessive: bool = False) -> None:
        if current:
            run = _finish(list(current), possessive)
            if run is not None:
                found.append(run)
            current.clear()

    for match in _TOKEN.finditer(text, start, end):
        word, lead, possessive, breaks = _core(match.group())
        w_start = match.start() + lead
        org_link = word in ("of", "for") and any(w in ORG_WORDS for w, _, _ in current)
        if _is_capital(word) or (current and (word in _CONNECTORS or org_link)):
            if lead:
                flush()
            current.append((word, w_start, w_start + len(word)))
            if possessive or breaks:
                flush(possessive)
        else:
            flush()
    flush()
    return found


def title_before(text: str, run: NameRun) -> str:
    """The role words right before a run: its own titles plus a lowercase role noun or two."""
    head = text[max(0, run.start - 80) : run.start].rstrip(" ")
    head = head[max(head.rfind("\n"), head.rfind("\r")) + 1 :]
    picked: list[str] = []
    for word in reversed(head.split(" ")):
        bare = word.strip(",")
        if word != bare or not bare or (bare.endswith(".") and not _ABBREV_TOKEN.match(bare)):
            break
        if bare in ROLE_NOUNS or (_is_capital(bare) and (bare in TITLE_WORDS or bare in ORG_WORDS)):
            picked.insert(0, bare)
            continue
        if picked and (_is_capital(bare) and bare not in STOP_CAPITALS):
            picked.insert(0, bare)
            continue
        break
    return " ".join(picked)


_APPOSITIVE = re.compile(r",\s+((?:the|a|an)\s+[^,;“”\"]+?)(?:[,;]|\.(?:\s|$)|$)")


def appositive_role(text: str, end: int, limit: int) -> str:
    """The role set off after a name ("Janice Stein, the dean of the Munk School, ..."), or ""."""
    match = _APPOSITIVE.match(text, end, limit)
    return match.group(1) if match and has_role_noun(match.group(1)) else ""


def has_role_noun(phrase: str) -> bool:
    """Whether a phrase names a role ("the dean", "Liberal lawmakers")."""
    return any(w.strip(",.").lower() in ROLE_NOUNS for w in phrase.split())


_DATE_WORD = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?$"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$"
)
_BEFORE_A_DATE = word_set(
    """
    on by until till from since before after through last next this coming past early late
    said says told and or to between
    """
)


def weekday_in_title(text: str, sent_start: int, start: int, end: int) -> bool:
    """Whether the weekday at text[start:end] is a word of a name, not a day.

    "The Sunday Times" and "Saturday Night Live" are titles: a weekday runs on into a
    capitalised word that is no date word, or follows a title-case "The" mid-sentence.
    After a word that introduces a date ("said Tuesday Canada would ...") the capital
    starts the next phrase instead, so the weekday stays a day.
    """
    before = text[max(sent_start, start - 20) : start].split()
    after = re.match(r" ([A-Z][\w.’']*)", text[end : end + 30])
    if before and before[-1] == "The" and start - sent_start > 4:
        return True
    if after is None or _DATE_WORD.match(after.group(1)):
        return False
    return not before or before[-1].lower() not in _BEFORE_A_DATE
