"""Content rules of `briefs check` (briefs/store/content/): each one catches its breach in a
copy of the fixture store, and the fixture store breaks none. Also what the fixture's facts
say of its articles that no general rule can: the AP piece's plans and the Polar Herald's
judgements."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

from briefs.model import Precision, Store
from briefs.store import check_store, load_store
from tests.support.store import FIXTURE_STORE, copy_store


@pytest.fixture(scope="module")
def store() -> Store:
    return load_store(FIXTURE_STORE)


def test_the_fixture_store_breaks_no_content_rule():
    """check_store finds no error and no warning in the fixture store."""
    checked = check_store(FIXTURE_STORE)
    assert (checked.problems, checked.warnings) == ((), ())


def append_to_article(root: Path, article_id: str, words: str) -> None:
    """Add a paragraph at the end of an article and pin the new text, as an intended edit."""
    path = root / "articles" / f"{article_id}.txt"
    data = path.read_bytes() + b"\n" + words.encode("utf-8")
    path.write_bytes(data)
    meta = root / "articles" / f"{article_id}.yaml"
    text = re.sub(
        r"(?m)^sha256: .*$", f"sha256: {hashlib.sha256(data).hexdigest()}", meta.read_text("utf-8")
    )
    meta.write_text(text, encoding="utf-8")


def replace_in(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture changed: {old!r} is not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHRONG = (
    "text: Calls the Liberal decision to quit the Taiwan trip early kowtowing to Beijing's "
    "authoritarianism."
)
# The end of the Gyeongju event's French, just before its topics.
GYEONGJU = (
    "se serrent la main.\n      place: Gyeongju, Corée du Sud\n      from: 6dd2ea7f\n"
    "    topics: [relations]\n"
)

# (case, article to extend or None, paragraph to add, fact file edits, file the error is in,
# what the message names)
BREACHES = [
    (
        "quote-not-stored",
        "ap-beijing",
        "“We will be back,” Carney said.",
        [],
        "articles/ap-beijing.txt",
        "We will be back,",
    ),
    (
        "weekday-not-on-timeline",
        "ap-beijing",
        "Carney returns to Ottawa on Sunday.",
        [],
        "articles/ap-beijing.txt",
        "Sunday",
    ),
    (
        "name-not-covered",
        "ap-beijing",
        "Carney later met Olaf Scholz.",
        [],
        "articles/ap-beijing.txt",
        "Olaf",
    ),
    (
        "prose-quotation-not-verbatim",
        None,
        "",
        [
            (
                "facts/reactions.yaml",
                CHRONG,
                "text: Calls the decision “nothing less than kowtowing”.",
            )
        ],
        "facts/reactions.yaml",
        "nothing less than kowtowing",
    ),
    (
        "prose-quotation-with-other-marks",
        None,
        "",
        [
            (
                "facts/reactions.yaml",
                CHRONG,
                "text: Calls the decision “kowtowing to Beijing's authoritarianism”.",
            )
        ],
        "facts/reactions.yaml",
        "quotation marks or apostrophes",
    ),
    (
        "fact-names-what-no-body-says",
        None,
        "",
        [
            (
                "facts/events.yaml",
                "text: Carney arrives in China,",
                "text: Carney arrives in Seoul and China,",
            )
        ],
        "facts/events.yaml",
        "Seoul",
    ),
    (
        "fact-resting-on-a-caption",
        None,
        "",
        [
            (
                "facts/events.yaml",
                GYEONGJU + "    status: happened\n    sources: [polar-herald]",
                GYEONGJU + "    status: happened\n    sources: [polar-herald, ap-beijing]",
            )
        ],
        "facts/events.yaml",
        "Gyeongju",
    ),
    (
        "day-no-article-gives",
        None,
        "",
        [
            (
                "facts/events.yaml",
                "  - id: carney-arrives\n    date: 2026-01-14",
                "  - id: carney-arrives\n    date: 2026-01-13",
            )
        ],
        "facts/events.yaml",
        "2026-01-13",
    ),
    (
        "summary-weekday-wrong",
        None,
        "",
        [("facts/summary.yaml", "on 31 October 2025", "on Thursday 31 October 2025")],
        "facts/summary.yaml",
        "Thursday 31 October",
    ),
    (
        "context-repeats-the-role",
        None,
        "",
        [
            (
                "facts/quotes.yaml",
                "context: on the Liberal lawmakers quitting",
                "context: as opposition Conservative foreign affairs critic, on the Liberal "
                "lawmakers quitting",
            )
        ],
        "facts/quotes.yaml",
        "role",
    ),
    (
        "unknown-topic",
        None,
        "",
        [("facts/events.yaml", "topics: [visit]", "topics: [visits]")],
        "facts/events.yaml",
        "did you mean 'visit'?",
    ),
    (
        "unknown-side",
        None,
        "",
        [("facts/people.yaml", "side: canada-opposition", "side: greens")],
        "facts/people.yaml",
        "story.yaml",
    ),
]


@pytest.mark.parametrize(
    ("case", "article", "words", "edits", "where", "named"), BREACHES, ids=[b[0] for b in BREACHES]
)
def test_each_content_rule_catches_its_breach(tmp_path, case, article, words, edits, where, named):
    """The breach is an error located in the file it concerns, naming what is wrong."""
    root = copy_store(tmp_path)
    if article is not None:
        append_to_article(root, article, words)
    for name, old, new in edits:
        replace_in(root, name, old, new)
    problems = check_store(root).problems
    assert [p for p in problems if p.file == f"seeds/{where}" and named in p.message], problems


def test_a_quotation_in_prose_may_end_without_the_printed_full_stop(tmp_path):
    """A quotation in a fact's text matches its article even where only a final stop differs."""
    root = copy_store(tmp_path)
    replace_in(
        root,
        "facts/reactions.yaml",
        CHRONG,
        "text: Calls the decision “nothing short of kowtowing to Beijing’s authoritarianism”.",
    )
    assert check_store(root).problems == ()


