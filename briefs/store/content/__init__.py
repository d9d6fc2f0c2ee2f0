"""Content rules: what the facts say, held against what their articles say.

The loader (briefs/store/loader.py) refuses a store that cannot be read or does not hang
together; these rules judge a store that loads, and `briefs check` runs both. They read the
built Store with each article's body (bodies.py) and report at the fact's file and line.
Modules: quotations (quotes stored and quoted verbatim), names (named, covered, not from a
caption), days (days the articles give are on the timeline), and here, articles no fact cites.
"""

from __future__ import annotations

from pathlib import Path

from briefs.model import Store
from briefs.store.articles import ArticleSource
from briefs.store.content.bodies import bodies
from briefs.store.content.context import Content
from briefs.store.content.days import check_days
from briefs.store.content.names import check_names
from briefs.store.content.quotations import check_quotations
from briefs.store.facts import Facts
from briefs.store.problems import Problems
from briefs.store.references import fact_records


def _uncited(content: Content) -> None:
    """A warning only: an article just added has no facts yet, and that is a step, not a fault."""
    cited = {a for fact in content.store.facts() for a in fact.sources}
    for article_id, body in content.bodies.items():
        if article_id not in cited:
            content.problems.warn(
                body.path.with_suffix(".yaml"),
                None,
                f"no fact cites {article_id}; run `briefs ingest {article_id}` or cite it "
                "where a fact rests on it",
            )


def check_content(
    store: Store, articles: list[ArticleSource], facts: Facts, root: Path, problems: Problems
) -> None:
    """Record every content problem (errors) and uncited article (warnings) of a loaded store."""
    records = {r.id: r for r in fact_records(facts) if r.id is not None}
    content = Content(store, bodies(store.articles, articles, root), records, problems)
    check_quotations(content)
    check_names(content)
    check_days(content)
    _uncited(content)
