"""Start-up failures end in one line naming what to check, with a useful exit code, and the
token never shows.

The Bot API cases run `python -m bot`'s own entry point (bot.__main__.main) in this process
against the stand-in: the same code from the environment to the exit code, without paying
for a new interpreter each. One case runs the real process, to show that nothing else
prints after that line as the process ends; the database cases below it call the same
report directly.
"""

from __future__ import annotations

import io
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from bot import logs, startup
from bot.__main__ import main
from bot.config import Settings
from bot.subscriptions.schema import SchemaRefused
from bot.subscriptions.storage import Storage
from tests.support.bot_process import bot_environment, running_bot
from tests.support.botapi_standin import BotApiStandin, Fault

WRONG = "999999:WRONG-SECRET-TOKEN"


@pytest.fixture
def standin() -> Iterator[BotApiStandin]:
    with BotApiStandin() as server:
        yield server


@pytest.fixture
def own_logging() -> Iterator[None]:
    """main() sets up the root logger for its process; give it back as the test found it."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    for handler in handlers:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(level)


@pytest.fixture
def start(
    standin: BotApiStandin,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    own_logging: None,
) -> Callable[..., tuple[int, list[str]]]:
    """Run `python -m bot`'s main() with the stand-in's settings (and any given) until it
    gives up: its exit code and what it printed, line by line."""

    def run(**settings: str) -> tuple[int, list[str]]:
        environ = bot_environment(standin, tmp_path, **settings)
        for name in set(os.environ) - set(environ):
            monkeypatch.delenv(name)
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(tmp_path)  # no .env of the developer's is read
        code = main(["run"])
        printed = capsys.readouterr()
        return code, (printed.out + printed.err).strip().splitlines()

    return run


def test_rejected_token_is_one_line_without_the_token(start: Callable[..., Any]) -> None:
    """A token the server rejects: exit 2, one line naming TELEGRAM_BOT_TOKEN, no token."""
    code, lines = start(TELEGRAM_BOT_TOKEN=WRONG)
    assert code == 2
    assert len(lines) == 1, lines
    assert lines[0].startswith("bot: TELEGRAM_BOT_TOKEN: the Bot API at ")
    assert "TELEGRAM_API_BASE_URL" in lines[0]
    assert "WRONG-SECRET-TOKEN" not in lines[0]


def test_base_url_typo_is_one_line_without_the_token(
    start: Callable[..., Any], standin: BotApiStandin
) -> None:
    """A base URL with a wrong path: exit 2, one line naming both settings, no token."""
    code, lines = start(TELEGRAM_API_BASE_URL=standin.base_url + "/typo")
    assert code == 2
    assert len(lines) == 1, lines
    assert "TELEGRAM_API_BASE_URL" in lines[0]
    assert standin.token not in lines[0]


def test_unreachable_api_is_one_line(start: Callable[..., Any]) -> None:
    """Nothing listening at the base URL: exit 1 (may pass), one line naming the setting."""
    code, lines = start(TELEGRAM_API_BASE_URL="http://127.0.0.1:1")
    assert code == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith("bot: TELEGRAM_API_BASE_URL: cannot reach the Bot API at ")


def test_html_error_page_is_one_line(start: Callable[..., Any], standin: BotApiStandin) -> None:
    """A proxy's HTML 502 page instead of the Bot API: exit 1 (may pass), one line, no
    traceback of the JSON parser."""
    page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>\n"
    standin.add_fault(Fault("getMe", status=502, html=page, times=100))
    code, lines = start()
    assert code == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith("bot: TELEGRAM_API_BASE_URL: ")
    assert "502" in lines[0]
    assert standin.token not in lines[0]


def _junk(path: Path) -> Path:
    path.write_bytes(b"not a database, " * 400)
    return path


def _newer(path: Path) -> Path:
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 99")
    return path


def _foreign(path: Path) -> Path:
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    return path


@pytest.mark.e2e
def test_bad_database_ends_the_process_with_one_line(
    standin: BotApiStandin, tmp_path: Path
) -> None:
    """A BRIEFBOT_DB that is not a database: `python -m bot` exits 2 with one line, and no
    thread prints anything after it (the cases below are the same path, in-process)."""
    path = _junk(tmp_path / "x.sqlite3")
    with running_bot(standin, tmp_path, BRIEFBOT_DB=str(path)) as process:
        output, _ = process.communicate(timeout=30)
    code, lines = process.returncode, output.strip().splitlines()
    assert code == 2
    assert len(lines) == 1, lines
    assert lines[0].startswith("bot: BRIEFBOT_DB: cannot open "), lines


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_junk, "bot: BRIEFBOT_DB: cannot open "),
        (_newer, "bot: BRIEFBOT_DB: "),
        (_foreign, "bot: BRIEFBOT_DB: "),
        (lambda path: path.parent, "bot: BRIEFBOT_DB: cannot open "),
        (lambda path: Path("/nonexistent/dir/x.db"), "bot: BRIEFBOT_DB: cannot open /nonexistent"),
    ],
    ids=["junk-file", "newer-schema", "foreign-schema", "a-directory", "no-such-directory"],
)
async def test_bad_database_is_one_line(
    tmp_path: Path,
    make: Callable[[Path], Path],
    expected: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A BRIEFBOT_DB that is not a database, is too new or another application's, is a
    directory or cannot be created: exit code 2 and one line naming the setting."""
    (tmp_path / "db").mkdir()
    path = make(tmp_path / "db" / "x.sqlite3")
    with pytest.raises((sqlite3.Error, SchemaRefused)) as caught:
        await Storage.open(path)
    assert startup.report(caught.value, Settings(db_path=path)) == 2
    lines = capsys.readouterr().err.strip().splitlines()
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
