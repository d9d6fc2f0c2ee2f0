"""Handler tests: real Updates through the real Application, answered by an offline request."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.console.offline import BOT_USERNAME, OfflineCall
from briefs.render import SECTIONS, telegram_length
from tests.support.harness import Harness
from tests.support.updates import GROUP_ID


def buttons(call: OfflineCall) -> list[dict[str, Any]]:
    rows = (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button for row in rows for button in row]


def data_of(call: OfflineCall) -> list[str]:
    return [b["callback_data"] for b in buttons(call)]


async def test_start_welcomes_with_a_button_per_section(harness: Harness) -> None:
    """/start says what the bot does and offers every section as a button."""
    reply = await harness.reply("/start")
    assert reply.params["text"] == harness.message("welcome")
    assert data_of(reply) == [f"sec:{name}:1" for name in SECTIONS]


@pytest.mark.parametrize("section", SECTIONS)
async def test_deep_link_opens_the_section(harness: Harness, section: str) -> None:
    """/start <section> (a t.me deep link) opens that section instead of the welcome."""
    via_link = await harness.reply(f"/start {section}")
    direct = await harness.reply(f"/{section}")
    assert via_link.params["text"] == direct.params["text"]


async def test_deep_link_with_a_filter(harness: Harness) -> None:
    """/start quotes_chong opens Chong's quotes."""
    reply = await harness.reply("/start quotes_chong")
    assert "Chong" in reply.params["text"]
    assert reply.params["text"] == (await harness.reply("/quotes chong")).params["text"]


async def test_unknown_deep_link_falls_back_to_the_welcome(harness: Harness) -> None:
    """A payload that names no section gets the ordinary welcome."""
    odd = await harness.reply("/start nonsense_here")
    plain = await harness.reply("/start")
    assert odd.params["text"] == plain.params["text"]


@pytest.mark.parametrize("section", SECTIONS)
async def test_every_briefing_command_replies_in_html_with_a_keyboard(
    harness: Harness, section: str
) -> None:
    """Each briefing command answers one HTML message within limits, with section buttons."""
    reply = await harness.reply(f"/{section}")
    assert reply.params["parse_mode"] == "HTML"
    assert 0 < telegram_length(reply.params["text"]) <= 4096
    jumps = {d.split(":")[1] for d in data_of(reply) if d.startswith("sec:") and d.endswith(":1")}
    assert jumps == set(SECTIONS) - {section}


async def test_long_list_pages_with_next_and_counter(harness: Harness) -> None:
    """The quotes list is paged: first page has a counter and Next, no Prev."""
    reply = await harness.reply("/quotes")
    data = data_of(reply)
    assert data[:2] == ["nop", "sec:quotes:2"]


async def test_quotes_by_name_filters(harness: Harness) -> None:
    """/quotes chong shows only Michael Chong's quotes."""
    text = (await harness.reply("/quotes chong")).params["text"]
    assert "Chong" in text
    assert "Donald Trump" not in text


async def test_quotes_by_unknown_name_says_so(harness: Harness) -> None:
    """/quotes <someone absent> explains who does have quotes instead of an empty page."""
    text = (await harness.reply("/quotes nobodyatall")).params["text"]
    assert "nobodyatall" in text
    assert "Chong" in text


async def test_reactions_by_side_filters(harness: Harness) -> None:
    """/reactions china shows Chinese reactions only."""
    china = (await harness.reply("/reactions china")).params["text"]
    everyone = (await harness.reply("/reactions")).params["text"]
    assert china != everyone
    assert "Global Times" in china or "China" in china


async def test_help_lists_commands_and_hides_admin_ones(harness: Harness) -> None:
    """/help lists public commands; the admin section only shows for admins."""
    from tests.bot.conftest import ADMIN_ID

    public = (await harness.reply("/help")).params["text"]
    admin = (await harness.reply("/help", user_id=ADMIN_ID)).params["text"]
    assert "/summary" in public
    assert "/reload" not in public
    assert "/reload" in admin


async def test_group_command_addressed_to_us_is_answered(harness: Harness) -> None:
    """In a group, /summary@ThisBot is answered, in that group."""
    reply = await harness.reply(f"/summary@{BOT_USERNAME}", chat_id=GROUP_ID)
    assert reply.params["chat_id"] == GROUP_ID


async def test_group_command_for_another_bot_is_ignored(harness: Harness) -> None:
    """In a group, /summary@OtherBot and /nonsense@OtherBot get no answer at all."""
    assert await harness.say("/summary@OtherBot", chat_id=GROUP_ID) == []
    assert await harness.say("/nonsense@OtherBot", chat_id=GROUP_ID) == []


def in_group(harness: Harness, text: str) -> dict[str, Any]:
    """A group message with `mention` entities where Telegram puts them."""
    update = harness.updates.message(text, chat_id=GROUP_ID)
    update["message"]["entities"] = [
        {"type": "mention", "offset": m.start(), "length": len(m.group())}
        for m in re.finditer(r"(?<![\w@.])@\w{5,32}\b(?![.@])", text)
    ]
    return update


