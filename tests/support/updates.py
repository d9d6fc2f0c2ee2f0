"""Factories for raw Bot API updates (the JSON Telegram sends), with fresh ids.

The same dicts feed `application.process_update` (via Update.de_json) in handler tests and
`BotApiStandin.push_update` in end-to-end tests.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

USER_ID = 4242
GROUP_ID = -100777


class Updates:
    """Builds messages, button presses and inline queries from one user, whose Telegram
    client is set to `language_code`."""

    def __init__(
        self, user_id: int = USER_ID, first_name: str = "Ada", language_code: str = "en"
    ) -> None:
        self.user_id = user_id
        self.first_name = first_name
        self.language_code = language_code
        self._ids = itertools.count(1)

    def user(self, user_id: int | None = None) -> dict[str, Any]:
        uid = self.user_id if user_id is None else user_id
        return {
            "id": uid,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }

    def chat(self, chat_id: int | None, user_id: int | None = None) -> dict[str, Any]:
        if chat_id is not None and chat_id < 0:
            return {"id": chat_id, "type": "supergroup", "title": "Readers"}
        uid = self.user_id if user_id is None else user_id
        return {"id": uid, "type": "private", "first_name": self.first_name}

    def message(
        self,
        text: str,
        *,
        chat_id: int | None = None,
        user_id: int | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A text message; a leading /command gets its bot_command entity, as Telegram sends."""
        message: dict[str, Any] = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": self.chat(chat_id, user_id),
            "from": self.user(user_id),
            "text": text,
        }
        if text.startswith("/") and len(text) > 1:
            command = text.split(maxsplit=1)[0]
            length = len(command.encode("utf-16-le")) // 2
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return {"update_id": next(self._ids), "message": message}

    def callback(
        self, data: str, message: dict[str, Any], *, user_id: int | None = None
    ) -> dict[str, Any]:
        """A press on a button of `message` (a Message dict the bot sent)."""
        query = {
            "id": str(next(self._ids)),
            "from": self.user(user_id),
            "chat_instance": "tests",
            "message": message,
            "data": data,
        }
        return {"update_id": next(self._ids), "callback_query": query}

    def inline(self, query: str) -> dict[str, Any]:
        """An inline query typed after the bot's @name."""
        inline = {"id": str(next(self._ids)), "from": self.user(), "query": query, "offset": ""}
        return {"update_id": next(self._ids), "inline_query": inline}
