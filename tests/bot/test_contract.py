"""Every command is documented: in the README, in /help, and in the bot's command menu."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from telegram.ext import CommandHandler

from bot.console.offline import OfflineCall
from bot.services import Services
from briefs.i18n import DEFAULT, LANGUAGES
from tests.bot.conftest import ADMIN_ID
from tests.support.harness import Harness

README = Path(__file__).resolve().parents[2] / "README.md"


def registered_commands(harness: Harness) -> set[str]:
    return {
        command
        for handlers in harness.app.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }


def readme_section(title: str) -> str:
    text = README.read_text("utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


async def test_every_registered_command_is_in_the_menu(harness: Harness) -> None:
    """Each command a handler answers is listed in the menu (public or admin), and vice versa."""
    menu = harness.app.bot_data.services.menu
    assert isinstance(harness.app.bot_data.services, Services)
    assert registered_commands(harness) == set(menu.public) | set(menu.admin)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_menu_is_set_at_start_up(harness: Harness, lang: str) -> None:
    """post_init sets the public menu, the admins' menu, the description and short description,
    in each language (the default one for every client, the others for their language_code)."""
    menu, renderer = harness.app.bot_data.services.menu, harness.app.bot_data.services.renderer
    code = None if lang == DEFAULT else lang

    def in_lang(method: str) -> list[OfflineCall]:
        return [
            c for c in harness.request.calls_to(method) if c.params.get("language_code") == code
        ]

    calls = in_lang("setMyCommands")
    public = next(c for c in calls if "scope" not in c.params)
    admin = next(c for c in calls if c.params.get("scope", {}).get("chat_id") == ADMIN_ID)
    assert [c["command"] for c in public.params["commands"]] == list(menu.public)
    assert [c["command"] for c in admin.params["commands"]] == [*menu.public, *menu.admin]
    assert all(3 <= len(c["description"]) <= 256 for c in admin.params["commands"])
    described = {c["command"]: c["description"] for c in public.params["commands"]}
    assert described["language"] == renderer.label("cmd_language", lang=lang)
    (description,) = in_lang("setMyDescription")
    (short,) = in_lang("setMyShortDescription")
    assert description.params["description"] == renderer.label("bot_description", lang=lang)
    assert len(description.params["description"]) <= 512
    assert len(short.params["short_description"]) <= 120


async def test_every_command_is_in_readme_and_help(harness: Harness) -> None:
    """The README's "Using the bot" section and an admin's /help name every command."""
    usage = readme_section("Using the bot")
    help_text = (await harness.reply("/help", user_id=ADMIN_ID)).params["text"]
    for command in registered_commands(harness):
        assert re.search(rf"`/{command}\b", usage), f"/{command} missing from README"
        assert f"/{command} " in help_text, f"/{command} missing from /help"


def test_every_setting_is_in_readme() -> None:
    """The README's "Configuration" section documents every variable the bot reads."""
    from bot.config import VARIABLES

    configuration = readme_section("Configuration")
    for name in VARIABLES:
        assert f"`{name}`" in configuration
