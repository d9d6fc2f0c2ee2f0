"""The one door from a loaded store to text a reader sees: briefings, pages, answers, messages.

The bot never touches Jinja: it asks a `Renderer` for finished Telegram messages, each
within Telegram's limits. A renderer holds only the store and lookups built from it, so it
is cheap to build again after a reload and safe to share between handlers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property

from briefs.i18n import DEFAULT
from briefs.model import Store, localized
from briefs.render import views
from briefs.render.changes import Changes, changes
from briefs.render.matching import Index
from briefs.render.notes import Footnotes
from briefs.render.packing import Part, pack, split_messages
from briefs.render.questions import Reply, reply
from briefs.render.search import Hit, search
from briefs.render.telegram import LIMIT, telegram_length
from briefs.render.timeline import telling, windows
from briefs.templating import CUT, environment, label, template_name

READING = 2500
"""Visible characters a page or the summary's first page holds: what a reader takes in at a
glance on a phone. The rest is a button away."""
PAGE_FRAME = 400
"""What a list page spends besides its items: header, group headings, footnotes."""
DAILY_NEW = 5  # new facts of each kind a daily briefing lists; the rest are counted
ALERT_NEW = 3  # the same for an alert, which stays short
_MESSAGE_NAME = re.compile(r"[a-z0-9_]+")


@dataclass(frozen=True, slots=True)
class Page:
    """One message of a paged briefing; `page` counts from 1 and lies within 1..`pages`."""

    text: str
    page: int
    pages: int


def moment(now: datetime | None) -> datetime:
    """`now` as an aware datetime; the real time when None, UTC when naive."""
    if now is None:
        return datetime.now(UTC)
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


class Renderer:
    """Renders the store's briefings and the bot's messages (see /tmp/contracts.md)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.look = views.Lookups.of(store)
        self._index: Index | None = None
        self._telling: tuple[date, dict[str, str]] | None = None
        self._chunk_cache: dict[tuple[object, ...], list[list[views.Item]]] = {}
        # Both read every fact; the store never changes under a renderer, so read them once.
        self.version = store.version
        self.reported = store.reports_end

    @cached_property
    def order(self) -> dict[str, int]:
        """Each event's place in the curated (date) order."""
        return {e.id: n for n, e in enumerate(self.store.events)}

    @cached_property
    def first_day(self) -> dict[str, date]:
        """The first day each event can fall on (timeline.windows), computed once."""
        events = self.store.events
        return {e.id: w.first for e, w in zip(events, windows(events), strict=True)}

    @property
    def index(self) -> Index:
        """The question index, built on first use (most renderers only serve commands)."""
        if self._index is None:
            self._index = Index(self.store)
        return self._index

    def telling(self, today: date) -> dict[str, str]:
        """How each event is told on `today` (timeline.telling), kept for the last day asked."""
        if self._telling is None or self._telling[0] != today:
            self._telling = (today, telling(self.store.events, today, self.reported))
        return self._telling[1]

    # --- rendering helpers ---------------------------------------------------------------

    def base(self, fmt: str, notes: Footnotes, lang: str = DEFAULT) -> dict[str, object]:
        """Variables every briefing template can use; `notes` must be fresh for each render."""
        look = self.look
        return {
            "fmt": fmt,
            "story": localized(self.store, "story", lang),
            "updated": self.version,
            "reported": self.reported,
            "people": look.people,
            "sides": look.sides,
            "articles": look.articles,
            "quotes": look.quotes,
            "summary": self.store.summary,
            "summary_sections": self.store.summary.sections(),
            "notes": notes,
        }

    def parts(
        self, template: str, fmt: str, *, lang: str = DEFAULT, **context: object
    ) -> list[str]:
        """Render briefings/<template> and cut it into its sections."""
        return [part.text for part in self.rendered(template, fmt, lang=lang, **context)[0]]

    def rendered(
        self, template: str, fmt: str, *, lang: str = DEFAULT, **context: object
    ) -> tuple[list[Part], dict[int, str]]:
        """Render briefings/<template> into its sections, each with the footnotes it cites.

        Also returns every cited article's footnote line by number, for `pack` to end each
        message with the lines its own markers need.
        """
        notes = Footnotes(self.look.articles)
        variables = self.base(fmt, notes, lang) | context
        today = variables.setdefault("today", moment(None).date())
        assert isinstance(today, date)
        variables.setdefault("telling", self.telling(today))
        env = environment(lang)
        source = env.get_template(template_name(f"briefings/{template}", fmt))
        texts = source.render(variables).split(CUT)
        cited = notes.sections()
        if len(cited) != len(texts):  # a cut printed inside a macro, stripped from its output
            raise ValueError(f"briefings/{template}: {{{{ cut }}}} belongs at the top level")
        entries = notes.entries()
        lines: dict[int, str] = {}
        if entries:
            footnotes = env.get_template(template_name("briefings/footnotes", fmt))
            found = footnotes.render(entries=entries).split(CUT)
            lines = {n: line.strip("\n") for (n, _), line in zip(entries, found, strict=False)}
        return [Part(t, n) for t, n in zip(texts, cited, strict=True)], lines

    def messages(
        self, template: str, fmt: str, *, lang: str = DEFAULT, **context: object
    ) -> list[str]:
        """Render briefings/<template> as messages that fit, each with its own footnotes."""
        return self.packed(template, fmt, LIMIT, context, lang)

    def packed(
        self, template: str, fmt: str, limit: int, context: dict[str, object], lang: str
    ) -> list[str]:
        """Render briefings/<template> as messages of at most `limit`, each with its footnotes."""
        parts, footnotes = self.rendered(template, fmt, lang=lang, **context)
        return pack(parts, footnotes, limit=limit, fmt=fmt)

    # --- the contract --------------------------------------------------------------------

    def section(
        self,
        name: str,
        *,
        fmt: str = "html",
        now: datetime | None = None,
        arg: str | None = None,
        lang: str = DEFAULT,
    ) -> list[str]:
        """A whole briefing as Telegram messages, split between sections to fit."""
        today = moment(now).date()
        if name in views.LISTS:
            chosen = views.items(self.look, name, today, arg)
            if isinstance(chosen, views.Refusal):
                return [self.message(chosen.template, fmt=fmt, lang=lang, **chosen.context)]
            context = views.context(self.look, name, chosen, arg)
            return self.messages(name, fmt, lang=lang, today=today, paging=None, **context)
        if name in views.SECTIONS:
            return self.messages(name, fmt, lang=lang, today=today, paging=None)
        raise ValueError(f"unknown briefing {name!r}; briefings are {views.SECTIONS}")

    def page(
        self,
        name: str,
        page: int,
        *,
        fmt: str = "html",
        now: datetime | None = None,
        arg: str | None = None,
        lang: str = DEFAULT,
    ) -> Page:
        """One message for the inline-keyboard view: lists paged by items, the rest by message.

        Pages are filled to a reading budget (READING visible characters), not a fixed count:
        long items make short pages. The summary's pages are READING-sized messages. Should
        one item still exceed the limit (a single enormous quote), the page shows the first
        message's worth and the whole briefing has the rest.
        """
        today = moment(now).date()
        if name not in views.LISTS:
            if name == "summary":
                first: dict[str, object] = {"today": today, "paging": None}
                messages = self.packed(name, fmt, READING, first, lang)
            else:
                messages = self.section(name, fmt=fmt, now=now, arg=arg, lang=lang)
            number = min(max(page, 1), len(messages))
            return Page(messages[number - 1], number, len(messages))
        chosen = views.items(self.look, name, today, arg)
        if isinstance(chosen, views.Refusal):
            return Page(self.message(chosen.template, fmt=fmt, lang=lang, **chosen.context), 1, 1)
        key = (name, arg, fmt, today, lang)
        chunks = self._chunk_cache.get(key)
        if chunks is None:
            if len(self._chunk_cache) >= 64:
                self._chunk_cache.clear()
            chunks = self._chunk_cache[key] = self._chunks(name, chosen, fmt, today, lang)
        pages = len(chunks)
        number = min(max(page, 1), pages)
        window = chunks[number - 1]
        context = views.context(self.look, name, window, arg)
        paging = {"page": number, "pages": pages} if pages > 1 else None
        messages = self.messages(name, fmt, lang=lang, today=today, paging=paging, **context)
        return Page(messages[0], number, pages)

    def _chunks(
        self, name: str, chosen: list[views.Item], fmt: str, today: date, lang: str
    ) -> list[list[views.Item]]:
        """The list cut into pages of about READING visible characters each, in order."""
        texts = self.parts("page_items", fmt, lang=lang, name=name, entries=chosen, today=today)
        chunks: list[list[views.Item]] = [[]]
        used = 0
        for item, text in zip(chosen, texts, strict=False):
            size = telegram_length(text.strip("\n"), fmt) + 2
            if chunks[-1] and used + size > READING - PAGE_FRAME:
                chunks.append([])
                used = 0
            chunks[-1].append(item)
            used += size
        return chunks

    def daily(
        self,
        since: datetime | None,
        *,
        fmt: str = "html",
        now: datetime | None = None,
        today: date | None = None,
        last: date | None = None,
        lang: str = DEFAULT,
    ) -> list[str]:
        """What entered or changed in the store after `since` (None: a first briefing), then the
        short summary.

        `today` is the subscriber's own date for the header and `last` the day of their last
        briefing (both default to what `now` and `since` say in UTC). At most DAILY_NEW facts
        of each kind are listed, with a count of the rest and the command that shows them:
        a day that adds a lot to the store still brings a briefing, not a stack of messages.
        """
        current = moment(now)
        day = today or current.date()
        found = changes(self.store, moment(since), day, DAILY_NEW) if since else Changes()
        if last is None and since is not None:
            last = since.date()
        return self.messages(
            "daily",
            fmt,
            lang=lang,
            today=day,
            last=last if since is not None else None,
            fresh=found.fresh,
            more=found.more,
            how=found.how,
            anything_new=bool(found),
        )

    def alert(
        self,
        since: datetime | None,
        *,
        fmt: str = "html",
        now: datetime | None = None,
        lang: str = DEFAULT,
    ) -> list[str]:
        """ "New in the story": the facts added or changed after `since`, briefly; no
        messages when nothing has (an alert is never sent to say so)."""
        if since is None:
            return []
        found = changes(self.store, moment(since), moment(now).date(), ALERT_NEW)
        if not found:
            return []
        return self.messages(
            "alert", fmt, lang=lang, fresh=found.fresh, more=found.more, how=found.how
        )

    def reply(
        self,
        question: str,
        *,
        fmt: str = "html",
        now: datetime | None = None,
        lang: str = DEFAULT,
    ) -> Reply | None:
        """The reply to a plain message: an answer, small talk, or a section to open; None
        when the message holds nothing to look up (the bot then sends no_match).

        `lang` is the chat's language; a question written in French gets its reply in French
        whatever the chat's language (`Reply.lang` says which was used)."""
        return reply(self, question, fmt=fmt, today=moment(now).date(), lang=lang)

    def answer(
        self,
        question: str,
        *,
        fmt: str = "html",
        now: datetime | None = None,
        lang: str = DEFAULT,
    ) -> str | None:
        """The reply's text (see `reply`); None when there is nothing to look up."""
        found = self.reply(question, fmt=fmt, now=now, lang=lang)
        return None if found is None else found.text

    def search(
        self, query: str, limit: int = 20, *, now: datetime | None = None, lang: str = DEFAULT
    ) -> list[Hit]:
        """Inline-mode results for `query`; the summary's lead and the newest facts when empty."""
        return search(self, query, limit, moment(now).date(), lang)

    def message(
        self, name: str, *, fmt: str = "html", lang: str = DEFAULT, **context: object
    ) -> str:
        """The bot message in templates/messages/<name>.html, rendered with `context`."""
        if not _MESSAGE_NAME.fullmatch(name):
            raise ValueError(f"bad message template name {name!r}")
        source = environment(lang).get_template(template_name(f"messages/{name}", fmt))
        base = {
            "fmt": fmt,
            "story": localized(self.store, "story", lang),
            "reported": self.reported,
            "today": moment(None).date(),
        }
        text = source.render(base | context).strip()
        if telegram_length(text, fmt) > LIMIT:
            return split_messages([text], fmt=fmt)[0]
        return text

    def label(self, name: str, lang: str = DEFAULT) -> str:
        """A short button label or command description from templates/labels.yaml, in `lang`."""
        return label(name, lang)
