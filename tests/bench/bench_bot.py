"""Bot handling cost: update-to-reply time per command, against a bare PTB echo bot.

Both applications are the real PTB Application with the same offline request class (no
network), fed JSON updates through Update.de_json + process_update, one at a time on one
event loop, so the difference is what our handlers (flood control, rendering, keyboards)
add. Reports the median per update, the overhead over the bare echo handler, and the
updates/s a mixed workload reaches on one core.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import itertools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import Application, Defaults, MessageHandler, filters

from bot.app import OFFLINE_TOKEN, build_application
from bot.briefings.callbacks import SectionView
from bot.briefings.edition import Shown
from bot.config import Settings
from bot.console.offline import OfflineRequest
from bot.types import CONTEXT_TYPES, App, Context
from tests.support.updates import Updates

SAMPLES = 600
WARMUP = 50
THROUGHPUT_SECONDS = 2.0
COMMANDS = (
    "/start",
    "/help",
    "/summary",
    "/timeline",
    "/quotes chong",
    "/reactions china",
    "/sources",
    "what did Chong say?",
    "/nosuchcommand",
)


async def echo(update: Update, context: Context) -> None:
    """The baseline handler: reply with the same text."""
    assert update.message is not None
    assert update.message.text is not None
    await update.message.reply_text(update.message.text)


def bare_application() -> App:
    request = OfflineRequest()
    app: App = (
        Application.builder()
        .context_types(CONTEXT_TYPES)
        .token(OFFLINE_TOKEN)
        .request(request)
        .updater(None)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


def same_reply_application(shown: Shown) -> App:
    """A bare handler sending our /summary page and keyboard with our Defaults: the floor
    PTB itself sets for a reply that size, to tell its cost from our handlers'."""

    async def send(update: Update, context: Context) -> None:
        assert update.message is not None
        await update.message.reply_text(shown.page.text, reply_markup=shown.keyboard)

    defaults = Defaults(
        parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
    )
    builder = (
        Application.builder()
        .context_types(CONTEXT_TYPES)
        .token(OFFLINE_TOKEN)
        .request(OfflineRequest())
    )
    app: App = builder.updater(None).defaults(defaults).build()
    app.add_handler(MessageHandler(filters.TEXT, send))
    return app


class Feeder:
    """Makes fresh updates from many users (so flood control sees realistic traffic)."""

    def __init__(self) -> None:
        self.users = itertools.count(10_000)

    def message(self, text: str) -> dict[str, Any]:
        return Updates(user_id=next(self.users)).message(text)

    def button(self, message: dict[str, Any], data: str) -> dict[str, Any]:
        return Updates(user_id=next(self.users)).callback(data, message)


async def once(app: App, data: dict[str, Any]) -> float:
    """Seconds for one update, from JSON to the reply having been sent."""
    started = time.perf_counter()
    await app.process_update(Update.de_json(data, app.bot))
    elapsed = time.perf_counter() - started
    request = app.bot.request
    assert isinstance(request, OfflineRequest)
    if len(request.calls) > 1000:
        request.clear()
    return elapsed


async def paired(
    bare: App, ours: App, feeder: Feeder, make: Callable[[], dict[str, Any]]
) -> tuple[float, float]:
    """Medians for the bare echo and for ours, samples interleaved so machine noise hits both."""
    base: list[float] = []
    mine: list[float] = []
    for index in range(SAMPLES + WARMUP):
        b = await once(bare, feeder.message("hello"))
        m = await once(ours, make())
        if index >= WARMUP:
            base.append(b)
            mine.append(m)
    return statistics.median(base), statistics.median(mine)


async def measure(workdir: Path) -> list[tuple[str, str]]:
    feeder = Feeder()
    bare = bare_application()
    settings = Settings(db_path=workdir / "bench_bot.sqlite3")
    ours = build_application(settings, request=OfflineRequest(), updater=False)
    rows: list[tuple[str, str]] = []
    async with bare, ours:
        assert ours.post_init is not None
        assert ours.post_shutdown is not None
        await ours.post_init(ours)
        gc.collect()
        reply = await _first_reply(ours, feeder)
        cases: list[tuple[str, Callable[[], dict[str, Any]]]] = [
            (f"`{text}`", functools.partial(feeder.message, text)) for text in COMMANDS
        ]
        cases.append(
            ("section button (edit in place)", lambda: feeder.button(reply, "sec:timeline:1"))
        )
        ratios: list[float] = []
        baselines: list[float] = []
        for label, make in cases:
            base, mine = await paired(bare, ours, feeder, make)
            baselines.append(base)
            ratios.append(mine / base)
            rows.append((f"bot: {label}, median per update", _versus(mine, base)))
        baseline = statistics.median(baselines)
        rows.insert(
            0, ("bot: bare PTB echo handler, median per update", f"{baseline * 1e6:.0f} µs")
        )
        same = same_reply_application(
            ours.bot_data.services.edition.show(SectionView("summary", 1))
        )
        async with same:
            base, floor = await paired(bare, same, feeder, lambda: feeder.message("/summary"))
        rows.append(
            ("bot: for scale, a bare handler sending the same /summary reply", _versus(floor, base))
        )
        overall = statistics.median(ratios)
        rows.append(
            (
                "bot: overhead over the bare handler, median of commands",
                f"{(overall - 1) * 100:+.0f}%",
            )
        )
        rows.append(
            ("bot: updates/s, mixed commands, one core", f"{await _throughput(ours, feeder):,.0f}")
        )
        await ours.post_shutdown(ours)
    return rows


async def _first_reply(app: App, feeder: Feeder) -> dict[str, Any]:
    request = app.bot.request
    assert isinstance(request, OfflineRequest)
    await app.process_update(Update.de_json(feeder.message("/summary"), app.bot))
    return dict(request.calls_to("sendMessage")[-1].result)


async def _throughput(app: App, feeder: Feeder) -> float:
    request = app.bot.request
    assert isinstance(request, OfflineRequest)
    mix = itertools.cycle(COMMANDS)
    done, deadline = 0, time.perf_counter() + THROUGHPUT_SECONDS
    started = time.perf_counter()
    while time.perf_counter() < deadline:
        await app.process_update(Update.de_json(feeder.message(next(mix)), app.bot))
        done += 1
        if len(request.calls) > 1000:
            request.clear()
    return done / (time.perf_counter() - started)


def _pct(value: float, baseline: float) -> str:
    return f"{(value / baseline - 1) * 100:+.0f}%"


def _versus(value: float, baseline: float) -> str:
    return f"{value * 1e6:.0f} µs ({_pct(value, baseline)} vs bare)"


def main() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as workdir:
        return asyncio.run(measure(Path(workdir)))


if __name__ == "__main__":
    for label, figure in main():
        print(f"{label}: {figure}", file=sys.stdout)