async def test_group_chatter_is_ignored_but_mentions_are_answered(harness: Harness) -> None:
    """Plain group messages are left alone; a message mentioning the bot is answered."""
    assert await harness.say("what did Chong say?", chat_id=GROUP_ID) == []
    calls = await harness.send(in_group(harness, f"@{BOT_USERNAME} what did Chong say?"))
    assert "kowtowing" in calls[-1].params["text"]


@pytest.mark.parametrize("text", [f"@{BOT_USERNAME}x tariffs", f"a@{BOT_USERNAME}.com tariffs"])
async def test_near_miss_mentions_are_not_for_us(harness: Harness, text: str) -> None:
    """Only a mention entity naming exactly @ourname counts, not a longer name or an address."""
    assert await harness.send(in_group(harness, text)) == []


async def test_mention_matches_case_and_only_it_is_cut(harness: Harness) -> None:
    """@OurName in any case is ours; only that mention is cut from the question."""
    calls = await harness.send(in_group(harness, f"what did @{BOT_USERNAME.upper()} Chong say?"))
    assert calls[-1].params["text"] == (await harness.reply("what did Chong say?")).params["text"]


async def test_bare_mention_gets_the_welcome(harness: Harness) -> None:
    """A bare @mention in a group gets the welcome with its buttons, not "found nothing"."""
    calls = await harness.send(in_group(harness, f"@{BOT_USERNAME}"))
    assert calls[-1].params["text"] == (await harness.reply("/start")).params["text"]


async def test_unknown_command_points_to_help(harness: Harness) -> None:
    """An unknown command in private gets a pointer to /help, naming what was typed."""
    text = (await harness.reply("/frobnicate now")).params["text"]
    assert "/frobnicate" in text
    assert "/help" in text


async def test_bare_unknown_command_in_group_is_ignored(harness: Harness) -> None:
    """In a group a bare /unknown may be for another bot, so it is not answered."""
    assert await harness.say("/frobnicate", chat_id=GROUP_ID) == []
    assert await harness.say(f"/frobnicate@{BOT_USERNAME}", chat_id=GROUP_ID) != []


async def test_question_is_answered_from_the_store_with_sources(harness: Harness) -> None:
    """A plain question gets the matching quote and its source."""
    text = (await harness.reply("what did Chong say?")).params["text"]
    assert "kowtowing" in text
    assert "apnews.com" in text


async def test_question_without_match_points_to_commands(harness: Harness) -> None:
    """A question nothing matches gets a short reply pointing to the commands."""
    text = (await harness.reply("zebra migration patterns")).params["text"]
    assert "/help" in text
    assert "zebra" in text


async def test_section_request_in_plain_words_opens_the_section(harness: Harness) -> None:
    """ "summary please" gets the same page and keyboard as /summary."""
    asked = await harness.reply("summary please")
    command = await harness.reply("/summary")
    assert asked.params["text"] == command.params["text"]
    assert asked.params["reply_markup"] == command.params["reply_markup"]


async def test_help_in_plain_words_gets_the_help(harness: Harness) -> None:
    """ "help" gets the same reply as /help."""
    assert (await harness.reply("help")).params["text"] == (await harness.reply("/help")).params[
        "text"
    ]


async def test_inline_query_offers_results_with_sources(harness: Harness) -> None:
    """An inline query answers shareable HTML articles that carry their source."""
    calls = await harness.send(harness.updates.inline("chong"))
    (answer,) = [c for c in calls if c.method == "answerInlineQuery"]
    results = answer.params["results"]
    assert results
    for result in results:
        content = result["input_message_content"]
        assert content["parse_mode"] == "HTML"
        assert "<a href=" in content["message_text"]


async def test_timeline_number_opens_that_page(harness: Harness) -> None:
    """/timeline 2 opens what the page-2 button opens, and a number past the end the last page
    (the live timeline fits one reading page, so that is page 1)."""
    reply = await harness.reply("/timeline")
    for n in (2, 99):
        pressed = await harness.send(harness.updates.callback(f"sec:timeline:{n}", reply.result))
        typed = await harness.reply(f"/timeline {n}")
        assert typed.params["text"] == pressed[-1].params["text"]


@pytest.mark.parametrize(
    "text", ["/summary extra args", "/sources x", "/timeline soon", "/timeline 0", "/timeline -1"]
)
async def test_words_a_command_does_not_take_get_a_hint(harness: Harness, text: str) -> None:
    """Words a briefing command does not take get a one-line hint with the section's button."""
    command, _, words = text.partition(" ")
    reply = await harness.reply(text)
    assert command in reply.params["text"]
    assert words in reply.params["text"]
    assert data_of(reply) == [f"sec:{command[1:]}:1"]


@pytest.mark.parametrize("name", ["Chong's", "chong’s", "Chong’"])
async def test_possessive_name_filters_like_the_name(harness: Harness, name: str) -> None:
    """/quotes Chong's shows the same as /quotes chong."""
    typed = await harness.reply(f"/quotes {name}")
    assert typed.params["text"] == (await harness.reply("/quotes chong")).params["text"]