FROM_TALKS = "62e9cb0f"  # `from` of the French: briefs translations


def test_a_day_written_without_its_year_dates_an_event(tmp_path):
    """ "March 1" in a body gives an event that day, in the year nearest the publication."""
    root = copy_store(tmp_path)
    append_to_article(root, "ap-beijing", "Talks on tariffs are to resume by March 1.")
    events = root / "facts/events.yaml"
    events.write_text(
        events.read_text("utf-8").rstrip("\n")
        + "\n\n  - id: tariff-talks-resume\n    date: 2026-03-01\n    precision: day\n"
        "    text: Talks on tariffs resume.\n"
        f"    fr: {{text: Reprise des pourparlers sur les droits de douane., from: {FROM_TALKS}}}\n"
        "    topics: [tariffs]\n    status: planned\n"
        "    sources: [ap-beijing]\n    added: 2026-01-12T18:00:00Z\n",
        encoding="utf-8",
    )
    assert check_store(root).problems == ()
    replace_in(root, "facts/events.yaml", "date: 2026-03-01\n", "date: 2026-03-02\n")
    assert [p.line for p in check_store(root).problems] != []


# What lies ahead as the AP piece (Monday 2026-01-12) tells it: the words it uses, a word
# the event's text has, and the date and precision those words support (None: no date).
AP_UPCOMING = [
    ("who arrives Wednesday", "arrives", date(2026, 1, 14), Precision.DAY),
    ("meet with Chinese President Xi Jinping on Friday", "Xi", date(2026, 1, 16), Precision.DAY),
    ("in China until Saturday", "visit to China ends", date(2026, 1, 17), Precision.DAY),
    ("and then visit Qatar", "Qatar", date(2026, 1, 1), Precision.MONTH),
    ("in Davos, Switzerland, next week", "Davos", date(2026, 1, 1), Precision.MONTH),
    ("reportedly planning a visit to China", "Starmer", None, None),
]


@pytest.mark.parametrize(("words", "key", "when", "precision"), AP_UPCOMING)
def test_every_upcoming_event_in_the_ap_piece_is_in_the_store(store, words, key, when, precision):
    """Each thing the AP piece says is coming is on the timeline with the date its words give,
    or, when they give none, in what to watch next and not on the timeline."""
    assert words in store.article("ap-beijing").text
    ahead = [
        e
        for e in store.events
        if "ap-beijing" in e.sources and key in e.text and e.date >= date(2026, 1, 1)
    ]
    if when is None:
        assert [e.id for e in ahead if "visit" in e.text] == []
        watch = store.summary.watch_next
        assert any(key in p.text and "ap-beijing" in p.sources for p in watch), key
        return
    assert [(e.date, e.precision) for e in ahead] == [(when, precision)], key


# The Polar Herald's own judgements: words of its analysis that report no fact. A summary
# point using one of them, where no other article it cites uses that word, must say that the
# Polar Herald holds this view.
JUDGEMENT = re.compile(
    r"\b(calculated|signals?|significant|substantial|strategic|pivot|resilien\w*|flexib\w*|"
    r"success\w*|could|risks?|long-term|pragmatic|careful|indicator|advantageous\w*|"
    r"multipolar|counterbalance|vacuum|precursor|scrutini[sz]\w*|fortify|core values)\b",
    re.IGNORECASE,
)
ATTRIBUTED = re.compile(
    r"\bPolar Herald\b.*\b(argues|arguing|calls|says|notes|links|sees|warns|writes|describes)\b"
    r"|\baccording to the Polar Herald\b",
)


def test_polar_herald_interpretation_is_attributed(store):
    """No summary point states the Polar Herald's interpretation as flat fact."""
    herald = store.article("polar-herald").text
    for point in store.summary.points():
        if "polar-herald" not in point.sources:
            continue
        others = " ".join(store.article(a).text for a in point.sources if a != "polar-herald")
        judged = {
            word.lower()
            for word in JUDGEMENT.findall(point.text)
            if re.search(rf"\b{re.escape(word)}", herald, re.IGNORECASE)
            and not re.search(rf"\b{re.escape(word)}", others, re.IGNORECASE)
        }
        if judged:
            assert ATTRIBUTED.search(point.text), f"{point.id}: {sorted(judged)}"


def test_events_resting_only_on_approximately_dated_articles_have_no_day(store):
    """No event cited only to the approximately dated Polar Herald is given a day it does not
    write out: its one such event is the Gyeongju meeting, written "October 31, 2025"."""
    day_events = [
        e.id
        for e in store.events
        if e.precision == Precision.DAY and e.sources == ("polar-herald",)
    ]
    assert day_events == ["gyeongju-meeting"]
    assert store.article("polar-herald").published_approximate
    assert "October 31, 2025" in store.article("polar-herald").text
