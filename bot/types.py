"""Type aliases for the PTB generics, so handler signatures stay one short line."""

from __future__ import annotations

from typing import Any, TypeAlias

from telegram.ext import Application, ContextTypes

App: TypeAlias = Application[Any, Any, Any, Any, Any, Any]
Context: TypeAlias = ContextTypes.DEFAULT_TYPE
