"""Who a subject phrase means: names, surnames, pronouns, roles and groups.

News copy names a person fully once ("Prime Minister Mark Carney"), then by surname
("Carney"), pronoun ("he said") or role ("the American leader"). The `Registry` records
every person the article introduces, in reading order, so a later reference can be
resolved against what a reader has seen up to that point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from briefs.ingest.names import PLACES, ROLE_NOUNS, NameRun, name_runs, title_before

PERSON_PRONOUNS = frozenset({"he", "she"})
GROUP_PRONOUNS = frozenset({"they"})
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "both": 2, "the two": 2}
_LEADER = {"leader", "president", "prime", "minister", "premier", "chancellor", "emir", "king"}
_NATION = {
    "american": "u.s.",
    "u.s.": "u.s.",
    "chinese": "chinese",
    "china": "chinese",
    "canadian": "canadian",
    "canada": "canadian",
    "british": "u.k.",
    "u.k.": "u.k.",
    "australian": "australian",
    "qatari": "qatari",
}
_PRESS = ("Times", "Daily", "News", "Post", "Journal", "Herald", "Tribune", "Press", "Globe")
ORG_NOUNS: dict[str, tuple[str, ...]] = {
    "newspaper": _PRESS,
    "paper": _PRESS,
    "tabloid": _PRESS,
    "agency": ("Agency", "Xinhua", "Press", "Reuters"),
    "ministry": ("Ministry",),
    "council": ("Council",),
    "government": ("Government",),
    "broadcaster": ("CBC", "BBC", "CCTV", "Broadcasting"),
}
_PLACE_NAMES = PLACES | {"Hong Kong", "South Korea", "United States", "North America", "Davos"}


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: display name, role phrase, kind, and how sure the guess is."""

    name: str
    role: str = ""
    kind: str = "person"  # person | organisation | group
    joint: bool = False
    confidence: str = "high"
    members: tuple[str, ...] = ()
    unnamed: bool = False  # known only by a role phrase ("the dean of the Munk School")
    anonymous: bool = False  # an unnamed source ("a spokesperson"), never a stored person


@dataclass(slots=True)
class Registry:
    """People and groups in the order the article introduces them."""

    full_names: dict[str, str] = field(default_factory=dict)
    first_names: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    seen: list[tuple[int, int, Speaker, bool]] = field(default_factory=list)

    def learn_names(self, runs: list[NameRun]) -> None:
        """Remember full names so a bare surname ("Carney", "Xi") maps back to them."""
        for run in runs:
            if run.kind != "person" or len(run.words) < 2 or run.name in _PLACE_NAMES:
                continue
            self.full_names.setdefault(run.words[-1], run.name)
            self.first_names.setdefault(run.words[0], run.name)

    def expand(self, name: str) -> str:
        """The full name for a surname or family name seen before, else the name itself."""
        if " " in name:
            return name
        return self.full_names.get(name) or self.first_names.get(name) or name

    def add(self, pos: int, paragraph: int, who: Speaker, *, subject: bool = True) -> None:
        """Record a mention; only subjects (and attributions) are pronoun antecedents."""
        if who.role and who.name not in self.roles:
            self.roles[who.name] = who.role
        self.seen.append((pos, paragraph, who, subject))
        self.seen.sort(key=lambda entry: entry[0])

    def role_of(self, name: str) -> str:
        return self.roles.get(name, "")

    def last(self, pos: int, kinds: set[str], paragraph: int) -> Speaker | None:
        """The most recent subject of one of `kinds` before `pos`; low confidence if far back."""
        for at, para, who, subject in reversed(self.seen):
            if at >= pos or not (subject or who.kind == "organisation"):
                continue
            fits = who.kind in kinds if not who.joint else "group" in kinds
            if fits:
                sure = "high" if paragraph - para <= 1 and not who.unnamed else "low"
                return replace(who, confidence=sure)
        return None

    def last_org(self, pos: int, marks: tuple[str, ...]) -> Speaker | None:
        """The most recent organisation whose name has one of `marks` ("Times", "Ministry")."""
        for at, _, who, _ in reversed(self.seen):
            if at < pos and who.kind == "organisation" and any(m in who.name for m in marks):
                return Speaker(who.name, "", "organisation")
        return None

    def joint_between(self, start: int, end: int, noun: str) -> Speaker | None:
        """A joint speaker introduced in [start, end) whose role shares `noun`."""
        for at, _, who, _ in self.seen:
            if start <= at < end and who.joint and noun in who.role.lower():
                return who
        return None

    def by_description(self, phrase: str, pos: int) -> Speaker | None:
        """The person introduced earlier whose role a description fits, most recent first.

        A person whose role the article never gave may be meant ("He did not mention
        Donald Trump by name. But the U.S. president ..."), so they stay candidates at
        low confidence; a person with a different role never is.
        """
        best: tuple[int, Speaker] | None = None
        for at, _, who, _ in self.seen:
            if at >= pos or who.kind != "person" or who.joint:
                continue
            score = role_fit(phrase, who.role)
            if score is not None and (best is None or score >= best[0]):
                best = (score, who)
        if best is None:
            return None
        score, who = best
        return replace(who, confidence="high" if score > 0 and not who.unnamed else "low")


