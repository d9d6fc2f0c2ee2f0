"""Converters from YAML nodes to typed values; each says what to write when a value is wrong."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefs.model import DatedValue, Precision, Status, Translation, Update
from briefs.store.yamlnodes import BOOL, INT, NULL, STR, TIMESTAMP, kind_name, scalar_value

Converter = Callable[[Node], object]

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SOURCE = re.compile(r"[0-9a-f]{8}")
# The story is modern news: a year outside this range is a typo (0022 for 2022, 2206 for 2026).
YEARS = range(1900, 2101)


class Invalid(Exception):
    """A value that cannot be used; the message says what is wrong and what to write."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as written: a year, a year and month, or a full day."""

    written: str
    value: date
    precision: Precision


def _scalar(node: Node, expected: str, tags: tuple[str, ...]) -> str:
    if not isinstance(node, ScalarNode) or node.tag not in tags:
        hint = "; put it in quotes" if isinstance(node, ScalarNode) and STR in tags else ""
        raise Invalid(f"should be {expected}, got {kind_name(node)}{hint}")
    return str(node.value)


def plain(node: Node) -> str:
    """Text that may be empty ("" for no context)."""
    if isinstance(node, ScalarNode) and node.tag == NULL:
        raise Invalid('should be text, got nothing (null); write "" for none')
    return _scalar(node, "text", (STR,))


def text(node: Node) -> str:
    """Text that must say something."""
    value = plain(node)
    if not value.strip():
        raise Invalid("is empty; write the text")
    return value


def ident(node: Node) -> str:
    value = _scalar(node, "an id", (STR, INT))
    if not _ID.fullmatch(value):
        raise Invalid(f"'{value}' is not an id; use lowercase letters, digits and hyphens")
    return value


def integer(node: Node) -> int:
    _scalar(node, "a whole number", (INT,))
    return int(str(scalar_value(node)))


def boolean(node: Node) -> bool:
    _scalar(node, "true or false", (BOOL,))
    return scalar_value(node) is True


def _items(node: Node, what: str) -> list[Node]:
    if not isinstance(node, SequenceNode):
        raise Invalid(f"should be a list of {what}, got {kind_name(node)}; write [a, b]")
    return list(node.value)


def _convert_items(node: Node, what: str, convert: Converter) -> tuple[object, ...]:
    values = []
    for position, item in enumerate(_items(node, what), start=1):
        try:
            values.append(convert(item))
        except Invalid as exc:
            raise Invalid(f"item {position} {exc}") from None
    return tuple(values)


def ids(node: Node) -> tuple[str, ...]:
    return tuple(str(v) for v in _convert_items(node, "ids", ident))


def sources(node: Node) -> tuple[str, ...]:
    """Article ids; a fact must cite at least one."""
    values = ids(node)
    if not values:
        raise Invalid("is empty: every fact cites at least one article; list its article ids")
    return values


def texts(node: Node) -> tuple[str, ...]:
    return tuple(str(v) for v in _convert_items(node, "texts", text))


def lines(node: Node) -> tuple[int, ...]:
    return tuple(int(str(v)) for v in _convert_items(node, "line numbers", integer))


def choice(enum: type[StrEnum]) -> Converter:
    allowed = [member.value for member in enum]
    spelled = ", ".join(allowed[:-1]) + f" or {allowed[-1]}"

    def convert(node: Node) -> StrEnum:
        value = _scalar(node, f"one of {spelled}", (STR,))
        if value not in allowed:
            raise Invalid(f"'{value}' is not allowed; use {spelled}")
        return enum(value)

    return convert


class Kind(StrEnum):
    """What a Person entry is."""

    PERSON = "person"
    ORGANISATION = "organisation"
    GROUP = "group"


precision = choice(Precision)
status = choice(Status)


