"""The French a maintainer still owes the store: missing, stale and misplaced translations.

Every non-empty prose field (schema.TRANSLATED) has its French beside it in the record's
`fr:`, with `from`: the first 8 hex digits of sha256 of the English it was made from (the
translated fields' English joined by newlines, in field order). No French is an error, so a
checked store is French throughout; a `from` that no longer matches is a warning, because
the English changed after the French was written and the French may now say something
else. The French itself is never generated or rewritten here: `briefs check` reports,
`briefs translations` prints the to-do list, ingest names what it left.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from briefs.model import Translation
from briefs.store.facts import Facts
from briefs.store.problems import Problem, Problems
from briefs.store.references import fact_records
from briefs.store.schema import OPTIONAL_FRENCH, TRANSLATED, Record

# The English field a French key translates, where the names differ.
_ENGLISH = {"translation": "text"}


def english_field(key: str) -> str:
    return _ENGLISH.get(key, key)


def source_hash(english: Sequence[str]) -> str:
    """What `from` holds: the first 8 hex digits of sha256 of the English, one field a line."""
    return hashlib.sha256("\n".join(english).encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True, slots=True)
class Owed:
    """One record whose French is missing, stale or misplaced, and what to write to fix it."""

    file: str  # as the curator sees it
    line: int
    owner: str  # "event 'carney-meets-xi'", "the story"
    fact_id: str | None  # None for the story's title and the sides
    english: tuple[tuple[str, str], ...]  # each French key the record needs, with its English
    missing: tuple[str, ...]  # French keys not written
    extra: tuple[str, ...]  # French keys whose English is empty
    written: str  # the `from` written, "" when none
    want: str  # the `from` to write

    @property
    def stale(self) -> bool:
        """French for every field, made from English that has changed since."""
        return not self.missing and bool(self.written) and self.written != self.want

    def _at(self, message: str) -> Problem:
        return Problem(self.file, self.line, f"{self.owner}: {message}")

    def error(self) -> Problem | None:
        """What `briefs check` refuses, with the fix; None when only stale (or nothing)."""
        if self.missing:
            keys = ", ".join(self.missing)
            fields = "".join(f"{key}: ..., " for key in self.missing)
            fix = (
                f"add fr: {{{fields}from: {self.want}}}"
                if len(self.missing) == len(self.english)
                else f"add {keys} to its fr: and set from: {self.want}"
            )
            return self._at(
                f"no French for {keys}; {fix} (`briefs translations` shows the English)"
            )
        if self.extra:
            field = english_field(self.extra[0])
            return self._at(f"fr has {self.extra[0]} but the {field} is empty; drop it")
        if not self.written:
            return self._at(f"fr has no from; add from: {self.want}")
        return None

    def warning(self) -> Problem | None:
        """The stale warning: which English the French must now say, and the new `from`."""
        if not self.stale:
            return None
        now = "; ".join(f'{english_field(k)} is now "{text}"' for k, text in self.english)
        return self._at(
            f"the French is stale: the English changed after it was written "
            f"(from: {self.written}); {now}; revise the French, then write from: {self.want}"
        )


def _owed(record: Record, display: str) -> Owed | None:
    keys = TRANSLATED[record.kind]
    french = record.values.get("fr")
    written = french if isinstance(french, Translation) else None
    have = {key for key, _ in written.fields} if written is not None else set()
    english = {key: str(record.values.get(english_field(key), "")) for key in keys}
    needed = [k for k in keys if english[k] and (k in have or k not in OPTIONAL_FRENCH)]
    missing = tuple(k for k in needed if k not in have)
    extra = tuple(k for k in keys if k in have and not english[k])
    want = source_hash([english[k] for k in needed])
    source = written.source if written is not None else ""
    if not needed and written is None:
        return None
    owed = Owed(
        file=display,
        line=record.line_for("fr"),
        owner="the story" if record.kind == "story" else f"{record.kind} '{record.id}'",
        fact_id=record.id if record.kind not in ("story", "side") else None,
        english=tuple((k, english[k]) for k in needed),
        missing=missing,
        extra=extra,
        written=source,
        want=want,
    )
    return owed if owed.error() is not None or owed.stale else None


def records(facts: Facts) -> list[Record]:
    """Every record with French to keep: the story's title, the sides, then the facts."""
    title = [facts.title] if facts.title is not None else []
    return [*title, *facts.sides, *fact_records(facts)]


def owed_french(facts: Facts, problems: Problems) -> tuple[Owed, ...]:
    """Every record whose French is missing, stale or misplaced, in store order."""
    found = (_owed(r, problems.display(r.path)) for r in records(facts) if r.ok)
    return tuple(owed for owed in found if owed is not None)


def check_translations(owed: Sequence[Owed], problems: Problems) -> None:
    """Missing or misplaced French as errors, stale French as warnings."""
    for item in owed:
        error, warning = item.error(), item.warning()
        if error is not None:
            problems.found.append(error)
        if warning is not None:
            problems.warnings.append(warning)
