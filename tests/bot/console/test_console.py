"""The offline console: typed lines in, the bot's replies out as plain text with numbered
buttons. Driven in-process with injected stdin and stdout (and `python -m bot` itself through
its entry point); one smoke test pipes into the real `python -m bot console` process.

What the console prints is compared with what the bot sent (the offline request records
every call), so a template's wording can change without touching these tests.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot import __main__ as entry
from bot.config import Settings
from bot.console.plaintext import html_to_text
from bot.console.session import Console, run

TOKEN = "123456:AAH-console_secret-token"


async def chat(settings: Settings, lines: str, lang: str = "en") -> tuple[str, Console]:
    """Feed `lines` as piped input; what the console printed, and the console."""
    out = io.StringIO()
    console = Console(settings, out, lang)
    assert await run(settings, io.StringIO(lines), out, console=console) == 0
    return out.getvalue(), console


def shown(console: Console, method: str) -> list[str]:
    """The texts the bot sent with `method`, as the console shows them."""
    return [html_to_text(str(c.params["text"])) for c in console.request.calls_to(method)]


async def test_piped_commands_print_replies_as_text(settings: Settings) -> None:
    """Each reply to piped commands is printed as plain text after the line that asked."""
    out, console = await chat(settings, "/summary\n/timeline\n")
    replies = shown(console, "sendMessage")
    assert len(replies) == 2
    summary_at, timeline_at = out.index("you> /summary"), out.index("you> /timeline")
    assert summary_at < out.index(replies[0].rstrip()) < timeline_at
    assert timeline_at < out.index(replies[1].rstrip())
    assert "[1] " in out
    assert "<b>" not in out
    assert "&amp;" not in out


async def test_hash_presses_a_button(settings: Settings) -> None:
    """`#2` presses button 2 of the last message; the edited message is printed."""
    out, console = await chat(settings, "/quotes\n#2\n")
    (edited,) = shown(console, "editMessageText")
    assert len(console.request.calls_to("answerCallbackQuery")) == 1
    assert out.split("bot (edited)> ", 1)[1].startswith(edited.strip().splitlines()[0])


async def test_inline_mode_and_unknown_button(settings: Settings) -> None:
    """`@chong` lists inline results; `#1` shares the first; a missing number is said so."""
    out, console = await chat(settings, "@chong\n#1\n#99\n")
    (query,) = console.request.calls_to("answerInlineQuery")
    results = list(query.params["results"])
    assert f"[1] {results[0]['title']}" in out
    message = html_to_text(results[0]["input_message_content"]["message_text"])
    assert f"shared> {message.strip().splitlines()[0]}" in out
    assert "(no button 99)" in out


async def test_console_never_prints_the_token(settings: Settings) -> None:
    """With a token configured the console still runs offline and never shows it."""
    with_token = Settings(token=SecretStr(TOKEN), db_path=settings.db_path)
    out, console = await chat(with_token, "/start\n/nosuch\n")
    assert TOKEN not in out
    assert len(shown(console, "sendMessage")) == 2
    assert all(TOKEN not in str(call.params) for call in console.request.calls)


async def test_superscript_digit_is_not_a_button_press(settings: Settings) -> None:
    """`#²` is not a button number (isdigit would take it and int() would crash): it is text."""
    out, console = await chat(settings, "/summary\n#²\n")
    assert "you> #²" in out
    assert len(shown(console, "sendMessage")) == 2  # the summary, and an answer to the text


@pytest.mark.usefixtures("environment")
def test_bad_setting_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed setting ends the console with one line naming it, and exit code 2."""
    monkeypatch.setenv("BRIEFBOT_ADMINS", "abc")
    assert entry.main(["console"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("bot: BRIEFBOT_ADMINS: ")


@pytest.mark.usefixtures("environment")
def test_run_without_token_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m bot` with no token explains in one line what is missing."""
    assert entry.main([]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("bot: TELEGRAM_BOT_TOKEN: ")


def test_piped_console_process_smoke(tmp_path: Path) -> None:
    """`printf ... | python -m bot console` as a user runs it: replies and buttons, exit 0."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BRIEFBOT_"))}
    environ["BRIEFBOT_DB"] = str(tmp_path / "console.sqlite3")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input="/summary\n#2\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environ,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "you> /summary" in result.stdout
    assert "bot> " in result.stdout
    assert "bot (edited)> " in result.stdout
    assert "[1] " in result.stdout
    assert "<b>" not in result.stdout
