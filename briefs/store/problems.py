"""What is wrong with a store, located to a file and line so a curator can fix it fast."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the store: where it is and what to do about it."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class StoreError(Exception):
    """The store did not load; `problems` lists every problem found, in file order."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class Problems:
    """Collects problems against display paths, so validation can go on past the first one.

    `found` are errors: the store is refused. `warnings` are worth a curator's look but
    refuse nothing (an article no fact cites yet).
    """

    def __init__(self, root: Path) -> None:
        self._root = root
        self.found: list[Problem] = []
        self.warnings: list[Problem] = []

    def display(self, path: Path) -> str:
        """The path as a curator sees it: relative to the store's parent when possible."""
        base = self._root.resolve().parent
        try:
            return path.resolve().relative_to(base).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path: Path, line: int | None, message: str) -> None:
        self.found.append(Problem(self.display(path), line, message))

    def warn(self, path: Path, line: int | None, message: str) -> None:
        self.warnings.append(Problem(self.display(path), line, message))

    def raise_if_any(self) -> None:
        """Refuse the store with every problem, ordered by file and line for the curator."""
        if self.found:
            raise StoreError(ordered(self.found))


def ordered(found: list[Problem]) -> tuple[Problem, ...]:
    """Problems by file and line, as a curator works through them."""
    return tuple(sorted(found, key=lambda p: (p.file, p.line or 0)))
