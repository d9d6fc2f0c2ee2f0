"""The chat's language through the real Application, offline: the default from the writer's
Telegram language, /language (command and buttons), /settings, /forget, groups, questions
and inline mode. Replies are compared with the templates rendered in the expected language."""

from __future__ import annotations

from typing import Any

import pytest
from markupsafe import escape

from bot.briefings.callbacks import LanguageView, parse_language
from bot.handlers.language import asked_for
from bot.subscriptions.languages import Languages
from briefs.render import Renderer
from tests.bot.subscriptions.test_subscriptions import (
    GROUP_ADMIN,
    MEMBER,
    buttons,
    group_button,
    press,
)
from tests.support.harness import Harness
from tests.support.updates import GROUP_ID, USER_ID, Updates


def renderer(harness: Harness) -> Renderer:
    return harness.app.bot_data.services.renderer


def summary(harness: Harness, lang: str) -> str:
    return renderer(harness).page("summary", 1, lang=lang).text


async def reply_from(harness: Harness, updates: Updates, text: str, **kwargs: Any) -> Any:
    """The one sendMessage a message from `updates`' user causes."""
    calls = await harness.send(updates.message(text, **kwargs))
    (sent,) = [c for c in calls if c.method == "sendMessage"]
    return sent


async def chosen(harness: Harness, chat_id: int = USER_ID) -> str | None:
    """The chat's choice as stored in the database (and as the bot holds it)."""
    runtime = harness.app.bot_data.subscriptions
    stored = Languages.of(runtime.storage)
    await stored.load()
    assert runtime.languages.chosen(chat_id) == stored.chosen(chat_id)
    return stored.chosen(chat_id)


@pytest.mark.parametrize("code", ["fr", "fr-CA", "fr_FR"])
async def test_a_french_client_gets_french_by_default(harness: Harness, code: str) -> None:
    """With no choice stored, a user whose Telegram is in French is answered in French."""
    french = Updates(language_code=code)
    assert summary(harness, "fr") != summary(harness, "en")  # the two tell apart
    assert (await reply_from(harness, french, "/summary")).params["text"] == summary(harness, "fr")


async def test_any_other_client_gets_english(harness: Harness) -> None:
    """A user whose Telegram is in another language (or English) is answered in English."""
    for code in ("en", "de", "pt-BR"):
        updates = Updates(language_code=code)
        reply = await reply_from(harness, updates, "/summary")
        assert reply.params["text"] == summary(harness, "en"), code


async def test_language_offers_a_button_per_language(harness: Harness) -> None:
    """/language alone shows the current language and a button for English and French."""
    reply = await harness.reply("/language")
    assert buttons(reply) == ["lang:en", "lang:fr"]
    assert await chosen(harness) is None


async def test_pressing_francais_stores_it_and_answers_in_french(harness: Harness) -> None:
    """The Français button stores French for the chat; every later reply there is French,
    even to an English client."""
    edited = await press(harness, "lang:fr")
    said = renderer(harness).message(
        "language", current="français", changed=True, asked="", lang="fr"
    )
    assert edited.params["text"] == said
    assert await chosen(harness) == "fr"
    assert (await harness.reply("/summary")).params["text"] == summary(harness, "fr")
    settings = await harness.reply("/settings")
    labels = [b["text"] for row in settings.params["reply_markup"]["inline_keyboard"] for b in row]
    assert renderer(harness).message("sub_button", which="language", lang="fr") in labels


async def test_language_command_takes_a_code_or_a_name(harness: Harness) -> None:
    """`/language fr` and `/language english` choose; a word naming no language changes nothing."""
    await harness.reply("/language fr")
    assert await chosen(harness) == "fr"
    await harness.reply("/language english")
    assert await chosen(harness) == "en"
    reply = await harness.reply("/language klingon")
    assert buttons(reply) == ["lang:en", "lang:fr"]
    assert await chosen(harness) == "en"


@pytest.mark.parametrize(
    ("word", "lang"),
    [("fr", "fr"), ("FR-ca", "fr"), ("français", "fr"), ("Francais", "fr"), ("French", "fr"),
     ("anglais", "en"), ("en", "en"), ("deutsch", None), ("", None)],
)  # fmt: skip
def test_typed_language_names(word: str, lang: str | None) -> None:
    """Codes and names in either language name the language; anything else names none."""
    assert asked_for(word) == lang


async def test_settings_button_picks_a_language_and_comes_back(harness: Harness) -> None:
    """/settings has a language button; its choices come back to /settings, now in French."""
    reply = await harness.reply("/settings")
    assert LanguageView(None, back=True).pack() in buttons(reply)
    choices = await press(harness, "lang:?:s")
    assert buttons(choices) == ["lang:en:s", "lang:fr:s"]
    back = await press(harness, "lang:fr:s")
    assert "sub:zones" in buttons(back)
    assert await chosen(harness) == "fr"


async def test_forget_deletes_the_language(harness: Harness) -> None:
    """/forget deletes the chat's language with the rest; replies follow the client again."""
    await harness.reply("/language fr")
    await harness.reply("/forget")
    await press(harness, "sub:forget:yes")
    assert await chosen(harness) is None
    assert (await harness.reply("/summary")).params["text"] == summary(harness, "en")