def role_fit(phrase: str, role: str) -> int | None:
    """How well a description ("the American leader") fits a role; None if it does not.

    Shared role words and nationality count for it. A proper word of the description
    missing from the role ("Munk" against "the School of International Studies") rules
    the person out, and so does a role sharing nothing, so a new speaker is proposed
    rather than the wrong one. An empty role fits only a description without proper words.
    """
    words, theirs = _words(phrase), _words(role)
    proper = {w.lower() for w in re.findall(r"[A-Z][\w.]*", phrase) if w.lower() not in _NATION}
    proper -= {"the", "a", "an"}
    if not role:
        return None if proper else 0
    if proper - theirs:
        return None
    score = len(words & theirs) + (2 if "leader" in words and theirs & _LEADER else 0)
    nations = {_NATION[w] for w in words if w in _NATION}
    their_nations = {_NATION[w] for w in theirs if w in _NATION}
    if nations and their_nations:
        score += 3 if nations & their_nations else -5
    return score if score > 0 else None


def described(phrase: str) -> Speaker:
    """A speaker the article names only by role: proposed as new, for a reviewer to name."""
    name = re.sub(r"^(The|A|An)\b", lambda m: m.group().lower(), phrase)
    role = re.sub(r"^(?:the|a|an)\s+", "", name)
    return Speaker(name, role, "person", confidence="low", unnamed=True)


_SOURCE_NOUNS = ROLE_NOUNS | {"person", "source", "sources", "aide", "aides", "insider", "people"}
_BARE_SOURCES = {"officials", "sources", "aides", "diplomats", "insiders", "analysts", "people"}
_UNNAMED_MARKS = re.compile(
    r"\b(?:familiar with|not authori[sz]ed|anonymity|on condition|who declined to be named)\b"
)


def is_anonymous(phrase: str) -> bool:
    """Whether a subject is an unnamed source: "a spokesperson", "one official", "officials".

    An indefinite phrase names nobody in particular, so it must never be matched to a
    person by role: "a senior Chinese official" is not the ministry's named spokesperson.
    """
    low = phrase.lower()
    if low in _BARE_SOURCES or _UNNAMED_MARKS.search(low):
        return True
    if not re.match(r"(?:a|an|one)\s", low):
        return False
    people = [r for r in name_runs(phrase, 0, len(phrase)) if r.kind == "person"]
    return not people and bool(set(re.findall(r"[a-z]+", low)) & _SOURCE_NOUNS)


