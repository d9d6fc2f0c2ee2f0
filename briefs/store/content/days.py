"""Days: a day on the timeline is one the articles give, and every day they give is there.

- A day-precision event's day is written out in the body of an article it cites
  ("October 31, 2025", "Oct. 31, 2025", or "March 1", whose year is the one nearest the
  article's publication), or is a weekday a precisely dated article names within a week of
  publication ("arrives Wednesday"). An approximately dated article pins down no weekday.
- Every weekday a precisely dated article names is a day-precision event citing it.
- A day a summary point names ("Friday 16 January") is a day-precision event of an article
  it cites, on that weekday; if that day is after its articles were published, the point
  tells it as a plan ("was due to"), since nothing it cites says it took place.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from briefs.model import Precision
from briefs.store.content.bodies import Body
from briefs.store.content.context import Content
from briefs.store.content.names import MONTHS, WEEKDAYS

_ABBR = {name[:3]: number for number, name in enumerate(MONTHS, start=1)}
_WRITTEN = re.compile(
    rf"\b({'|'.join(_ABBR)})[a-z]*\.? (\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (\d{{4}})\b)?"
)
_NAMED_DAY = re.compile(rf"\b({'|'.join(WEEKDAYS)}) (\d{{1,2}}) ({'|'.join(MONTHS)})\b")
_PLANNED = re.compile(r"\b(due|was to|were to|would|planned|planning|reportedly|expected)\b")


def _nearest_year(month: int, day: int, published: date) -> date | None:
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs(d - published), default=None)


def written_days(body: Body) -> set[date]:
    """Days the body writes out: with a year, or without one (the nearest such day)."""
    found = set()
    for month, day, year in _WRITTEN.findall(body.text):
        if year:
            try:
                found.add(date(int(year), _ABBR[month], int(day)))
            except ValueError:
                continue
        else:
            nearest = _nearest_year(_ABBR[month], int(day), body.article.published)
            if nearest is not None:
                found.add(nearest)
    return found


def weekday_days(body: Body) -> dict[str, set[date]]:
    """Each weekday a precisely dated body names, with the days within a week it can mean."""
    article = body.article
    if article.published_approximate:
        return {}
    text = "\n".join(body.paragraphs())
    near = [article.published + timedelta(days=offset) for offset in range(-6, 7)]
    return {
        name: {day for day in near if WEEKDAYS[day.weekday()] == name}
        for name in WEEKDAYS
        if re.search(rf"\b{name}\b", text)
    }


def _event_days(content: Content) -> None:
    for event in content.store.events:
        if event.precision != Precision.DAY:
            continue
        allowed: set[date] = set()
        for article_id in event.sources:
            body = content.bodies[article_id]
            allowed |= written_days(body)
            for days in weekday_days(body).values():
                allowed |= days
        if event.date not in allowed:
            content.fact(
                event,
                "date",
                f"is dated to the day ({event.date}), but no article it cites writes that day "
                "in its body or names its weekday; cite the article that gives the day, or "
                "write the date with precision month or year",
            )


def _weekdays_on_timeline(content: Content) -> None:
    events = [e for e in content.store.events if e.precision == Precision.DAY]
    for article_id, body in content.covered_bodies().items():
        for name, days in weekday_days(body).items():
            if any(article_id in e.sources and e.date in days for e in events):
                continue
            at = body.article.text.find(name)
            content.article(
                article_id,
                at if at >= 0 else None,
                f"names {name}, but no day-precision event citing {article_id} falls on a "
                f"{name} within a week of its publication ({body.article.published}); add the "
                "event to events.yaml",
            )


def _summary_days(content: Content) -> None:
    store = content.store
    for point in store.summary.points():
        published = max(store.article(a).published for a in point.sources)
        for weekday, day, month in _NAMED_DAY.findall(point.text):
            said = f"{weekday} {day} {month}"
            events = [
                e
                for e in store.events
                if e.precision == Precision.DAY
                and set(e.sources) & set(point.sources)
                and (e.date.day, MONTHS[e.date.month - 1]) == (int(day), month)
            ]
            if not events:
                content.fact(
                    point,
                    "text",
                    f"names {said}, but no day-precision event of "
                    "its articles falls on it; add the event or correct the day",
                )
                continue
            if any(WEEKDAYS[e.date.weekday()] != weekday for e in events):
                content.fact(
                    point,
                    "text",
                    f"names {said}, but that day is a "
                    f"{WEEKDAYS[events[0].date.weekday()]}; correct the weekday",
                )
            if events[0].date > published and not _PLANNED.search(point.text):
                content.fact(
                    point,
                    "text",
                    f"tells {said}, after its articles were published, without saying it "
                    'was planned; write "was due to" or similar, or cite the report that it '
                    "took place",
                )


def check_days(content: Content) -> None:
    """Every day on the timeline given by the articles, and every day they give there."""
    _event_days(content)
    _weekdays_on_timeline(content)
    _summary_days(content)
