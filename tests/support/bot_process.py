"""`python -m bot` as its own process against the Bot API stand-in, for end-to-end tests,
and what it prints, read as it comes."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from tests.support.botapi_standin import BotApiStandin
from tests.support.store import FIXTURE_STORE


def bot_environment(standin: BotApiStandin, workdir: Path, **settings: str) -> dict[str, str]:
    """This process's environment without its TELEGRAM_* and BRIEFBOT_* settings, plus the
    stand-in's token and address, a database in `workdir`, the fixture store and `settings`."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BRIEFBOT_"))}
    return environ | {
        "TELEGRAM_BOT_TOKEN": standin.token,
        "TELEGRAM_API_BASE_URL": standin.base_url,
        "BRIEFBOT_DB": str(workdir / "e2e.sqlite3"),
        "BRIEFBOT_STORE_DIR": str(FIXTURE_STORE),
        **settings,
    }


@contextmanager
def running_bot(
    standin: BotApiStandin, workdir: Path, **settings: str
) -> Iterator[subprocess.Popen[str]]:
    """The bot on the stand-in's token and address, with a fresh database in `workdir`.

    Only the settings given here reach it (the caller's TELEGRAM_* and BRIEFBOT_* are
    dropped) and it serves the frozen fixture store, so the live seeds/ can grow; it is
    killed on exit if the test did not stop it.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=workdir,
        env=bot_environment(standin, workdir, **settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        if process.stdout is not None:
            process.stdout.close()


class Printed:
    """What a bot process prints, line by line as it comes: a thread reads the pipe, so a test
    waits for a line (say, the log line of a finished delivery run) with a timeout."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        self._lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, args=(process.stdout,), daemon=True)
        self._reader.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._lines.put(line)

    def wait_for(self, text: str, timeout: float) -> str:
        """The first line not yet read that contains `text`; AssertionError after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"the bot never printed {text!r}") from None
            if text in line:
                return line

    def close(self) -> None:
        """Once the process has ended: the reader has seen the end of its output."""
        self._reader.join(10)
