"""The Jinja2 environments every text a reader sees is rendered with: one per language.

Each language's environment has the i18n extension with that language's catalog installed
(newstyle gettext: `{{ _("...") }}`, `{% trans %}`, plurals through `{% pluralize %}`), and
formats dates and numbers with Babel in that language's locale (briefs/i18n.py).

Templates live in briefs/templates/ and are written once, with the `.html` ending, so
autoescape applies. Asking for the same name with a `.txt` ending loads the same source
with autoescape off: the markup filters below (`b`, `i`, `link`, `blockquote`) emit
Telegram's HTML tags only when autoescape is on, so the plain-text variant carries no tags
and no entities, and no prose is written twice. Includes and imports made from a `.txt`
template resolve to `.txt` too (see `join_path`).

Briefing templates separate their sections with `{{ cut }}`; the renderer splits there,
and the render's `notes` is told of each cut so it knows which section cites what.
The marker is only honoured at a template's top level, never inside a macro's output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, partial
from importlib.resources import files
from typing import Any, Protocol

import yaml
from jinja2 import (
    Environment,
    PackageLoader,
    StrictUndefined,
    pass_context,
    pass_eval_context,
    select_autoescape,
)
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from markupsafe import Markup

from briefs.formats import day, filters, quoted
from briefs.i18n import DEFAULT, checked
from briefs.translations import translations

CUT = Markup("\x1e")
"""Section boundary inside a rendered briefing; stripped from every value a template prints."""

_LINK_SCHEMES = ("https://", "http://", "tg://")


class Citations(Protocol):
    """What `cite` needs from the footnote numbering a renderer puts in the context."""

    def cite(self, sources: Iterable[str]) -> str: ...


class _Loader(PackageLoader):
    """A PackageLoader that serves `x.txt` from the source of `x.html`."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool] | None]:
        if template.endswith(".txt"):
            template = template[: -len(".txt")] + ".html"
        return super().get_source(environment, template)


class _Environment(Environment):
    """Keeps a text render in text: including "x.html" from a `.txt` template loads `x.txt`."""

    def join_path(self, template: str, parent: str) -> str:
        if parent.endswith(".txt") and template.endswith(".html"):
            return template[: -len(".html")] + ".txt"
        return template


class Sections(Protocol):
    """What the finalizer tells about section cuts: the render context's `notes`, if any."""

    def cut(self) -> None: ...


@pass_context
def _finalize(context: Context, value: Any) -> Any:
    """Strip stray cut markers from printed values; a real `{{ cut }}` is passed on to `notes`.

    Telling `notes` at the moment the cut is printed is what lets the renderer know which
    footnotes each section cites, without reading markers back out of the text.
    """
    if value is CUT:
        sections: Sections | None = context.get("notes")
        if sections is not None:
            sections.cut()
        return value
    if isinstance(value, str) and "\x1e" in value:
        return value.replace("\x1e", "")
    return value


# --- dates -----------------------------------------------------------------------------


# --- markup that exists only in HTML ------------------------------------------------------


_TAGS = {
    "b": Markup("<b>%s</b>"),
    "i": Markup("<i>%s</i>"),
    "u": Markup("<u>%s</u>"),
    "code": Markup("<code>%s</code>"),
    "blockquote": Markup("<blockquote>%s</blockquote>"),
}


def _tag(name: str) -> Callable[[EvalContext, object], str]:
    markup = _TAGS[name]

    @pass_eval_context
    def wrap(eval_ctx: EvalContext, value: object) -> str:
        if not eval_ctx.autoescape:
            return str(value)
        return markup % value

    wrap.__doc__ = f"<{name}>value</{name}> in HTML, the bare value in text."
    return wrap


@pass_eval_context
def link(eval_ctx: EvalContext, value: object, url: str) -> str:
    """A link in HTML, "value (url)" in text; a URL Telegram would refuse is left out."""
    safe = url.startswith(_LINK_SCHEMES)
    if not eval_ctx.autoescape:
        return f"{value} ({url})" if safe else str(value)
    if not safe:
        return Markup("%s") % value
    return Markup('<a href="%s">%s</a>') % (url, value)