async def test_in_a_group_only_administrators_change_it(harness: Harness) -> None:
    """A member's /language fr and button press are refused; an administrator's apply to
    everyone in the group, whatever their own client's language."""
    member = Updates(user_id=MEMBER, language_code="fr")
    refused = await reply_from(harness, member, "/language fr", chat_id=GROUP_ID)
    assert refused.params["text"] == renderer(harness).message("sub_admins_only", lang="fr")
    calls = await harness.send(group_button(harness, "lang:fr", MEMBER))
    (answer,) = [c for c in calls if c.method == "answerCallbackQuery"]
    assert answer.params["show_alert"] is True
    assert await chosen(harness, GROUP_ID) is None
    harness.request.member_status[GROUP_ADMIN] = "administrator"
    admin = Updates(user_id=GROUP_ADMIN)
    await reply_from(harness, admin, "/language fr", chat_id=GROUP_ID)
    assert await chosen(harness, GROUP_ID) == "fr"
    english = Updates(user_id=MEMBER, language_code="en")
    reply = await reply_from(harness, english, "/summary", chat_id=GROUP_ID)
    assert reply.params["text"] == summary(harness, "fr")


async def test_a_group_without_a_choice_answers_each_writer_in_theirs(harness: Harness) -> None:
    """Until a group chooses, each member is answered in their own client's language."""
    french = Updates(user_id=MEMBER, language_code="fr")
    reply = await reply_from(harness, french, "/summary", chat_id=GROUP_ID)
    assert reply.params["text"] == summary(harness, "fr")
    english = Updates(user_id=GROUP_ADMIN, language_code="en")
    reply = await reply_from(harness, english, "/summary", chat_id=GROUP_ID)
    assert reply.params["text"] == summary(harness, "en")


async def test_a_french_question_in_an_english_chat_gets_french(harness: Harness) -> None:
    """The chat speaks English, but a question asked in French is answered in French."""
    question = "Qu'a dit Chong sur le voyage ?"
    reply = await harness.reply(question)
    found = renderer(harness).reply(question, lang="en")
    assert found is not None
    assert found.lang == "fr"
    assert reply.params["text"] == found.text
    english = renderer(harness).reply("what did Chong say about the trip?", lang="en")
    assert english is not None
    assert english.lang == "en"
    assert (await harness.reply("what did Chong say about the trip?")).params[
        "text"
    ] == english.text


async def test_inline_mode_answers_in_the_typists_language(harness: Harness) -> None:
    """Inline results follow the language of the person typing, whatever chat they are in."""
    for code, lang in (("fr-CA", "fr"), ("en", "en")):
        calls = await harness.send(Updates(language_code=code).inline("chong"))
        (answer,) = [c for c in calls if c.method == "answerInlineQuery"]
        texts = [r["input_message_content"]["message_text"] for r in answer.params["results"]]
        hits = renderer(harness).search("chong", limit=20, lang=lang)
        assert texts == [hit.text for hit in hits]


async def test_help_lists_language_in_the_chats_language(harness: Harness) -> None:
    """/help names /language, described in the language the chat is answered in."""
    reply = await reply_from(harness, Updates(language_code="fr"), "/help")
    assert "/language " in reply.params["text"]
    description = renderer(harness).label("cmd_language", lang="fr")
    assert str(escape(description)) in reply.params["text"]


@pytest.mark.parametrize("data", ["lang:de", "lang:fr:x", "lang:", "lang", "lang:?:s:s", "x"])
def test_forged_language_buttons_parse_to_nothing(data: str) -> None:
    """Language button data the bot never sent means nothing."""
    assert parse_language(data) is None


def test_language_buttons_pack_and_parse_back() -> None:
    """Every language button the bot sends parses back to itself."""
    for view in (LanguageView("fr"), LanguageView("en", back=True), LanguageView(None, True)):
        assert parse_language(view.pack()) == view


async def test_a_french_subscriber_gets_the_daily_in_french(harness: Harness) -> None:
    """Subscribing from a French Telegram is enough: the daily comes in French (with French
    buttons), though nobody typed /language; an English subscriber's stays English."""
    for user_id, code in ((USER_ID, "fr-CA"), (USER_ID + 1, "en")):
        await reply_from(
            harness, Updates(user_id=user_id, language_code=code), "/subscribe 8am UTC"
        )
    runtime = harness.app.bot_data.subscriptions
    saved = await runtime.storage.get(USER_ID)
    assert saved is not None
    due = saved.next_due_utc
    assert (await runtime.delivery.run_once(due)).sent == 2
    for chat, lang in ((USER_ID, "fr"), (USER_ID + 1, "en")):
        sent = [
            c.params for c in harness.request.calls_to("sendMessage") if c.params["chat_id"] == chat
        ][1:]  # after the /subscribe reply
        expected = renderer(harness).daily(None, now=due, today=due.date(), lang=lang)
        assert [m["text"] for m in sent] == expected
        button = sent[-1]["reply_markup"]["inline_keyboard"][0][0]["text"]
        assert button == renderer(harness).label("summary", lang=lang)
