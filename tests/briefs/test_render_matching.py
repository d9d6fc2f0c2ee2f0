"""Reading questions: types, language, stems that leave names whole, typos within reason."""

import pytest

from briefs.render.lexicon import lexicon
from briefs.render.matching import Index
from tests.support.store import fixture_store


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(fixture_store())


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what did Chong say?", "said"),
        ("who is Zhu Feng?", "who"),
        ("when does Carney meet Xi?", "when"),
        ("where is Davos?", "where"),
        ("why China?", "why"),
        ("how long is the trip?", "how_long"),
        ("what happens next?", "next"),
        ("what's the latest?", "latest"),
        ("did Carney meet Xi?", "did"),
        ("what is Canada's position on tariffs?", None),
        ("Pourquoi la Chine ?", "why"),
        ("Quand Carney rencontre-t-il Xi ?", "when"),
    ],
)
def test_question_types(question, kind):
    """Cue words in questions.yaml give each question its type; a bare topic has none."""
    assert lexicon().read(question).kind == kind


def test_french_is_told_from_english_and_glossed():
    """A French question is read as French and its words mapped to the store's English."""
    reading = lexicon().read("Pourquoi Carney va-t-il en Chine ?")
    assert reading.french
    assert reading.words == ("carney", "china")
    assert not lexicon().read("why is Carney going to China?").french


def test_names_and_places_are_never_stemmed(index):
    """Snowball would make "beijing" "beij"; names of people and places stay whole."""
    assert index.norm("beijing") == "beijing"
    assert index.norm("gyeongju") == "gyeongju"
    assert index.norm("tariffs") == "tariff"


@pytest.mark.parametrize(
    ("typed", "meant"), [("chnog", "chong"), ("tarrifs", "tariff"), ("carny", "carney")]
)
def test_typos_find_the_store_word(index, typed, meant):
    """A slip or a swap still finds the word the store holds."""
    assert index.correct(typed) == meant


@pytest.mark.parametrize("typed", ["deal", "evs", "zebra"])
def test_short_or_foreign_words_are_not_forced_onto_store_words(index, typed):
    """A four-letter word one letter from a store word ("deal", "dean") is not a typo of it."""
    assert index.correct(typed) is None


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("summary please", "summary"),
        ("the timeline?", "timeline"),
        ("help", "help"),
        ("what did Chong say?", None),
        ("tariffs", None),
    ],
)
def test_section_requests(message, section):
    """A message made only of a section's name and polite words opens that section."""
    assert lexicon().section(message) == section
