"""The offline console, as a user runs it: `printf ... | python -m bot console`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TOKEN = "123456:AAH-console_secret-token"


def console(tmp_path: Path, lines: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BRIEFBOT_"))}
    environ |= {"BRIEFBOT_DB": str(tmp_path / "console.sqlite3"), **env}
    return subprocess.run(
        [sys.executable, "-m", "bot", "console", *args],
        input=lines,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environ,
        timeout=60,
        check=False,
    )


def test_piped_commands_print_replies_and_exit_zero(tmp_path: Path) -> None:
    """Piped commands are answered as readable text with numbered buttons; EOF exits 0."""
    result = console(tmp_path, "/summary\n/timeline\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "you> /summary" in out
    assert "you> /timeline" in out
    assert "What is happening" in out
    assert "What has happened" in out
    assert "[1] " in out
    assert "<b>" not in out
    assert "&amp;" not in out


def test_hash_presses_a_button(tmp_path: Path) -> None:
    """`#2` presses button 2 of the last message; the edited message is printed."""
    out = console(tmp_path, "/quotes\n#2\n").stdout
    edited = out.split("bot (edited)> ", 1)
    assert len(edited) == 2
    assert edited[1].startswith("💬 Quotes · 2/")


def test_inline_mode_and_unknown_button(tmp_path: Path) -> None:
    """`@chong` shows inline results; a button number that does not exist is said so."""
    out = console(tmp_path, "@chong\n#1\n#99\n").stdout
    assert "[1] Michael Chong" in out
    assert "shared> " in out
    assert "kowtowing" in out
    assert "(no button 99)" in out


def test_console_never_prints_the_token(tmp_path: Path) -> None:
    """With a token configured the console still runs offline and never shows it."""
    result = console(tmp_path, "/start\n/nosuch\n", TELEGRAM_BOT_TOKEN=TOKEN)
    assert result.returncode == 0, result.stderr
    assert TOKEN not in result.stdout + result.stderr
    assert "Hello" in result.stdout


def test_bad_setting_is_one_clear_line(tmp_path: Path) -> None:
    """A malformed setting ends the console with one line naming it, and exit code 2."""
    result = console(tmp_path, "/start\n", BRIEFBOT_ADMINS="abc")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "bot: BRIEFBOT_ADMINS: expected comma-separated Telegram user ids, got 'abc'"
    ]


def test_superscript_digit_is_not_a_button_press(tmp_path: Path) -> None:
    """`#²` is not a button number (isdigit would take it and int() would crash): it is text."""
    result = console(tmp_path, "/summary\n#²\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "you> #²" in result.stdout


def test_run_without_token_is_one_clear_line(tmp_path: Path) -> None:
    """`python -m bot` with no token explains in one line what is missing."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BRIEFBOT_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environ,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("bot: TELEGRAM_BOT_TOKEN: not set")
