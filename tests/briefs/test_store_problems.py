"""A broken store is refused with every problem named by file, line and fix; never half-loaded."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefs.store import Problem, StoreError, load_store
from tests.support.store import copy_store

# (case id, file, text to replace, replacement, text on the reported line (the last line of
# it when it spans several), expected message fragment)
CASES = [
    (
        "span-shifted",
        "facts/quotes.yaml",
        "start: 2267",
        "start: 2260",
        "start: 2260",
        "quote 'chong-kowtowing' not found verbatim at 2260-2324; found at 2267-2324; "
        "set start: 2267, end: 2324",
    ),
    (
        "straightened-apostrophe",
        "facts/quotes.yaml",
        "kowtowing to Beijing’s",
        "kowtowing to Beijing's",
        "kowtowing to Beijing's",
        "only if quotation marks are ignored: the article has ’ where the quote has '",
    ),
    (
        "text-nowhere",
        "facts/quotes.yaml",
        "text: the 51st state.",
        "text: the 52nd state.",
        "text: the 52nd state.",
        "quote 'trump-51st-state' not found verbatim at 935-950 nor anywhere in ap-beijing",
    ),
    (
        "unknown-person",
        "facts/quotes.yaml",
        "speaker: michael-chong",
        "speaker: michael-chung",
        "speaker: michael-chung",
        "quote 'chong-kowtowing': unknown person 'michael-chung'; did you mean 'michael-chong'?",
    ),
    (
        "unknown-article",
        "facts/events.yaml",
        "sources: [polar-herald]",
        "sources: [polar-herold]",
        "sources: [polar-herold]",
        "unknown article 'polar-herold'; did you mean 'polar-herald'?",
    ),
    (
        "unknown-side",
        "facts/people.yaml",
        "side: analysts",
        "side: analyst",
        "side: analyst",
        "person 'zhu-feng': unknown side 'analyst'; did you mean 'analysts'?",
    ),
    (
        "unknown-quote",
        "facts/reactions.yaml",
        "quotes: [chong-kowtowing]",
        "quotes: [chong-kowtow]",
        "quotes: [chong-kowtow]",
        "reaction 'chong-criticism': unknown quote 'chong-kowtow'; did you mean 'chong-kowtowing'?",
    ),
    (
        "impossible-date",
        "facts/events.yaml",
        "date: 2025-10-31",
        "date: 2025-02-30",
        "date: 2025-02-30",
        "2025-02-30 is not a real date (day is out of range for month)",
    ),
    (
        "unparseable-date",
        "facts/events.yaml",
        "date: 2026-01-14",
        "date: next Wednesday",
        "date: next Wednesday",
        "'next Wednesday' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY",
    ),
    (
        "bad-precision",
        "facts/events.yaml",
        "date: 2022\n    precision: year",
        "date: 2022\n    precision: decade",
        "precision: decade",
        "precision 'decade' is not allowed; use day, month or year",
    ),
    (
        "precision-finer-than-date",
        "facts/events.yaml",
        "date: 2022\n    precision: year",
        "date: 2022\n    precision: day",
        "date: 2022",
        "date 2022 is written to the year but precision is day",
    ),
    (
        "impossible-said-date",
        "facts/quotes.yaml",
        "said: {date: 2026-01-12, precision: day}",
        "said: {date: 2026-13-12, precision: day}",
        "said: {date: 2026-13-12",
        "said 2026-13-12 is not a real date (month must be in 1..12)",
    ),
    (
        "duplicate-id-across-kinds",
        "facts/events.yaml",
        "id: carney-arrives",
        "id: chong-kowtowing",
        "id: chong-kowtowing",
        "duplicate id 'chong-kowtowing': the quote at seeds/facts/quotes.yaml:",
    ),
    (
        "unknown-field",
        "facts/events.yaml",
        "place: Qatar",
        "plcae: Qatar",
        "plcae: Qatar",
        "unknown field 'plcae' in event 'carney-visits-qatar'; did you mean 'place'?",
    ),
    (
        "unknown-article-field",
        "articles/ap-beijing.yaml",
        "dateline: BEIJING",
        "datelin: BEIJING",
        "datelin: BEIJING",
        "unknown field 'datelin' in article 'ap-beijing'; did you mean 'dateline'?",
    ),
    (
        "missing-field",
        "facts/quotes.yaml",
        "    speaker: zhu-feng\n",
        "",
        "id: zhu-feng-new-space",
        "quote 'zhu-feng-new-space' has no 'speaker'; add speaker: (a person id from people.yaml)",
    ),
    (
        "wrong-type",
        "facts/quotes.yaml",
        "start: 953",
        "start: early",
        "start: early",
        "quote 'carney-trade-disruption': start should be a whole number, got text",
    ),
    (
        "empty-text",
        "facts/reactions.yaml",
        "text: Calls the Liberal decision",
        'text: ""\n    # was: Calls the Liberal decision',
        'text: ""',
        "reaction 'chong-criticism': text is empty; write the text",
    ),
    (
        "invalid-yaml",
        "facts/reactions.yaml",
        "quotes: [chong-kowtowing]",
        "quotes: [chong-kowtowing",
        "quotes: [chong-kowtowing\n    sources:",
        "invalid YAML: while parsing a flow sequence (opened on line ",
    ),
    (
        "no-sources",
        "facts/people.yaml",
        "sources: [polar-herald]",
        "sources: []",
        "sources: []",
        "person 'finance-minister': sources is empty: every fact cites at least one article",
    ),
    (
        "unknown-summary-section",
        "facts/summary.yaml",
        "  watch_next:",
        "  next_steps: []\n  watch_next:",
        "  next_steps:",
        "summary section 'next_steps' is not one of happening, why_it_matters, watch_next, "
        "background",
    ),
    (
        "unknown-stance",
        "facts/reactions.yaml",
        "stance: critical",
        "stance: furious",
        "stance: furious",
        "stance 'furious' is not allowed; use welcoming, critical, cautious",
    ),
    (
        "year-out-of-range",
        "facts/events.yaml",
        "date: 2022\n",
        "date: 0022\n",
        "date: 0022",
        "date 0022 is outside the years 1900-2100; write the full year",
    ),
    (
        "said-after-publication",
        "facts/quotes.yaml",
        "said: {date: 2026-01-12, precision: day}",
        "said: {date: 2026-01-13, precision: day}",
        "said: {date: 2026-01-13",
        "quote 'mao-ning-momentum': said 2026-01-13 is after ap-beijing was published "
        "(2026-01-12); a quote is said before it is printed",
    ),
    (
        "added-before-publication",
        "facts/quotes.yaml",
        "added: 2026-01-12T18:00:00Z",
        "added: 2026-01-10T18:00:00Z",
        "added: 2026-01-10T18:00:00Z",
        "quote 'trump-51st-state': added 2026-01-10T18:00:00Z is before ap-beijing was "
        "published (2026-01-12); a fact enters the store after an article reports it: "
        "write added: 2026-01-11T10:00:00Z or later",
    ),
    (
        "added-in-the-future",
        "facts/quotes.yaml",
        "added: 2026-01-12T18:00:00Z",
        "added: 2999-01-01T00:00:00Z",
        "added: 2999-01-01T00:00:00Z",
        "quote 'trump-51st-state': added 2999-01-01T00:00:00Z is in the future",
    ),
]


def copy_seeds(tmp_path: Path) -> Path:
    """A copy of the fixture store named seeds/, as problems show it to a curator."""
    return copy_store(tmp_path)


def line_of(text: str, fragment: str) -> int:
    """The 1-based line where fragment starts; for a multi-line fragment, where its last line is."""
    at = text.index(fragment)
    last_line_start = fragment.rfind("\n") + 1
    return text.count("\n", 0, at + last_line_start) + 1


def problems_for(root: Path) -> tuple[Problem, ...]:
    with pytest.raises(StoreError) as caught:
        load_store(root)
    return caught.value.problems


def break_file(root: Path, name: str, old: str, new: str) -> str:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the seeds changed: {old!r} is not in {name}"
    broken = text.replace(old, new, 1)
    path.write_text(broken, encoding="utf-8")
    return broken


@pytest.mark.parametrize(
    ("name", "old", "new", "anchor", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_one_broken_thing_is_reported_at_its_line(tmp_path, name, old, new, anchor, message):
    """Each kind of mistake gives exactly one problem naming the file, line and fix."""
    root = copy_seeds(tmp_path)
    broken = break_file(root, name, old, new)
    problems = problems_for(root)
    expected_line = line_of(broken, anchor)
    assert [(p.file, p.line) for p in problems] == [(f"seeds/{name}", expected_line)], problems
    assert message in problems[0].message
    assert str(problems[0]).startswith(f"seeds/{name}:{expected_line}: ")


def test_the_line_of_the_first_duplicate_is_named(tmp_path):
    """A duplicate id points at the record that already holds it."""
    root = copy_seeds(tmp_path)
    break_file(root, "facts/events.yaml", "id: carney-arrives", "id: chong-kowtowing")
    quotes = (root / "facts/quotes.yaml").read_text(encoding="utf-8")
    (problem,) = problems_for(root)
    assert problem.message.endswith(
        f"quotes.yaml:{line_of(quotes, 'id: chong-kowtowing')} has it too; rename one"
    )


def test_timestamp_without_zone_is_refused(tmp_path):
    """An `added` stamp with no time zone is ambiguous, so it is refused."""
    root = copy_seeds(tmp_path)
    events = root / "facts/events.yaml"
    text = events.read_text(encoding="utf-8")
    start = text.index("id: gyeongju-meeting")
    stamp = text.index("added: 2026-01-11T12:00:00Z", start)
    events.write_text(text[:stamp] + "added: 2026-01-11" + text[stamp + 27 :], encoding="utf-8")
    (problem,) = problems_for(root)
    assert problem.line == text.count("\n", 0, stamp) + 1
    assert "added 2026-01-11 has no time zone" in problem.message


def test_missing_article_text_is_named_without_cascading(tmp_path):
    """A metadata file without its text is one problem; facts citing it are not also reported."""
    root = copy_seeds(tmp_path)
    (root / "articles/polar-herald.txt").unlink()
    (problem,) = problems_for(root)
    assert problem.file == "seeds/articles/polar-herald.yaml"
    assert "no article text: add seeds/articles/polar-herald.txt" in problem.message


def test_article_text_without_metadata_is_refused(tmp_path):
    """A stray article text with no metadata file is named so it is not silently ignored."""
    root = copy_seeds(tmp_path)
    (root / "articles/extra.txt").write_text("Headline\nBody.", encoding="utf-8")
    (problem,) = problems_for(root)
    assert problem.file == "seeds/articles/extra.txt"
    assert "add extra.yaml" in problem.message


def test_missing_fact_file_is_refused(tmp_path):
    """Deleting a fact file is a problem, not an empty list."""
    root = copy_seeds(tmp_path)
    (root / "facts/reactions.yaml").unlink()
    (problem,) = problems_for(root)
    assert problem.file == "seeds/facts/reactions.yaml"
    assert "is missing" in problem.message


def test_empty_fact_file_is_refused(tmp_path):
    """An emptied file is reported as empty rather than read as a store without those facts."""
    root = copy_seeds(tmp_path)
    (root / "facts/people.yaml").write_text("# nothing yet\n", encoding="utf-8")
    (problem,) = problems_for(root)
    assert (problem.file, problem.line) == ("seeds/facts/people.yaml", 1)
    assert "is empty" in problem.message


def test_every_problem_is_collected_before_refusing(tmp_path):
    """Mistakes in several files are all reported in one run, ordered by file and line."""
    root = copy_seeds(tmp_path)
    picked = [c for c in CASES if c[0] in {"span-shifted", "unknown-side", "bad-precision"}]
    for _, name, old, new, _, _ in picked:
        break_file(root, name, old, new)
    problems = problems_for(root)
    assert len(problems) == 3
    assert [p.file for p in problems] == sorted(p.file for p in problems)
    assert "\n" in str(StoreError(problems))


def test_no_store_at_root_is_one_problem(tmp_path):
    """Pointing at a directory that does not exist says so instead of crashing."""
    problems = problems_for(tmp_path / "nowhere")
    assert len(problems) == 1
    assert "no store here" in problems[0].message


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(
        ["facts/quotes.yaml", "facts/events.yaml", "facts/people.yaml", "facts/summary.yaml"]
    ),
    position=st.floats(min_value=0, max_value=1, exclude_max=True),
    insert=st.sampled_from(["", ":", "-", "[", "'", "“", "\n", "  ", "x", "#"]),
)
def test_any_small_edit_either_loads_or_is_refused_with_problems(name, position, insert):
    """A one-character edit anywhere gives a whole store or a StoreError, never a crash."""
    with tempfile.TemporaryDirectory() as scratch:
        root = copy_seeds(Path(scratch))
        path = root / name
        text = path.read_text(encoding="utf-8")
        at = int(position * len(text))
        edited = text[:at] + insert + text[at + (0 if insert else 1) :]
        path.write_text(edited, encoding="utf-8")
        problems: tuple[Problem, ...] = ()
        try:
            store = load_store(root)
        except StoreError as error:
            problems = error.problems
        if problems:
            assert all(p.file.startswith("seeds/") for p in problems)
        else:
            assert len(store.quotes) == 9
