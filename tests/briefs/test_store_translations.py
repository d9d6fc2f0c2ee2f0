"""French beside the English in the store: loaded into the model, refused when missing,
flagged when stale, listed by `briefs translations`, left alone by `briefs check --fix`."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from briefs.cli import main
from briefs.model import Store, localized
from briefs.store import check_store, load_store
from tests.support.store import FIXTURE_STORE, copy_store

REPO = Path(__file__).resolve().parents[2]
MEETING = "Carney meets Chinese President Xi Jinping."
MEETING_FR = "Rencontre de M. Carney avec le président chinois Xi Jinping."


def _from(*english: str) -> str:
    return hashlib.sha256("\n".join(english).encode("utf-8")).hexdigest()[:8]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture changed: {old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fields(store: Store) -> list[tuple[object, str]]:
    """Every curated prose field that says something, as (object, field)."""
    found: list[tuple[object, str]] = [(store, "story")]
    found += [(side, "label") for side in store.sides]
    found += [(p, f) for p in store.people for f in ("role", "affiliation") if getattr(p, f)]
    found += [(q, "context") for q in store.quotes if q.context]
    found += [(e, f) for e in store.events for f in ("text", "place") if getattr(e, f)]
    found += [(r, "text") for r in store.reactions]
    found += [(p, "text") for p in store.summary.points()]
    return found


def test_every_prose_field_has_current_french() -> None:
    """In the fixture store every non-empty prose field has French made from its current
    English, so a French briefing never falls back to English (`briefs check`, run by
    `make test`, holds the live store to the same rule)."""
    checked = check_store(FIXTURE_STORE)
    assert checked.owed == ()
    assert checked.store is not None
    for obj, field in _fields(checked.store):
        french = getattr(obj, "fr", None)
        assert french is not None, (obj, field)
        assert french.get(field), (obj, field)


def test_localized_gives_the_english_for_en_and_the_french_for_fr() -> None:
    """`localized(..., "en")` is the English field, "fr" the maintainers' French; a quote's
    words stay as printed in either language."""
    store = load_store(FIXTURE_STORE)
    meeting = next(e for e in store.events if e.id == "carney-meets-xi")
    assert localized(meeting, "text", "en") == MEETING
    assert localized(meeting, "text", "fr") == MEETING_FR
    assert localized(store.side("united-states"), "label", "fr") == "États-Unis"
    assert localized(store, "story", "en") == store.story
    assert localized(store, "story", "fr").startswith("Visite du premier ministre Mark Carney")
    quote = store.quote("chong-kowtowing")
    assert localized(quote, "text", "fr") == quote.text
    assert quote.translation("fr") is None


def test_a_missing_translation_is_refused_with_the_from_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record without French fails check at its line, naming the record, the field and
    the `from` to write (the hash of its English)."""
    root = copy_store(tmp_path)
    events = root / "facts" / "events.yaml"
    french = (
        f"      text: {MEETING_FR}\n      place: Chine\n      from: {_from(MEETING, 'China')}\n"
    )
    _edit(events, f"    fr:\n{french}", "")
    assert main(["check", "--root", str(root)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 1
    line = events.read_text(encoding="utf-8").split("\n").index("  - id: carney-meets-xi") + 1
    assert errors[0].startswith(f"seeds/facts/events.yaml:{line}: event 'carney-meets-xi': ")
    assert "text, place" in errors[0]
    assert f"from: {_from(MEETING, 'China')}" in errors[0]
    load_store(root)  # the store still loads: the bot shows the English until it is written


def test_a_stale_translation_is_a_warning_with_the_new_english_and_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """French made from English that has changed since passes check with a warning that
    quotes the English as it now is and the `from` to write once the French is revised."""
    root = copy_store(tmp_path)
    changed = "Carney meets Chinese President Xi Jinping in Beijing."
    _edit(root / "facts" / "events.yaml", f"text: {MEETING}", f"text: {changed}")
    assert main(["check", "--root", str(root)]) == 0
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 1
    assert ": warning: event 'carney-meets-xi': " in warnings[0]
    assert changed in warnings[0]
    assert f"from: {_from(MEETING, 'China')}" in warnings[0]  # what was written
    assert f"from: {_from(changed, 'China')}" in warnings[0]  # what to write


def test_fix_leaves_translations_as_written(tmp_path: Path) -> None:
    """`briefs check --fix` never writes French or a `from`, even where it is stale."""
    root = copy_store(tmp_path)
    events = root / "facts" / "events.yaml"
    _edit(events, f"text: {MEETING}", "text: Carney meets Xi.")
    before = [ln for ln in events.read_text(encoding="utf-8").splitlines() if "fr" in ln]
    assert main(["check", "--fix", "--root", str(root)]) == 0
    after = [ln for ln in events.read_text(encoding="utf-8").splitlines() if "fr" in ln]
    assert after == before


def test_a_quote_translation_loads_beside_the_verbatim_words(tmp_path: Path) -> None:
    """A maintainer's `translation` of a quote loads as Quote.translation("fr"), hashed with
    the words it translates; the quote's text stays as printed."""
    root = copy_store(tmp_path)
    quote = load_store(root).quote("chong-kowtowing")
    french = "rien de moins qu'une courbette devant l'autoritarisme de Pékin."
    _edit(
        root / "facts" / "quotes.yaml",
        f"      from: {_from(quote.context)}",
        f"      translation: {french}\n      from: {_from(quote.text, quote.context)}",
    )
    checked = check_store(root)
    assert (checked.problems, checked.owed) == ((), ())
    assert checked.store is not None
    loaded = checked.store.quote("chong-kowtowing")
    assert loaded.translation("fr") == french
    assert loaded.translation("en") is None
    assert localized(loaded, "text", "fr") == quote.text


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (f"{MEETING_FR}\n      place: Chine\n", f"{MEETING_FR}\n      lieu: Chine\n", "'lieu'"),
        (f"      text: {MEETING_FR}\n", "      text: ''\n", "is empty"),
        (f"      from: {_from(MEETING, 'China')}\n", "      from: xyz\n", "8 lowercase hex"),
        (f"      from: {_from(MEETING, 'China')}\n", "", f"add from: {_from(MEETING, 'China')}"),
    ],
    ids=["unknown-key", "empty", "bad-from", "no-from"],
)
def test_a_malformed_translation_is_refused(tmp_path: Path, old: str, new: str, says: str) -> None:
    """An unknown key, empty French or a `from` that is not 8 hex digits is an error that
    says what to write."""
    root = copy_store(tmp_path)
    _edit(root / "facts" / "events.yaml", old, new)
    checked = check_store(root)
    assert len(checked.problems) == 1
    assert "carney-meets-xi" in checked.problems[0].message
    assert says in checked.problems[0].message


