"""What the curated store says, held against its articles: complete, dated no finer than the
text allows, and saying no more than the articles say."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from briefs.model import Article, Event, Person, Precision, Quote, Store
from briefs.store import load_store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WEEKDAYS = tuple(calendar.day_name)
MONTHS = tuple(calendar.month_name)[1:]
_WRITTEN_DATE = re.compile(r"\b([A-Z][a-z]{2})[a-z]*\.? (\d{1,2}), (\d{4})\b")
_NAME = re.compile(r"(?<![\w’'])([A-Z][A-Za-z]*(?:\.[A-Z]\.?)*)")
# Capitalised words in the articles that name nothing the store needs: weekdays are checked
# as dates below, and "North" only appears in "North American".
NOT_NAMES = {*WEEKDAYS, "North"}


@pytest.fixture(scope="module")
def store() -> Store:
    return load_store(SEEDS)


def body_lines(article: Article) -> list[str]:
    """The article's body paragraphs: no headline, caption or alternate headline, no headings."""
    meta = yaml.safe_load((SEEDS / "articles" / f"{article.id}.yaml").read_text(encoding="utf-8"))
    skip = {1, *meta.get("non_body_lines", [])}
    lines = article.text.split("\n")
    return [
        line
        for number, line in enumerate(lines, start=1)
        if number not in skip and line.strip() and line.rstrip()[-1] in '.”"'
    ]


def names(text: str) -> set[str]:
    """Capitalised words that do not start a sentence or clause: the names a text uses."""
    found = set()
    for clause in re.split(r"(?<=[.;:—])\s+|[“\"]", text):
        for match in _NAME.finditer(clause):
            if clause[: match.start()].strip():
                found.add(match.group(1))
    return found


def written_days(article: Article) -> set[date]:
    """Days the article writes out in full, like "October 31, 2025" or "Oct. 31, 2025"."""
    abbr = {name[:3]: number for number, name in enumerate(MONTHS, start=1)}
    return {
        date(int(year), abbr[month], int(day))
        for month, day, year in _WRITTEN_DATE.findall(article.text)
        if month in abbr
    }


def weekday_days(article: Article) -> dict[str, set[date]]:
    """For a precisely dated article, each weekday it names and the days within a week of
    publication it can mean; an approximately dated article pins down no weekday."""
    if article.published_approximate:
        return {}
    body = "\n".join(body_lines(article))
    near = [article.published + timedelta(days=offset) for offset in range(-6, 7)]
    return {
        name: {day for day in near if WEEKDAYS[day.weekday()] == name}
        for name in WEEKDAYS
        if re.search(rf"\b{name}\b", body)
    }


def test_day_precision_events_rest_on_a_day_the_articles_give(store):
    """A day-precision event's day is written out in one of its articles, or is a weekday a
    precisely dated article names within a week of its publication."""
    for event in store.events:
        if event.precision != Precision.DAY:
            continue
        allowed: set[date] = set()
        for article_id in event.sources:
            article = store.article(article_id)
            allowed |= written_days(article)
            for days in weekday_days(article).values():
                allowed |= days
        assert event.date in allowed, event.id


def test_events_resting_only_on_approximately_dated_articles_have_no_day(store):
    """An event cited only to approximately dated articles is not given a day unless the text
    writes that day out."""
    for event in store.events:
        articles = [store.article(a) for a in event.sources]
        if not all(a.published_approximate for a in articles):
            continue
        written = set().union(*(written_days(a) for a in articles))
        assert event.precision != Precision.DAY or event.date in written, event.id


def test_every_weekday_a_precisely_dated_article_names_is_on_the_timeline(store):
    """Each weekday named in a precisely dated article resolves to a day-precision event."""
    for article in store.articles:
        for name, days in weekday_days(article).items():
            on_timeline = [
                e
                for e in store.events
                if article.id in e.sources and e.precision == Precision.DAY and e.date in days
            ]
            assert on_timeline, f"{article.id}: {name}"


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


def test_summary_dates_match_the_timeline(store):
    """A day a summary point names ("Friday 16 January") is a day-precision event of the same
    article, on that weekday."""
    pattern = re.compile(rf"\b({'|'.join(WEEKDAYS)}) (\d{{1,2}}) ({'|'.join(MONTHS)})\b")
    for point in store.summary.points():
        for weekday, day, month in pattern.findall(point.text):
            events: list[Event] = [
                e
                for e in store.events
                if e.precision == Precision.DAY
                and set(e.sources) & set(point.sources)
                and (e.date.day, MONTHS[e.date.month - 1]) == (int(day), month)
            ]
            assert events, f"{point.id}: {day} {month}"
            assert all(WEEKDAYS[e.date.weekday()] == weekday for e in events), point.id


def test_every_name_in_the_articles_is_in_the_store(store):
    """Every name an article's body uses appears in some fact citing that article."""
    for article in store.articles:
        told = " ".join(
            " ".join(
                str(getattr(fact, field, "") or "")
                for field in ("text", "name", "role", "affiliation", "context", "place")
            )
            + " "
            + " ".join(getattr(fact, "aliases", ()))
            for fact in store.facts()
            if article.id in fact.sources
        )
        missing = {n for line in body_lines(article) for n in names(line)} - NOT_NAMES
        assert sorted(n for n in missing if n not in told) == [], article.id


def test_every_name_a_fact_uses_is_in_its_articles(store):
    """Summary points, events, reactions and quote contexts name only what their cited
    articles name."""
    for fact in store.facts():
        if isinstance(fact, Person):
            continue
        text = fact.context if isinstance(fact, Quote) else fact.text
        cited = " ".join(
            store.article(a).text + " " + store.article(a).outlet for a in fact.sources
        )
        unknown = {n for n in names(text) if n not in cited} - set(MONTHS)
        assert sorted(unknown) == [], fact.id


def _plain(text: str) -> str:
    return re.sub(r"[^\w\s]", "", text.replace("’", "'")).lower().strip()


def test_quote_contexts_add_to_the_quote_and_its_speaker(store):
    """Each quote's context says something, without repeating the quote or its speaker line."""
    for quote in store.quotes:
        context = _plain(quote.context)
        assert context, quote.id
        assert _plain(quote.text) not in context, quote.id
        role = store.person(quote.speaker).role
        for part in role.split(","):
            assert _plain(part) not in context, quote.id


def test_the_summary_fits_one_message(store):
    """The summary is a briefing, not a dump: it renders as a single Telegram message, as
    HTML (what the bot sends) and as plain text (what `briefs render --format text` shows)."""
    from briefs.render import Renderer

    renderer = Renderer(store)
    for fmt in ("html", "text"):
        assert len(renderer.section("summary", fmt=fmt)) == 1, fmt
    assert 12 <= len(store.summary.points()) <= 20


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


def test_summary_does_not_say_a_planned_day_happened(store):
    """A summary point naming a day after its articles were published tells it as a plan
    ("was due to"), since readers may read it long after: nothing says it took place."""
    pattern = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)}) (\d{{1,2}}) ({'|'.join(MONTHS)})\b")
    planned = re.compile(r"\b(due|was to|were to|would|planned|planning|reportedly|expected)\b")
    for point in store.summary.points():
        published = max(store.article(a).published for a in point.sources)
        days = [
            date(published.year, MONTHS.index(month) + 1, int(day))
            for day, month in pattern.findall(point.text)
        ]
        if any(day > published for day in days):
            assert planned.search(point.text), point.id
