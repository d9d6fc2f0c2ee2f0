"""Ingest: propose quotes (with speakers) and resolved dates from a new article.

The pipeline is source -> quotes -> sentences -> speakers and dates -> proposal; each
step is its own module. Nothing here writes to the store.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from briefs.ingest.proposal import Proposal, build
from briefs.ingest.source import IngestError, load_source

__all__ = ["IngestError", "Proposal", "ingest_file"]


def ingest_file(path: Path, published: date | None, article_id: str | None = None) -> Proposal:
    """Read one article and propose its facts; IngestError says why the file is unusable."""
    return build(load_source(path, published, article_id))
