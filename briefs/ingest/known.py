"""What the curated store already holds, read leniently for naming proposals.

Ingest must work on a store that is mid-edit or broken, so this reads the YAML files
directly and ignores what it cannot read instead of refusing like `briefs check`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefs.ingest.speakers import role_fit
from briefs.ingest.text import slug
from briefs.paths import STORE_ENV


@dataclass(frozen=True, slots=True)
class Known:
    """Existing person ids by every name and alias, and the ids already taken."""

    person_ids: dict[str, str] = field(default_factory=dict)  # lowercased name/alias -> id
    ids: frozenset[str] = frozenset()
    sides: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # (person id, role) for people with a role
    problems: tuple[str, ...] = ()  # why the store could not be read in full
    names: dict[str, str] = field(default_factory=dict)  # id -> the person's own name

    def person_id(self, name: str) -> str | None:
        return self.person_ids.get(name.lower())

    def alias_doubt(self, speaker: str) -> tuple[str, str] | None:
        """(confidence, note) when `speaker` matches a person only through an alias that is
        not part of their name, else None.

        An alias like "Conservatives" or "Foreign Ministry spokesperson" names a group or a
        post, so a quote attributed to it may be anyone's in that group: a plural is low
        confidence, any other such alias medium, and the reviewer is told which alias hit.
        """
        pid = self.person_id(speaker)
        own = self.names.get(pid or "", "")
        if pid is None or not own:
            return None
        low = speaker.lower()
        if low == own.lower() or low in own.lower().split():
            return None
        plural = low.split()[-1].endswith("s") and not low.endswith("ss")
        note = f"REVIEW: matched only by the alias “{speaker}” of {own} ({pid})"
        return ("low" if plural else "medium"), note

    def person_by_role(self, phrase: str) -> str | None:
        """The person whose stored role a description fits best ("the dean" -> zhu-feng)."""
        scored = [(role_fit(phrase, role) or 0, pid) for pid, role in self.roles]
        best = max(scored, default=(0, ""))
        return best[1] if best[0] > 0 else None


def _records(path: Path, key: str, problems: list[str]) -> list[dict[str, object]]:
    """The mappings under `key` in one store file; what is wrong goes into `problems`."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path}: no such file")
        return []
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read it ({exc})")
        return []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problems.append(f"{path}: not valid YAML{where}")
        return []
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        problems.append(f"{path}: has no '{key}:' list")
        return []
    return [item for item in items if isinstance(item, dict)]


def read_known(root: Path | None) -> Known:
    """The store's people, ids and sides under root/facts; empty if root is None.

    A store that is missing or broken still gives a proposal (a maintainer may be mid-edit),
    but never silently: person ids would then be guessed ("carney" for mark-carney), so each
    problem is printed on stderr here, where the store is read, and kept in `problems`
    for the proposal's header.
    """
    if root is None:
        return Known()
    problems: list[str] = []
    if not root.is_dir():
        problems.append(
            f"{root}: no such store directory" if not root.exists() else f"{root}: not a directory"
        )
        return _reported(Known(problems=tuple(problems)))
    facts = root / "facts"
    records = {key: _records(facts / name, key, problems) for name, key in _FILES}
    names: dict[str, str] = {}
    own: dict[str, str] = {}
    roles: list[tuple[str, str]] = []
    for person in records["people"]:
        pid = str(person.get("id", ""))
        role = person.get("role")
        if pid and person.get("kind", "person") == "person" and isinstance(role, str) and role:
            roles.append((pid, role))
        if pid and isinstance(person.get("name"), str):
            own.setdefault(pid, str(person["name"]))
        aliases = person.get("aliases")
        for name in [person.get("name"), *(aliases if isinstance(aliases, list) else [])]:
            if isinstance(name, str) and pid:
                names.setdefault(name.lower(), pid)
    ids = {
        str(r["id"]) for key in ("people", "quotes", "events") for r in records[key] if r.get("id")
    }
    sides = tuple(str(s["id"]) for s in records["sides"] if s.get("id"))
    known = Known(names, frozenset(ids), sides, tuple(roles), tuple(problems), own)
    return _reported(known)


_FILES = (
    ("people.yaml", "people"),
    ("quotes.yaml", "quotes"),
    ("events.yaml", "events"),
    ("story.yaml", "sides"),
)
STORE_HINT = f"person ids are guessed, not the store's: pass --root DIR or set {STORE_ENV}"


def _reported(known: Known) -> Known:
    for problem in known.problems:
        print(f"briefs ingest: warning: store: {problem}; {STORE_HINT}", file=sys.stderr)
    return known


_SIDE_HINTS = (
    (r"Global Times|Xinhua|CCTV|People’s Daily|People's Daily|state media", "china-state-media"),
    (r"\b(?:dean|professor|analyst|economist|researcher|fellow)\b", "analysts"),
    (r"\bLiberal\b", "liberal-lawmakers"),
    (r"\bConservative|opposition\b", "canada-opposition"),
    (r"\bChin(?:a|ese)\b", "china-government"),
    (r"\bCanad(?:a|ian)\b|Prime Minister of Canada", "canada-government"),
    (r"\bU\.S\.|American|United States", "united-states"),
    (r"\b(?:Premier|Prime Minister|President|Minister)\b", "other-governments"),
)


def guess_side(name: str, role: str, sides: tuple[str, ...]) -> str:
    """A first guess at a speaker's side from their name and role; the reviewer decides."""
    text = f"{name} {role}"
    for pattern, side in _SIDE_HINTS:
        if re.search(pattern, text) and (not sides or side in sides):
            return side
    return "others" if not sides or "others" in sides else sides[-1]


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or base-2, base-3... so a proposal never reuses an id."""
    base = slug(base, 8) or "item"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
