"""The slack for approximate dates, and an events.yaml out of date order named with its place."""

from __future__ import annotations

from briefs.store import load_store
from tests.briefs.test_store_problems import break_file, copy_seeds, line_of, problems_for


def test_approximate_publication_allows_a_few_days(tmp_path):
    """A fact may be added up to 3 days before an approximate publication date, not more."""
    root = copy_seeds(tmp_path)
    stamp = "sources: [polar-herald]\n    added: 2026-01-11T12:00:00Z"
    early = "sources: [polar-herald]\n    added: 2026-01-07T10:00:00Z"
    break_file(root, "facts/people.yaml", stamp, early)
    assert load_store(root).person("finance-minister").added.day == 7
    break_file(root, "facts/people.yaml", early, early.replace("T10", "T09"))
    (problem,) = problems_for(root)
    assert "person 'finance-minister': added 2026-01-07T09:00:00Z is before" in problem.message
    assert "(2026-01-11, approximate to 3 days)" in problem.message


def test_event_moved_out_of_order_is_named_with_where_it_belongs(tmp_path):
    """Qatar (Jan 2026) moved to the top of events.yaml is named, with where to move it."""
    root = copy_seeds(tmp_path)
    path = root / "facts/events.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: carney-visits-qatar")
    end = text.index("  - id: ", start + 1)
    qatar, rest = text[start:end], text[:start] + text[end:]
    top = rest.index("\nevents:\n") + len("\nevents:\n")
    path.write_text(rest[:top] + qatar + rest[top:], encoding="utf-8")
    (problem,) = problems_for(root)
    assert (problem.file, problem.line) == ("seeds/facts/events.yaml", rest.count("\n", 0, top) + 1)
    assert problem.message.startswith(
        "event 'carney-visits-qatar' (2026-01) is listed above 5 earlier events, "
        "'albanese-labor-to-power' (2022) nearest; events.yaml is kept in date order"
    )
    assert problem.message.endswith("move it below 'gyeongju-meeting' (2025-10-31)")


def test_two_swapped_days_name_the_lower_one(tmp_path):
    """Swapping two day-dated events names the lower entry and the two it belongs between."""
    root = copy_seeds(tmp_path)
    broken = break_file(root, "facts/events.yaml", "date: 2026-01-14", "date: 2026-01-18")
    (problem,) = problems_for(root)
    assert problem.line == line_of(broken, "id: carney-arrives")
    assert "'carney-arrives' (2026-01-18) is listed above 2 earlier events" in problem.message
    assert problem.message.endswith("move it below 'carney-leaves-china' (2026-01-17)")
