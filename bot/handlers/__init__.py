"""The bot's features, one module each, registered in this order.

Each module exposes `register(application)`; it may expose `MENU` (public commands for the
command menu, in order), `ADMIN_MENU` (commands shown to admins only), and async
`start(application)` / `stop(application)` hooks run from post_init / post_shutdown.

Order matters: within a handler group the first matching handler wins, so the plain-text
`questions` handler comes after every feature that reads text, and `fallback` (unknown
commands, unknown buttons) must stay last. `flood` uses group -1, so it sees every update first.
The order also sets the command menu's order (each module's MENU, then the ADMIN_MENUs).
"""

from __future__ import annotations

from types import ModuleType

from bot.handlers import (
    admin,
    admin_broadcast,
    alerts,
    briefings,
    errors,
    fallback,
    flood,
    help,
    inline,
    language,
    questions,
    start,
    subscriptions,
)

FEATURES: tuple[ModuleType, ...] = (
    flood,
    start,
    briefings,
    subscriptions,
    alerts,
    language,
    help,
    admin,
    admin_broadcast,
    questions,
    inline,
    errors,
    fallback,
)
