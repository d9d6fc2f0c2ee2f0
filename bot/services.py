"""What handlers share, kept in `application.bot_data["services"]`.

The store and its renderer live together in one `Edition` (bot.briefings.edition) that the
StoreHolder swaps in a single assignment: a handler that took an edition keeps a consistent
pair even if a reload lands mid-reply, and no handler ever sees a half-loaded store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.briefings.edition import Edition
from bot.config import Settings
from bot.flood import FloodLimiter
from bot.types import Context
from briefs.model import Store
from briefs.paths import default_root
from briefs.render import Renderer


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


def services_of(context: Context) -> Services:
    """The Services that build_application put in bot_data."""
    found = context.bot_data["services"]
    if not isinstance(found, Services):
        raise TypeError("bot_data['services'] is not a bot.services.Services")
    return found
