"""Property tests: arbitrary text and arguments to every command are answered cleanly.

"Cleanly" means: no handler error (the apology never appears), every reply is valid
Telegram HTML within 4096 characters, and callback answers stay short.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from bot.config import Settings
from briefs.render import telegram_length
from tests.briefs.htmlcheck import assert_telegram_html
from tests.support.harness import Harness, running
from tests.support.updates import GROUP_ID

ODD = st.sampled_from(
    [
        "",
        " ",
        "<b>",
        "</i>&amp;",
        "*_`[x](y)",
        "🇨🇦🇨🇳",
        "\u200b",
        "a" * 5000,
        "@storybrief_bot",
        "\n\n/x",
    ]
)
ARGS = st.one_of(ODD, st.text(max_size=300))


@pytest.fixture
def live(settings: Settings) -> Iterator[tuple[asyncio.AbstractEventLoop, Harness]]:
    """A running application on a private event loop, so hypothesis can drive it synchronously."""
    loop = asyncio.new_event_loop()
    context = running(settings)
    harness = loop.run_until_complete(context.__aenter__())
    try:
        yield loop, harness
    finally:
        loop.run_until_complete(context.__aexit__(None, None, None))
        loop.close()


def commands(harness: Harness) -> list[str]:
    menu = harness.app.bot_data.services.menu
    return [*menu.public, *menu.admin, "nosuchcommand"]


def check_clean(harness: Harness, calls: list) -> None:  # type: ignore[type-arg]
    apology = harness.app.bot_data.services.renderer.message("error")
    for call in calls:
        text = call.params.get("text")
        if call.method in ("sendMessage", "editMessageText"):
            assert text != apology
            assert 0 < telegram_length(text) <= 4096
            assert_telegram_html(text)
        if call.method == "answerCallbackQuery" and text is not None:
            assert len(text) <= 200


def test_any_arguments_to_any_command(live: tuple[asyncio.AbstractEventLoop, Harness]) -> None:
    """Every command, in private and addressed in a group, with arbitrary arguments."""
    loop, harness = live
    names = commands(harness)

    @hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(command=st.sampled_from(names), arg=ARGS, group=st.booleans())
    def run(command: str, arg: str, group: bool) -> None:
        suffix = "@storybrief_bot" if group else ""
        text = f"/{command}{suffix} {arg}".rstrip()
        update = harness.updates.message(text, chat_id=GROUP_ID if group else None)
        check_clean(harness, loop.run_until_complete(harness.send(update)))

    run()


def test_any_plain_text(live: tuple[asyncio.AbstractEventLoop, Harness]) -> None:
    """Arbitrary plain text (questions, markup, emoji, 5,000 characters) is answered cleanly."""
    loop, harness = live

    @hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=ARGS.filter(lambda t: t.strip() != ""))
    def run(text: str) -> None:
        calls = loop.run_until_complete(harness.send(harness.updates.message(text)))
        check_clean(harness, calls)
        if not text.startswith("/"):
            assert [c.method for c in calls] == ["sendMessage"]

    run()


def test_any_callback_data_and_inline_query(
    live: tuple[asyncio.AbstractEventLoop, Harness],
) -> None:
    """Arbitrary button data is always answered; arbitrary inline queries never fail."""
    loop, harness = live
    reply = loop.run_until_complete(harness.reply("/summary"))

    @hyp_settings(max_examples=150, deadline=None)
    @given(data=st.text(max_size=64), query=st.text(max_size=256))
    def run(data: str, query: str) -> None:
        calls = loop.run_until_complete(harness.send(harness.updates.callback(data, reply.result)))
        check_clean(harness, calls)
        assert next(c.method for c in calls) == "answerCallbackQuery"
        calls = loop.run_until_complete(harness.send(harness.updates.inline(query)))
        assert [c.method for c in calls] == ["answerInlineQuery"]

    run()
