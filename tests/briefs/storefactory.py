"""Small, realistic stores built straight from the model, for rendering tests.

They carry what the real store may one day hold and rendering must survive: names and texts
with HTML and Markdown characters, emoji outside the Basic Multilingual Plane, a link with
`&` and quotes in it, and (with `long=True`) texts big enough to force message splitting.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from briefs.model import (
    Article,
    DatedValue,
    Event,
    Person,
    Precision,
    Quote,
    Reaction,
    Side,
    Stance,
    Status,
    Store,
    Summary,
    SummaryPoint,
)

DAY1 = datetime(2026, 1, 11, 12, tzinfo=UTC)
DAY2 = datetime(2026, 1, 12, 18, tzinfo=UTC)
DAY3 = datetime(2026, 1, 14, 9, tzinfo=UTC)

HOSTILE = "<script>alert('x')</script> & \"Co\""
HOSTILE_QUOTE = "We <b>won't</b> & \"can't\" bow 🇨🇦 *now* _ever_"
HOSTILE_URL = 'https://example.com/a?x=1&y="2"'

WIRE_TEXT = (
    "Wire headline\n"
    f"“{HOSTILE_QUOTE},” said {HOSTILE}. "
    "Minister Dana Okafor said Canada wants “lower tariffs on canola” soon. "
    "“A new starting point,” an editorial in the Daily Beacon said. "
)


def _at(text: str, fragment: str) -> tuple[int, int]:
    start = text.index(fragment)
    return start, start + len(fragment)


def articles(long: bool) -> tuple[Article, ...]:
    wire = Article(
        id="wire",
        headline="Leaders <meet> & talk",
        outlet="Wire & Co",
        published=date(2026, 1, 12),
        published_approximate=False,
        url=HOSTILE_URL,
        text=WIRE_TEXT,
    )
    herald = Article(
        id="herald",
        headline="Herald: the visit ahead",
        outlet="The Herald",
        published=date(2026, 1, 11),
        published_approximate=True,
        url="https://herald.example/visit",
        text="Herald headline\nThe visit is planned.",
    )
    return (herald, wire)


def people() -> tuple[Person, ...]:
    def person(pid: str, name: str, role: str, side: str, *aliases: str) -> Person:
        return Person(pid, name, "person", role, "", side, aliases, ("wire",), DAY2)

    return (
        person("hostile", HOSTILE, "critic of <everything>", "opposition", "Scripty"),
        person("dana-okafor", "Dana Okafor", "Trade Minister", "government", "Okafor"),
        Person(
            "daily-beacon",
            "Daily Beacon",
            "organisation",
            "state-run newspaper",
            "",
            "media",
            ("Beacon",),
            ("wire",),
            DAY2,
        ),
    )


SIDES = (
    Side("government", "Government of Canada", 0),
    Side("opposition", "Canadian opposition", 1),
    Side("media", "Chinese state media", 2),
)


def quotes(long: bool) -> tuple[Quote, ...]:
    def quote(qid: str, speaker: str, text: str, said: DatedValue | None, added: datetime) -> Quote:
        start, end = _at(WIRE_TEXT, text)
        return Quote(qid, speaker, text, "wire", start, end, said, "", ("trade",), added)

    found = [
        quote("hostile-bow", "hostile", f"{HOSTILE_QUOTE},", None, DAY2),
        quote(
            "okafor-canola",
            "dana-okafor",
            "lower tariffs on canola",
            DatedValue(date(2026, 1, 12), Precision.DAY),
            DAY2,
        ),
        quote("beacon-start", "daily-beacon", "A new starting point,", None, DAY3),
    ]
    if long:
        for n in range(40):
            found.append(
                Quote(
                    f"long-{n}",
                    "dana-okafor",
                    ("Tariffs 🌾 & more. " * 30).strip(),
                    "wire",
                    0,
                    0,
                    None,
                    "in a long speech",
                    ("trade",),
                    DAY2,
                )
            )
    return tuple(found)


def events(long: bool) -> tuple[Event, ...]:
    found = [
        Event(
            "old-meeting",
            date(2025, 10, 31),
            Precision.DAY,
            "Leaders meet <again> & shake hands.",
            ("herald", "wire"),
            DAY1,
            "Gyeongju",
        ),
        Event(
            "year-thing", date(2025, 1, 1), Precision.YEAR, "Okafor takes office.", ("wire",), DAY2
        ),
        Event(
            "reported",
            date(2026, 1, 11),
            Precision.DAY,
            "The visit is reported.",
            ("herald",),
            DAY1,
        ),
        Event(
            "lawmakers",
            date(2026, 1, 1),
            Precision.MONTH,
            "Lawmakers quit a trip.",
            ("wire",),
            DAY2,
        ),
        Event(
            "said-monday",
            date(2026, 1, 12),
            Precision.DAY,
            "Okafor speaks on tariffs.",
            ("wire",),
            DAY2,
        ),
        Event(
            "arrives",
            date(2026, 1, 14),
            Precision.DAY,
            "The PM arrives in Beijing.",
            ("wire",),
            DAY2,
            "Beijing",
            ("visit",),
        ),
        Event(
            "meets",
            date(2026, 1, 16),
            Precision.DAY,
            "The PM meets the President.",
            ("wire",),
            DAY3,
            "Beijing",
            ("visit",),
        ),
        Event("leaves", date(2026, 1, 17), Precision.DAY, "The PM leaves China.", ("wire",), DAY2),
        Event(
            "davos",
            date(2026, 1, 1),
            Precision.MONTH,
            "The PM goes to Davos.",
            ("wire",),
            DAY2,
            "Davos",
        ),
    ]
    # What the fictional reports say: what was behind them happened, the rest is planned.
    done = {"old-meeting", "year-thing", "reported", "lawmakers", "said-monday"}
    found = [replace(e, status=Status.HAPPENED if e.id in done else Status.PLANNED) for e in found]
    if long:
        for n in range(60):
            found.append(
                Event(
                    f"filler-{n}",
                    date(2026, 2, 1),
                    Precision.MONTH,
                    "A later step 🚀 " + "with details " * 20,
                    ("wire",),
                    DAY2,
                )
            )
    return tuple(found)


def reactions() -> tuple[Reaction, ...]:
    return (
        Reaction(
            "beacon-welcome",
            "daily-beacon",
            Stance.WELCOMING,
            "Welcomes the visit.",
            ("beacon-start",),
            ("wire",),
            DAY3,
        ),
        Reaction(
            "hostile-critical",
            "hostile",
            Stance.CRITICAL,
            "Says <no> & never.",
            ("hostile-bow",),
            ("wire",),
            DAY2,
        ),
        Reaction(
            "okafor-explains",
            "dana-okafor",
            Stance.EXPLANATORY,
            "Wants lower tariffs.",
            ("okafor-canola",),
            ("wire",),
            DAY2,
        ),
    )


def summary(long: bool) -> Summary:
    def point(pid: str, text: str, sources: tuple[str, ...], added: datetime) -> SummaryPoint:
        return SummaryPoint(pid, text, sources, added)

    background = [point("bg", "Leaders met in 2025 & talked.", ("herald",), DAY1)]
    if long:
        background += [
            point(f"bg-{n}", "Background 🧭 detail, " * 40, ("wire",), DAY1) for n in range(12)
        ]
    return Summary(
        happening=(point("visit", "The PM visits <China> & talks.", ("herald", "wire"), DAY1),),
        why_it_matters=(point("why", "Trade is at stake.", ("wire",), DAY2),),
        watch_next=(point("watch", "Watch the Friday meeting.", ("wire",), DAY3),),
        background=tuple(background),
    )


def make_store(*, long: bool = False) -> Store:
    """A store with hostile strings; `long=True` adds enough text to need several messages."""
    return Store(
        story="The PM's visit to <China> & more",
        articles=articles(long),
        sides=SIDES,
        people=people(),
        quotes=quotes(long),
        events=events(long),
        reactions=reactions(),
        summary=summary(long),
        digest="test",
    )
