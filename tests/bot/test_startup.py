"""Start-up failures end in one line naming what to check, with a useful exit code, and the
token never shows: `python -m bot` as its own process against the Bot API stand-in."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot import logs, startup
from bot.config import Settings
from tests.support.bot_process import running_bot
from tests.support.botapi_standin import BotApiStandin

pytestmark = pytest.mark.e2e
WRONG = "999999:WRONG-SECRET-TOKEN"


@pytest.fixture
def standin() -> Iterator[BotApiStandin]:
    with BotApiStandin() as server:
        yield server


def start(standin: BotApiStandin, workdir: Path, **settings: str) -> tuple[int, list[str]]:
    """Run the bot until it gives up; its exit code and its output lines."""
    with running_bot(standin, workdir, **settings) as process:
        output, _ = process.communicate(timeout=30)
    return process.returncode, output.strip().splitlines()


def test_rejected_token_is_one_line_without_the_token(
    standin: BotApiStandin, tmp_path: Path
) -> None:
    """A token the server rejects: exit 2, one line naming TELEGRAM_BOT_TOKEN, no token."""
    code, lines = start(standin, tmp_path, TELEGRAM_BOT_TOKEN=WRONG)
    assert code == 2
    assert len(lines) == 1, lines
    assert lines[0].startswith("bot: TELEGRAM_BOT_TOKEN: the Bot API at ")
    assert "TELEGRAM_API_BASE_URL" in lines[0]
    assert "WRONG-SECRET-TOKEN" not in lines[0]


def test_base_url_typo_is_one_line_without_the_token(
    standin: BotApiStandin, tmp_path: Path
) -> None:
    """A base URL with a wrong path: exit 2, one line naming both settings, no token."""
    code, lines = start(standin, tmp_path, TELEGRAM_API_BASE_URL=standin.base_url + "/typo")
    assert code == 2
    assert len(lines) == 1, lines
    assert "TELEGRAM_API_BASE_URL" in lines[0]
    assert standin.token not in lines[0]


def test_unreachable_api_is_one_line(standin: BotApiStandin, tmp_path: Path) -> None:
    """Nothing listening at the base URL: exit 1 (may pass), one line naming the setting."""
    code, lines = start(standin, tmp_path, TELEGRAM_API_BASE_URL="http://127.0.0.1:1")
    assert code == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith("bot: TELEGRAM_API_BASE_URL: cannot reach the Bot API at ")


def test_unopenable_database_is_one_line(standin: BotApiStandin, tmp_path: Path) -> None:
    """A BRIEFBOT_DB in a directory that does not exist: exit 2, one line naming it."""
    code, lines = start(standin, tmp_path, BRIEFBOT_DB="/nonexistent/dir/x.db")
    assert code == 2
    assert len(lines) == 1, lines
    assert lines[0].startswith("bot: BRIEFBOT_DB: cannot open /nonexistent/dir/x.db")


def _junk(path: Path) -> Path:
    path.write_bytes(b"not a database, " * 400)
    return path


def _newer(path: Path) -> Path:
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 99")
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_junk, "bot: BRIEFBOT_DB: cannot open "),
        (_newer, "bot: BRIEFBOT_DB: "),
        (lambda path: path.parent, "bot: BRIEFBOT_DB: cannot open "),
    ],
    ids=["junk-file", "newer-schema", "a-directory"],
)
def test_bad_database_is_one_line_and_the_process_ends(
    standin: BotApiStandin, tmp_path: Path, make: Callable[[Path], Path], expected: str
) -> None:
    """A BRIEFBOT_DB that is not a database, is too new, or is a directory: exit 2, one line."""
    (tmp_path / "db").mkdir()
    path = make(tmp_path / "db" / "x.sqlite3")
    code, lines = start(standin, tmp_path, BRIEFBOT_DB=str(path))
    assert code == 2
    assert len(lines) == 1, lines
    assert lines[0].startswith(expected), lines


def test_unexpected_failure_prints_a_redacted_traceback() -> None:
    """A failure nobody foresaw shows its traceback, with the token cut out of it."""
    token = "123456:AAH-unforeseen_secret"
    logs.protect(token)
    try:
        raise RuntimeError(f"boom at https://api.telegram.org/bot{token}/getMe")
    except RuntimeError as error:
        stderr = io.StringIO()
        with redirect_stderr(stderr):
            code = startup.report(error, Settings(token=SecretStr(token)))
    assert code == 1
    assert "Traceback" in stderr.getvalue()
    assert "unforeseen_secret" not in stderr.getvalue()
