"""Live reload of the fact store: on file change (a job polls every few seconds) or /reload.

A new store is swapped in only if it loads and passes every check; otherwise the bot keeps
serving the last good one, and admins get the problem lines once per broken version (the
watcher would otherwise repeat them every poll), then word when the store is good again.
Loading runs in a thread so replies keep flowing while YAML is parsed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from telegram import Bot
from telegram.error import TelegramError

from bot.briefings.edition import Edition
from bot.services import BotData, Services, StoreHolder
from bot.types import App, Context
from briefs.i18n import DEFAULT
from briefs.store import StoreError, load_store, store_digest

log = logging.getLogger(__name__)
WATCH_INTERVAL = 2.0


class Outcome(Enum):
    """How a reload ended."""

    LOADED = "loaded"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What a reload did; `problems` are `briefs check` lines when it was refused."""

    outcome: Outcome
    edition: Edition
    problems: tuple[str, ...] = ()
    digest: str = ""


def signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Cheap change detection: each store file's name, size and mtime; no file is read."""
    found: list[tuple[str, int, int]] = []
    for folder in ("articles", "facts"):
        directory = root / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            stat = path.stat()
            found.append((f"{folder}/{path.name}", stat.st_size, stat.st_mtime_ns))
    return tuple(found)


async def reload_store(holder: StoreHolder) -> ReloadResult:
    """Load the store at holder.root; swap it in if it is good and different."""
    try:
        store = await asyncio.to_thread(load_store, holder.root)
    except StoreError as error:
        digest = await asyncio.to_thread(store_digest, holder.root)
        problems = tuple(str(problem) for problem in error.problems)
        return ReloadResult(Outcome.REFUSED, holder.edition, problems, digest)
    if holder.loaded and holder.edition.digest == store.digest:
        return ReloadResult(Outcome.UNCHANGED, holder.edition, digest=store.digest)
    edition = holder.swap(store)
    log.info("store loaded: version %s, digest %s", store.version.isoformat(), store.digest[:12])
    return ReloadResult(Outcome.LOADED, edition, digest=store.digest)


def refusal_text(services: Services, problems: tuple[str, ...], lang: str = DEFAULT) -> str:
    """The admins' message for a refused store (the template shows the first lines)."""
    return services.renderer.message("reload_refused", problems=list(problems), lang=lang)


class StoreWatcher:
    """Polls the store's files; reloads on change; tells admins once per refused digest."""

    def __init__(self, bot_data: BotData) -> None:
        self.bot_data = bot_data
        self.services = bot_data.services
        self._seen = signature(self.services.holder.root)
        self._refused: str | None = None

    async def poll(self, context: Context) -> None:
        """Job callback (every WATCH_INTERVAL seconds)."""
        await self.check(context.bot)

    async def check(self, bot: Bot) -> ReloadResult | None:
        """Reload if the files changed since the last check; None when they did not."""
        current = await asyncio.to_thread(signature, self.services.holder.root)
        if current == self._seen:
            return None
        self._seen = current
        result = await reload_store(self.services.holder)
        if result.outcome is not Outcome.REFUSED:
            if self._refused is not None:  # they were told it was broken: say it is not
                store, renderer = result.edition.store, result.edition.renderer
                await self.tell_admins(bot, lambda lang: renderer.message(
                    "reload_recovered", loaded=result.outcome is Outcome.LOADED,
                    version=store.version, facts=len(store.facts()), lang=lang,
                ))  # fmt: skip
            self._refused = None
            return result
        log.warning(
            "store refused (%d problems): %s; keeping the last good one",
            len(result.problems),
            "; ".join(result.problems),
        )
        if result.digest != self._refused:
            self._refused = result.digest
            problems = result.problems
            await self.tell_admins(bot, lambda lang: refusal_text(self.services, problems, lang))
        return result

    async def tell_admins(self, bot: Bot, text: Callable[[str], str]) -> None:
        """Message every admin, each in the language of their chat with the bot (chosen with
        /language, or remembered from their Telegram when they last used /reload); one who
        never opened a chat with the bot is logged and skipped."""
        admins = sorted(self.services.admins)
        spoken: dict[int, str] = {}
        if self.bot_data.started:
            spoken = await self.bot_data.subscriptions.languages.stored(admins)
        for admin in admins:
            try:
                await bot.send_message(admin, text(spoken.get(admin, DEFAULT)))
            except TelegramError as error:
                log.warning("could not tell admin %s: %s", admin, error)


def start_watcher(application: App, interval: float = WATCH_INTERVAL) -> StoreWatcher:
    """Schedule the watcher on the application's JobQueue (runs once the application starts)."""
    application.bot_data.store_watcher = watcher = StoreWatcher(application.bot_data)
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            watcher.poll, interval=interval, first=interval, name="store-watcher"
        )
    return watcher
