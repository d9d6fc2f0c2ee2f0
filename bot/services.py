"""What handlers share: `context.bot_data`, typed as BotData (PTB's ContextTypes).

The store and its renderer live together in one `Edition` (bot.briefings.edition) that the
StoreHolder swaps in a single assignment: a handler that took an edition keeps a consistent
pair even if a reload lands mid-reply, and no handler ever sees a half-loaded store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.briefings.edition import Edition
from bot.config import Settings
from bot.flood import FloodLimiter
from briefs.model import Store
from briefs.paths import default_root
from briefs.render import Renderer

if TYPE_CHECKING:  # both import this module
    from bot.briefings.reload import StoreWatcher
    from bot.runtime import Runtime


class StoreHolder:
    """The current good edition; `swap` replaces it atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._edition: Edition | None = None

    @property
    def edition(self) -> Edition:
        if self._edition is None:
            raise RuntimeError("the store is not loaded yet (post_init loads it)")
        return self._edition

    @property
    def loaded(self) -> bool:
        return self._edition is not None

    def swap(self, store: Store) -> Edition:
        self._edition = Edition(store, Renderer(store))
        return self._edition


@dataclass(frozen=True, slots=True)
class Menu:
    """Command names for the menu and /help: everyone's, then the admins' extra ones."""

    public: tuple[str, ...] = ()
    admin: tuple[str, ...] = ()


@dataclass
class Services:
    """Settings, the store, the flood limiter, and the admins: everything handlers reach for."""

    settings: Settings
    holder: StoreHolder
    flood: FloodLimiter
    menu: Menu

    @property
    def admins(self) -> frozenset[int]:
        return self.settings.admins

    @property
    def edition(self) -> Edition:
        return self.holder.edition

    @property
    def renderer(self) -> Renderer:
        return self.holder.edition.renderer

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admins

    @classmethod
    def from_settings(cls, settings: Settings, menu: Menu, clock: Callable[[], float]) -> Services:
        root = settings.store_dir if settings.store_dir is not None else default_root()
        limiter = FloodLimiter(settings.flood_limit, window=60.0, clock=clock)
        return cls(settings, StoreHolder(root), limiter, menu)


class BotData:
    """PTB's bot_data, typed: `ContextTypes(bot_data=BotData)` gives every handler
    `context.bot_data.services` with its type, instead of a dict lookup and a check.

    PTB makes it with no arguments while building the Application; build_application sets
    the services right after, the subscriptions feature's start hook its runtime (in
    post_init), bot.briefings.reload the store watcher. Reading one before is a bug in that
    order, said plainly.
    """

    def __init__(self) -> None:
        self._services: Services | None = None
        self._subscriptions: Runtime | None = None
        self.store_watcher: StoreWatcher | None = None

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("bot_data.services is set by build_application")
        return self._services

    @services.setter
    def services(self, services: Services) -> None:
        self._services = services

    @property
    def subscriptions(self) -> Runtime:
        if self._subscriptions is None:
            raise RuntimeError("bot_data.subscriptions is set in post_init (bot.runtime)")
        return self._subscriptions

    @subscriptions.setter
    def subscriptions(self, runtime: Runtime | None) -> None:
        self._subscriptions = runtime

    @property
    def started(self) -> bool:
        """Whether the subscriptions feature is running (post_init reached it)."""
        return self._subscriptions is not None