_PHRASE = re.compile(r"[^,;]+(?:[,;]\s*|$)")
_NOT_WORD = re.compile(r"[\W_]+")


def _plain(text: str) -> str:
    """Lower-case words between single spaces, padded, so `in` matches whole words only."""
    return " " + _NOT_WORD.sub(" ", text.lower()).strip() + " "


def unrepeated(text: str, *shown: str) -> str:
    """`text` without leading or trailing phrases that `shown` already says.

    A quote's context follows its attribution line, so "Liberal lawmakers, in a joint
    statement (in a joint statement, on returning …)" would say the same thing twice.
    Phrases are the comma- or semicolon-separated runs of `text`; only those at either end
    are dropped, so what remains still reads as the curator wrote it.
    """
    said = "".join(_plain(s) for s in shown)
    phrases = _PHRASE.findall(text)
    while phrases and _plain(phrases[0].rstrip(",; ")) in said:
        phrases.pop(0)
    while phrases and _plain(phrases[-1].rstrip(",; ")) in said:
        phrases.pop()
    return "".join(phrases).rstrip().rstrip(",;")


@pass_context
def cite(context: Context, sources: Iterable[str]) -> str:
    """Footnote markers like "[1][2]", numbered by the briefing's `notes` in order of first use."""
    notes: Citations = context["notes"]
    return notes.cite(sources)


def first_upper(text: str) -> str:
    """The first letter in capitals, the rest as written ("fri" would be wrong for "Fri")."""
    return text[:1].upper() + text[1:]


def first_lower(text: str) -> str:
    """The first letter in lower case: a reaction's "Welcomes the visit" after its actor."""
    return text[:1].lower() + text[1:]


FILTERS: dict[str, Callable[..., Any]] = {
    "first_upper": first_upper,
    "first_lower": first_lower,
    "day": day,
    "quoted": quoted,
    "unrepeated": unrepeated,
    "cite": cite,
    "b": _tag("b"),
    "i": _tag("i"),
    "u": _tag("u"),
    "code": _tag("code"),
    "blockquote": _tag("blockquote"),
    "link": link,
}


@cache
def labels() -> dict[str, str]:
    """Button labels and command descriptions from templates/labels.yaml, read once."""
    raw = yaml.safe_load(files("briefs").joinpath("templates/labels.yaml").read_text("utf-8"))
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
    ):
        raise ValueError("briefs/templates/labels.yaml must map names to strings")
    return dict(raw)


def label(name: str, lang: str = DEFAULT) -> str:
    """One label in `lang`; an unknown name is a programming error, and the message lists the
    known ones."""
    try:
        english = labels()[name]
    except KeyError:
        known = ", ".join(sorted(labels()))
        raise KeyError(f"no label {name!r} in templates/labels.yaml; known: {known}") from None
    return str(translations(checked(lang)).pgettext(name, english))


def environment(lang: str = DEFAULT) -> Environment:
    """The environment for `lang`; templates compile once per language and are cached."""
    return _environment(checked(lang))


@cache
def _environment(lang: str) -> Environment:
    env = _Environment(
        loader=_Loader("briefs", "templates"),
        autoescape=select_autoescape(
            enabled_extensions=("html",), default_for_string=True, default=False
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_finalize,
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(FILTERS)
    env.filters.update(filters(lang))
    env.globals["cut"] = CUT
    env.globals["lang"] = lang
    env.globals["label"] = partial(label, lang=lang)
    return env


def template_name(name: str, fmt: str) -> str:
    """The name to load `name` (written without ending) under: `.html` or its `.txt` twin."""
    if fmt not in ("html", "text"):
        raise ValueError(f"unknown format {fmt!r}; use 'html' or 'text'")
    return f"{name}.html" if fmt == "html" else f"{name}.txt"
