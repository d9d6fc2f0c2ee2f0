"""`briefs ingest ID --write` and `--review`: the plan written into the store, guarded.

--write takes what the plan is sure of (confidence high) and names a review file for the
rest; --review asks about each proposal. Either way the files change only if the store
still loads (guarded.py), and the summary says what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from briefs.ingest.apply import apply
from briefs.ingest.guarded import Written, guarded_write
from briefs.ingest.known import read_known
from briefs.ingest.plan import Item, added_stamp, plan
from briefs.ingest.proposal import Proposal
from briefs.ingest.review import review_yaml, walk
from briefs.model import Store


def review_path(root: Path, article: str) -> Path:
    """Where --write leaves what it was not sure of: <store>/review/<article id>.yaml."""
    return root / "review" / f"{article}.yaml"


def summary(items: list[Item]) -> str:
    """ "2 quotes, 1 new person, 1 event, 1 status update, 1 source added" for stdout."""
    counts = {
        "quotes": sum(i.kind == "quote" and i.action == "new" for i in items),
        "new people": sum(bool(i.person) for i in items),
        "events": sum(i.kind == "event" and i.action == "new" for i in items),
        "status updates": sum(i.action == "status" for i in items),
        "sources added": sum(i.action == "add-source" for i in items),
    }
    return ", ".join(f"{n} {what}" for what, n in counts.items())


def _store_it(root: Path, proposal: Proposal, chosen: list[Item], now: datetime) -> Written:
    src = proposal.source
    changes = apply(root, chosen, src.article_id, added_stamp(now, src.published))
    return guarded_write(root, changes, article=src.article_id)


def _left(written: Written, say: Callable[[str], None]) -> None:
    """What check still asks of the article and the French of the new facts: the
    maintainer's remaining review."""
    if written.to_review:
        say(f"briefs check still asks for {len(written.to_review)} more from this article:")
        for problem in written.to_review:
            say(f"  {problem}")
    if written.to_translate:
        owed = "; ".join(f"{o.owner} {', '.join(o.missing)}" for o in written.to_translate)
        say(f"French to write: {owed}; run `briefs translations`")


def write(
    root: Path, proposal: Proposal, store: Store, now: datetime, say: Callable[[str], None]
) -> int:
    """Write the sure proposals, the rest to the review file; StoreError if check refuses."""
    items = plan(proposal, store, read_known(root), now)
    sure = [i for i in items if i.action != "stored" and i.confidence == "high"]
    unsure = [i for i in items if i.action != "stored" and i.confidence != "high"]
    stored = sum(i.action == "stored" for i in items)
    written = _store_it(root, proposal, sure, now)
    say(f"wrote: {summary(sure)}")
    if stored:
        say(f"already in the store: {stored}")
    path = review_path(root, proposal.source.article_id)
    if unsure:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(review_yaml(proposal.source.article_id, unsure))
        article = proposal.source.article_id
        say(f"to review: {len(unsure)} in {path} (briefs ingest {article} --review)")
    else:
        path.unlink(missing_ok=True)
        say("to review: nothing")
    _left(written, say)
    return 0


def review(
    root: Path,
    proposal: Proposal,
    store: Store,
    now: datetime,
    ask: Callable[[str], str | None],
    say: Callable[[str], None],
) -> int:
    """Ask about each proposal not in the store yet, then write the accepted ones."""
    items = plan(proposal, store, read_known(root), now)
    chosen = walk(items, store, proposal.source.text, ask, say)
    written = _store_it(root, proposal, chosen, now) if chosen else None
    say(f"wrote: {summary(chosen)}")
    if written is not None:
        _left(written, say)
    return 0
