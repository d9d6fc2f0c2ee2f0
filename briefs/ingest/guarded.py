"""Writing into the store all or nothing: files change only if `briefs check` still passes.

Every command that writes (add-article, ingest --write, --review) hands its new file
contents here. They are written, the store is loaded exactly as `briefs check` loads it,
and if it is refused every file is put back as it was (or removed, if it was new), so a
maintainer never finds a half-written store.
"""

from __future__ import annotations

from pathlib import Path

from briefs.model import Store
from briefs.store import StoreError, load_store


def guarded_write(root: Path, changes: dict[Path, bytes]) -> Store:
    """Write `changes` and return the store they make; on a refusal restore and re-raise."""
    before = {path: path.read_bytes() if path.exists() else None for path in changes}
    try:
        for path, data in changes.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return load_store(root)
    except (StoreError, OSError):
        for path, old in before.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)
        raise