def test_translations_lists_missing_and_stale_with_english_and_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`briefs translations` prints each owed record with its English and the `from` to
    write; a store owing nothing says so."""
    root = copy_store(tmp_path)
    assert main(["translations", "--root", str(root)]) == 0
    assert "carney-meets-xi" not in capsys.readouterr().out
    side_fr = "    fr:\n      label: Analystes\n"
    _edit(root / "facts" / "story.yaml", side_fr, "    fr:\n")
    _edit(root / "facts" / "story.yaml", f"      from: {_from('Analysts')}\n", "")
    _edit(root / "facts" / "story.yaml", "label: Analysts\n    fr:\n", "label: Analysts\n")
    _edit(root / "facts" / "events.yaml", f"text: {MEETING}", "text: Carney meets Xi.")
    assert main(["translations", "--root", str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    side = next(n for n, line in enumerate(out) if "side 'analysts'" in line)
    assert out[side + 1 : side + 3] == ["    label: Analysts", f"    from: {_from('Analysts')}"]
    event = next(n for n, line in enumerate(out) if "event 'carney-meets-xi'" in line)
    assert out[event + 1 : event + 4] == [
        "    text: Carney meets Xi.",
        "    place: China",
        f"    from: {_from('Carney meets Xi.', 'China')}",
    ]
