"""Article texts pinned by sha256, so any edit is caught, not only one that moves a quote.

Spans index into the exact characters of a text, and a fact may paraphrase any sentence of
it, so an edit outside every quote still changes what the store stands on. The sha256 in
<id>.yaml pins the bytes as published. A byte-order mark or Windows line endings (an
editor's or git's doing, never the outlet's) are named as such: they would otherwise show
up as every quote in the article being "not found at its span".
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from briefs.store.problems import Problems
from briefs.store.schema import Record

BOM = b"\xef\xbb\xbf"


def digest(data: bytes) -> str:
    """The sha256 of a file's bytes as `sha256sum` prints it."""
    return hashlib.sha256(data).hexdigest()


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _layout_problems(data: bytes) -> list[str]:
    """What a BOM or CR characters did to the file, each as a message saying how to undo it."""
    found: list[str] = []
    if data.startswith(BOM):
        found.append(
            "starts with a byte-order mark (BOM), which shifts every span by one; "
            "save it as UTF-8 without a BOM"
        )
    cr = data.find(b"\r")
    if cr >= 0:
        kind = (
            "Windows line endings (CRLF"
            if data[cr : cr + 2] == b"\r\n"
            else "a carriage return (CR"
        )
        found.append(
            f"has {kind}, first on line {_line_of(data, cr)}), which shift the spans; "
            "save it with LF line endings as published (check your editor and git's core.autocrlf)"
        )
    return found


def _undo_layout(data: bytes) -> bytes:
    return data.removeprefix(BOM).replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def check_pin(record: Record | None, text_path: Path, data: bytes, problems: Problems) -> bool:
    """Report a text that is not the pinned one; True when its spans can be checked."""
    layout = _layout_problems(data)
    for message in layout:
        problems.add(text_path, None, message)
    actual = digest(data)
    # What to pin: with a BOM or CRs, the hash of the text once they are undone.
    wanted = digest(_undo_layout(data)) if layout else actual
    once_fixed = " (its sha256 once the layout above is fixed)" if layout else ""
    if record is None:
        return not layout
    if "sha256" not in record.lines:
        problems.add(
            record.path,
            record.line,
            f"article '{text_path.stem}' has no 'sha256'; add sha256: {wanted}{once_fixed} "
            f"so that no edit to {problems.display(text_path)} goes unnoticed",
        )
        record.ok = False
        return not layout
    pinned = record.values.get("sha256")
    if not isinstance(pinned, str):  # malformed: already reported by the field
        return False
    if pinned == actual:
        return not layout
    record.ok = False
    if layout and wanted == pinned:
        return False  # only the layout changed, and the messages above say how to undo it
    problems.add(
        record.path,
        record.line_for("sha256"),
        f"article text changed: {problems.display(text_path)} no longer matches its sha256 in "
        f"{record.path.name}; restore the published text or, if the change is intended, "
        f"update sha256 to {wanted}{once_fixed}",
    )
    return False