def anonymous(phrase: str) -> Speaker:
    """A new speaker for an unnamed source, named by the phrase itself ("a spokesperson")."""
    name = re.split(r"\s+(?:who|which)\b|,", phrase)[0]
    name = re.sub(r"^(The|A|An|One)\b", lambda m: m.group().lower(), name)
    role = re.sub(r"^(?:the|a|an|one)\s+", "", name)
    kind = "group" if name.lower() in _BARE_SOURCES else "person"
    return Speaker(name, role, kind, confidence="low", unnamed=True, anonymous=True)


def _clean(phrase: str) -> str:
    return phrase.strip(" ,.;:—-").strip()


def resolve_phrase(
    masked: str, start: int, end: int, pos: int, paragraph: int, reg: Registry
) -> Speaker | None:
    """The speaker a subject phrase at masked[start:end] refers to, or None."""
    phrase = _clean(masked[start:end])
    low = phrase.lower()
    if low in PERSON_PRONOUNS:
        return reg.last(pos, {"person"}, paragraph)
    if low in GROUP_PRONOUNS:
        return reg.last(pos, {"group"}, paragraph)
    if low == "it":
        return reg.last(pos, {"organisation"}, paragraph)
    if is_anonymous(phrase):
        return anonymous(phrase)
    if low.startswith("the ") and low.split()[-1] in ORG_NOUNS:
        found = reg.last_org(pos, ORG_NOUNS[low.split()[-1]])
        if found is not None:
            return found
    runs = [r for r in name_runs(masked, start, end) if not r.possessive]
    reg.learn_names(runs)
    people = [r for r in runs if r.kind == "person" and r.name not in _PLACE_NAMES]
    if len(people) >= 2 and re.search(r"\band\b", masked[people[0].end : people[-1].start]):
        names = tuple(reg.expand(r.name) for r in people)
        role = title_before(masked, people[0])
        return Speaker(" and ".join(names), role, "person", True, "high", names)
    head = _words(masked[start : runs[0].start] if runs else phrase)
    descriptive = low.split()[0] in ("the", "a", "an") and bool(head & (ROLE_NOUNS | {"leader"}))
    if runs and not descriptive:
        run = runs[-1]
        if run.kind == "organisation" or run.name in _PLACE_NAMES:
            return Speaker(org_name(masked, run), "", "organisation")
        name = reg.expand(run.name)
        role = title_before(masked, run) or reg.role_of(name)
        return Speaker(name, role, "person")
    words = _words(phrase)
    nouns = [w for w in re.findall(r"[a-z]+", low) if w in ROLE_NOUNS or w == "leader"]
    if descriptive and nouns and not nouns[0].endswith("s"):
        return reg.by_description(phrase, pos) or described(phrase)
    if words & ROLE_NOUNS or low.split()[0] in NUMBER_WORDS:
        return Speaker(phrase[0].upper() + phrase[1:], "", "group")
    return None


def org_name(masked: str, run: NameRun) -> str:
    """An organisation's name, with a country it belongs to: "Qatar’s Ministry of ..."."""
    name = " ".join((*run.title, *run.words))
    owner = re.search(r"([A-Z][\w.]*)['’]s\s+$", masked[max(0, run.start - 30) : run.start])
    if owner and owner.group(1) in _PLACE_NAMES and run.kind == "organisation":
        return f"{owner.group(1)}’s {name}"
    return name


_STOP = frozenset({"the", "a", "an", "of", "at", "in", "for", "and", "on", "to"})


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z.]+", text.lower()) if w not in _STOP and w != "."}


def group_members(
    masked: str, phrase: str, next_start: int, next_end: int, reg: Registry
) -> Speaker | None:
    """Names for "Two of Carney's lawmakers" when the next sentence names them jointly."""
    words = re.findall(r"[a-z]+", phrase.lower())
    nouns = [w for w in words if w in ROLE_NOUNS]
    if not nouns:
        return None
    found = reg.joint_between(next_start, next_end, nouns[-1].rstrip("s"))
    if found is None:
        return None
    count = next((n for w, n in NUMBER_WORDS.items() if phrase.lower().startswith(w)), 0)
    sure = "high" if count == len(found.members) else "low"
    return Speaker(found.name, found.role, "person", True, sure, found.members)
