"""Plain-text questions and inline search, answered from the real store's facts only."""

import pytest

from briefs.render import Renderer, telegram_length
from briefs.render.telegram import LIMIT
from briefs.store import load_store
from tests.briefs.htmlcheck import assert_telegram_html, visible
from tests.briefs.storefactory import HOSTILE, make_store


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(load_store())


def test_what_did_chong_say(renderer):
    """A question naming Chong returns his quote, verbatim, with its source footnote."""
    reply = renderer.answer("what did Chong say?")
    assert reply is not None
    assert_telegram_html(reply)
    shown = visible(reply)
    assert "“nothing short of kowtowing to Beijing’s authoritarianism.”" in shown
    assert "— Michael Chong, opposition Conservative foreign affairs critic" in shown
    assert "[1] The Associated Press, Mon 12 Jan 2026" in shown
    assert "Zhu Feng" not in shown


def test_asking_what_someone_unquoted_said_says_so_first(renderer):
    """Xi has no quote in the store: the answer says that before the events naming him."""
    shown = visible(renderer.answer("what did Xi say?") or "")
    note = shown.index("The store holds no quotes from Xi Jinping")
    assert note < shown.index("Carney meets Chinese President Xi Jinping")
    assert "“" not in shown  # no one else's words passed off as his


def test_a_quoted_speaker_gets_no_such_note(renderer):
    """Chong is quoted, so the answer carries no "no quotes" note."""
    assert "no quotes" not in visible(renderer.answer("what did Chong say?") or "")


def test_when_does_carney_meet_xi(renderer):
    """ "When does" puts the 16 Jan meeting first; Gyeongju may follow, unrelated events do not."""
    shown = visible(renderer.answer("when does Carney meet Xi?") or "")
    meeting = shown.index("Fri 16 Jan 2026: Carney meets Chinese President Xi Jinping")
    assert meeting < shown.find("Gyeongju") or "Gyeongju" not in shown
    assert "Davos" not in shown
    assert "Qatar" not in shown


def test_global_times_gives_its_reaction_and_quote(renderer):
    """An outlet's name returns its reaction and its quote, not facts merely sharing a word."""
    shown = visible(renderer.answer("Global Times") or "")
    assert "Global Times, state-run newspaper: welcoming" in shown
    assert "“unreasonable tariff restrictions”" in shown
    assert "Mark Carney" not in shown


def test_tariffs_topic(renderer):
    """A topic word finds the facts about it, each with a source."""
    shown = visible(renderer.answer("tariffs") or "")
    assert "“unreasonable tariff restrictions”" in shown
    assert "Canadian officials" in shown
    assert "[1] The Associated Press" in shown


@pytest.mark.parametrize(
    "question", ["qwzx plorb", "what did they say?", "", "   ", "<b>&amp;</b>"]
)
def test_nothing_matches_gives_none(renderer, question):
    """Gibberish, stop words only, or markup yield None, so the bot points to commands."""
    assert renderer.answer(question) is None


def test_answer_fits_one_message_even_for_huge_stores():
    """An answer drops whole facts until it fits Telegram's limit."""
    reply = Renderer(make_store(long=True)).answer("tariffs")
    assert reply is not None
    assert telegram_length(reply) <= LIMIT
    assert_telegram_html(reply)


def test_answer_escapes_hostile_facts():
    """Facts full of markup come out escaped in an answer."""
    reply = Renderer(make_store()).answer("scripty") or ""
    assert "<script>" not in reply
    assert HOSTILE in visible(reply)


def test_search_chong_offers_quote_and_reaction_with_source(renderer):
    """Inline search returns hits whose message body carries the source footnote."""
    hits = renderer.search("chong")
    assert [h.id for h in hits][:2] == ["quote:chong-kowtowing", "reaction:chong-criticism"]
    first = hits[0]
    assert first.title.startswith("Michael Chong: “nothing short of kowtowing")
    assert "The Associated Press" in first.description
    assert_telegram_html(first.text)
    assert "[1] The Associated Press, Mon 12 Jan 2026" in visible(first.text)
    assert all(len(h.id.encode()) <= 64 for h in hits)


def test_empty_search_offers_top_quotes(renderer):
    """An empty inline query lists the store's quotes in curated order, up to the limit."""
    hits = renderer.search("", limit=3)
    assert [h.id for h in hits] == [f"quote:{q.id}" for q in renderer.store.quotes[:3]]


def test_search_titles_are_plain_text():
    """Titles and descriptions are shown raw by Telegram, so they carry no entities."""
    for hit in Renderer(make_store()).search("scripty"):
        assert "&amp;" not in hit.title + hit.description
        assert "&lt;" not in hit.title
