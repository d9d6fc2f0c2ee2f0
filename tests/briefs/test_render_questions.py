"""Plain-text questions and inline search, answered from the store's facts only."""

from datetime import UTC, datetime

import pytest

from briefs.formats import quoted
from briefs.render import Renderer, telegram_length
from briefs.render.telegram import LIMIT
from tests.briefs.htmlcheck import assert_telegram_html, visible
from tests.briefs.storefactory import HOSTILE, make_store
from tests.support.store import fixture_store

AFTER = datetime(2026, 12, 1, tzinfo=UTC)  # long after the reports end
BEFORE = datetime(2026, 1, 13, tzinfo=UTC)  # the day after the last report


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(fixture_store())


def test_what_did_chong_say_leads_with_his_words(renderer):
    """A question naming Chong leads with his quote, verbatim, with its source footnote."""
    reply = renderer.reply("what did Chong say?", now=AFTER)
    assert reply is not None
    assert reply.kind == "answer"
    assert reply.facts[0] == "quote:chong-kowtowing"
    assert_telegram_html(reply.text)
    shown = visible(reply.text)
    assert shown.count("nothing short of kowtowing to Beijing’s authoritarianism.") == 1
    assert "[1] The Associated Press, Mon 12 Jan 2026" in shown
    assert "Zhu Feng" not in shown


def test_asking_what_someone_unquoted_said_is_a_refusal(renderer):
    """Xi has no quote in the store: the reply says so and lists facts naming him, no words."""
    reply = renderer.reply("what did Xi say?", now=AFTER)
    assert reply is not None
    assert reply.kind == "unknown"
    assert "event:carney-meets-xi" in reply.facts
    assert "“" not in visible(reply.text)  # no one else's words passed off as his


def test_a_plan_past_its_day_is_never_told_as_done(renderer):
    """Read after the reports end, the Xi meeting is told as due, with no word on how it went."""
    reply = renderer.reply("did Carney meet Xi?", now=AFTER)
    assert reply is not None
    assert reply.facts[0] == "event:carney-meets-xi"
    lead = visible(reply.text).splitlines()[0]
    assert "Fri 16 Jan 2026" in lead
    assert "Mon 12 Jan 2026" in lead
    assert not lead.startswith("Yes")


def test_the_same_plan_before_its_day_is_told_as_coming(renderer):
    """On the day after the last report the meeting is still ahead: told as due, not done."""
    lead = visible(renderer.answer("when does Carney meet Xi?", now=BEFORE) or "").splitlines()[0]
    planned = visible(renderer.answer("when does Carney meet Xi?", now=AFTER) or "")
    assert lead != planned.splitlines()[0]
    assert "Fri 16 Jan 2026" in lead


def test_answers_list_facts_in_one_stable_order_each_once(renderer):
    """The same question twice gives the same facts in the same order, none repeated."""
    first = renderer.reply("tariffs", now=AFTER)
    second = renderer.reply("Tariffs", now=AFTER)
    assert first is not None
    assert second is not None
    assert first.facts == second.facts
    assert len(set(first.facts)) == len(first.facts)


def test_what_the_sources_lack_is_named(renderer):
    """A question about something no fact mentions gets a refusal, with the closest sections."""
    reply = renderer.reply("did Canada drop the tariffs on EVs?", now=AFTER)
    assert reply is not None
    assert reply.kind == "unknown"
    assert "electric vehicles" in visible(reply.text)
    assert "/summary" in visible(reply.text)


@pytest.mark.parametrize(
    ("question", "typed"),
    [("did Canada drop the tariffs on EVs?", "EVs"), ("que pense le Japon ?", "Japon")],
)
def test_a_french_reply_names_what_is_lacking_as_the_reader_typed_it(renderer, question, typed):
    """In French, a missing word is named as typed and cased as typed, never as the English
    an abbreviation stands for ("EVs", not "electric vehicles")."""
    reply = renderer.reply(question, now=AFTER, lang="fr")
    assert reply is not None
    assert reply.kind == "unknown"
    first_line = visible(reply.text).splitlines()[0]
    assert quoted(typed, lang="fr") in first_line
    assert "electric" not in first_line


@pytest.mark.parametrize(("message", "section"), [("summary please", "summary"), ("help", "help")])
def test_section_requests_open_the_section(renderer, message, section):
    """ "summary please" and "help" ask for a section, not a search."""
    reply = renderer.reply(message, now=AFTER)
    assert reply is not None
    assert reply.kind == "section"
    assert reply.section == section


@pytest.mark.parametrize("message", ["thanks!", "hi", "merci"])
def test_small_talk_gets_a_friendly_line(renderer, message):
    """Greetings and thanks get the small-talk message, which points to the commands."""
    reply = renderer.reply(message, now=AFTER)
    assert reply is not None
    assert reply.kind == "small_talk"
    assert "/summary" in reply.text


@pytest.mark.parametrize("question", ["what did they say?", "", "   ", "and the of it"])
def test_nothing_to_look_up_gives_none(renderer, question):
    """Stop words only, or nothing at all, yield None, so the bot points to commands."""
    assert renderer.reply(question) is None


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


def test_search_titles_say_what_the_fact_is(renderer):
    """Inline results are titled by what the fact says, each fact once, with the source."""
    hits = renderer.search("global times", now=AFTER)
    titles = [h.title for h in hits]
    assert titles[0].startswith("Global Times welcomes the visit")
    assert "welcoming" not in " ".join(titles)
    assert len({h.id for h in hits}) == len(hits)
    assert "quote:global-times-tariffs" not in [h.id for h in hits]  # its reaction carries it
    assert_telegram_html(hits[0].text)
    assert "[1] The Associated Press, Mon 12 Jan 2026" in visible(hits[0].text)


def test_search_marks_planned_events(renderer):
    """An inline result for a planned event says it is planned, in its title and its text."""
    hits = {h.id: h for h in renderer.search("Xi meeting", now=AFTER)}
    meeting = hits["event:carney-meets-xi"]
    assert "planned" in meeting.title
    assert "planned" in visible(meeting.text)


def test_empty_search_offers_the_summary_lead_then_the_newest(renderer):
    """An empty inline query offers the summary's first point, then the newest facts."""
    hits = renderer.search("", limit=4, now=AFTER)
    assert hits[0].id == f"point:{renderer.store.summary.points()[0].id}"
    assert len(hits) == 4
    assert len({h.id for h in hits}) == 4


def test_search_titles_are_plain_text():
    """Titles and descriptions are shown raw by Telegram, so they carry no entities."""
    for hit in Renderer(make_store()).search("scripty"):
        assert "&amp;" not in hit.title + hit.description
        assert "&lt;" not in hit.title