def partial_date(node: Node) -> PartialDate:
    """YYYY, YYYY-MM or YYYY-MM-DD; the written form says how precise it is."""
    written = _scalar(node, "a date (YYYY-MM-DD, YYYY-MM or YYYY)", (STR, INT, TIMESTAMP))
    match = _DATE.fullmatch(written)
    if not match:
        raise Invalid(f"'{written}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = match.groups()
    if int(year) not in YEARS:
        raise Invalid(f"{written} is outside the years {YEARS[0]}-{YEARS[-1]}; write the full year")
    try:
        value = date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise Invalid(f"{written} is not a real date ({exc}); fix it") from None
    level = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
    return PartialDate(written, value, level)


def dated(written: PartialDate, level: Precision) -> DatedValue:
    """Join a written date and its precision; they must agree so nothing is guessed."""
    if written.precision != level:
        example = {
            Precision.DAY: "YYYY-MM-DD",
            Precision.MONTH: "YYYY-MM",
            Precision.YEAR: "YYYY",
        }[level]
        raise Invalid(
            f"date {written.written} is written to the {written.precision.value} but precision "
            f"is {level.value}; write the date as {example} or set precision: "
            f"{written.precision.value}"
        )
    return DatedValue(written.value, level)


def url(node: Node) -> str:
    """An absolute http(s) address: readers are sent there, so nothing else is allowed."""
    value = text(node)
    if any(char.isspace() for char in value):
        raise Invalid(f"'{value}' has a space in it; write the address as the browser shows it")
    try:
        parts = urlsplit(value)
    except ValueError:  # an unclosed [ in the host, for one
        parts = urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Invalid(
            f"'{value}' is not an absolute http(s) address; "
            "write it like https://outlet.example/path"
        )
    return value


def sha256(node: Node) -> str:
    """64 lowercase hex digits, as `sha256sum` prints them."""
    value = _scalar(node, "64 hex digits", (STR,))
    if not _SHA256.fullmatch(value):
        raise Invalid(f"'{value}' is not a sha256; write the 64 lowercase hex digits")
    return value


def file_name(node: Node) -> str:
    """A bare .txt file name, as the source collection names it."""
    value = text(node)
    if "/" in value or "\\" in value or not value.endswith(".txt") or value.startswith("."):
        raise Invalid(f"'{value}' is not a file name; write the original name, like 002_ab12.txt")
    return value


def timestamp(node: Node) -> datetime:
    """An ISO timestamp with its zone, kept in UTC."""
    written = _scalar(node, "a timestamp like 2026-01-11T12:00:00Z", (STR, TIMESTAMP))
    try:
        value = datetime.fromisoformat(written)
    except ValueError:
        raise Invalid(
            f"'{written}' is not a timestamp; write it like 2026-01-11T12:00:00Z"
        ) from None
    if value.tzinfo is None:
        raise Invalid(f"{written} has no time zone; write it in UTC like 2026-01-11T12:00:00Z")
    return value.astimezone(UTC)


def said(node: Node) -> DatedValue | None:
    """null, or {date, precision}: when a quote was said, only where the article says."""
    if isinstance(node, ScalarNode) and node.tag == NULL:
        return None
    if not isinstance(node, MappingNode):
        raise Invalid(f"should be null or {{date: ..., precision: ...}}, got {kind_name(node)}")
    found: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key not in ("date", "precision"):
            raise Invalid(f"has unknown key '{key}'; use only date and precision")
        found[key] = value_node
    missing = [key for key in ("date", "precision") if key not in found]
    if missing:
        raise Invalid(f"has no {missing[0]}; write {{date: YYYY-MM-DD, precision: day}}")
    level = precision(found["precision"])
    assert isinstance(level, Precision)
    return dated(partial_date(found["date"]), level)


_UPDATE_KEYS = ("at", "article", "was", "note")


def updated(node: Node) -> Update:
    """{at, article[, was, note]}: which later article changed a fact, and when it entered."""
    if not isinstance(node, MappingNode):
        raise Invalid(f"should be {{at: ..., article: ...}}, got {kind_name(node)}")
    found: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key not in _UPDATE_KEYS:
            raise Invalid(f"has unknown key '{key}'; use only {', '.join(_UPDATE_KEYS)}")
        found[key] = value_node
    for key in ("at", "article"):
        if key not in found:
            raise Invalid(f"has no {key}; write {{at: 2026-01-17T09:00:00Z, article: <id>}}")
    was = status(found["was"]) if "was" in found else None
    return Update(
        at=timestamp(found["at"]),
        article=ident(found["article"]),
        was=Status(str(was)) if was is not None else None,
        note=plain(found["note"]) if "note" in found else "",
    )


def french(keys: tuple[str, ...]) -> Converter:
    """`fr: {<field>: "...", from: <8 hex>}`: a record's French, for the fields in keys.

    `from` may be left out here: briefs/store/translations.py says what to write, since it
    alone knows the English the hash is taken over.
    """
    spelled = ", ".join(keys)

    def convert(node: Node) -> Translation:
        if not isinstance(node, MappingNode):
            raise Invalid(f'should be {{{keys[0]}: "...", from: ...}}, got {kind_name(node)}')
        found: list[tuple[str, str]] = []
        source = ""
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key == "from":
                source = _scalar(value_node, "8 hex digits", (STR, INT))
                if not _SOURCE.fullmatch(source):
                    raise Invalid(f"from '{source}' is not 8 lowercase hex digits")
            elif key in keys:
                try:
                    found.append((key, text(value_node)))
                except Invalid as exc:
                    raise Invalid(f"{key} {exc}") from None
            else:
                raise Invalid(f"has unknown key '{key}'; use {spelled} and from")
        return Translation(tuple(found), source)

    return convert
