"""A Bot API that answers locally: the console and the tests run the real bot without a network.

`OfflineRequest` is a PTB BaseRequest. Instead of opening a connection it decodes the call,
records it, and answers the way Telegram would (a Message for sendMessage, True for
answerCallbackQuery, ...). Sent messages are kept per chat so an edit returns the edited
message. Methods it does not know get a 404, as Telegram answers an unknown method.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram import Bot
from telegram.request import BaseRequest, RequestData

BOT_ID = 777000111
BOT_USERNAME = "storybrief_bot"
BOT_NAME = "Storybrief"
_KEEP_MESSAGES = 1000
_COMPACT = (",", ":")
_ADMIN_RIGHTS = (
    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
    "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories",
    "can_edit_stories", "can_delete_stories",
)  # fmt: skip
_TRUE_METHODS = frozenset(
    {
        "answercallbackquery",
        "answerinlinequery",
        "setmycommands",
        "deletemycommands",
        "setmydescription",
        "setmyshortdescription",
        "setwebhook",
        "deletewebhook",
        "sendchataction",
        "deletemessage",
        "close",
        "logout",
    }
)

# Bot API method names are case-insensitive (the broadcast sends "sendmessage"); calls are
# recorded under PTB's spelling, so every "sendMessage" is found by the same name.
_SPELLING = {name.lower(): name for name in dir(Bot) if name[:1].islower() and name != name.lower()}


def _spelled(method: str) -> str:
    return _SPELLING.get(method.lower(), method)


@dataclass(frozen=True, slots=True)
class OfflineCall:
    """One recorded Bot API call: method, decoded parameters, and what it was answered."""

    method: str
    params: dict[str, Any]
    result: Any = None


class OfflineRequest(BaseRequest):
    """Answers Bot API calls in-process and records them; never touches the network."""

    def __init__(
        self,
        *,
        username: str = BOT_USERNAME,
        on_call: Callable[[OfflineCall], None] | None = None,
    ) -> None:
        self.username = username
        self.calls: list[OfflineCall] = []
        self._arrived: asyncio.Event | None = None
        self.on_call = on_call
        self._message_ids = itertools.count(1)
        self._messages: dict[tuple[int | str, int], dict[str, Any]] = {}
        self._me = self.me()
        self._commands: list[Any] = []
        self.member_status: dict[int, str] = {}  # user id -> getChatMember status

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def calls_to(self, method: str) -> list[OfflineCall]:
        return [call for call in self.calls if call.method == method]

    def clear(self) -> None:
        self.calls.clear()

    async def wait_for(
        self, predicate: Callable[[OfflineCall], bool], *, after: int = 0, within: float = 5.0
    ) -> OfflineCall:
        """The first call (from index `after` on) that satisfies `predicate`, waiting up to
        `within` seconds for it (say, a message a background task sends); else TimeoutError."""

        async def first() -> OfflineCall:
            while True:
                arrived = self._arrived = self._arrived or asyncio.Event()
                arrived.clear()
                for call in self.calls[after:]:
                    if predicate(call):
                        return call
                await arrived.wait()

        return await asyncio.wait_for(first(), within)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = None,
        write_timeout: object = None,
        connect_timeout: object = None,
        pool_timeout: object = None,
    ) -> tuple[int, bytes]:
        name = _spelled(url.rsplit("/", 1)[-1])
        params = dict(request_data.parameters) if request_data is not None else {}
        status, result = self._answer(name, params)
        call = OfflineCall(name, params, result)
        self.calls.append(call)
        if self._arrived is not None:
            self._arrived.set()
        if self.on_call is not None and status == 200:
            self.on_call(call)
        if status != 200:
            body = {"ok": False, "error_code": status, "description": "Not Found"}
            return status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": result}, separators=_COMPACT).encode()

    def _answer(self, name: str, params: dict[str, Any]) -> tuple[int, Any]:
        key = name.lower()
        if key == "getme":
            return 200, self.me()
        if key == "getupdates":
            return 200, []
        if key == "sendmessage":
            return 200, self._send(params)
        if key in ("editmessagetext", "editmessagereplymarkup"):
            return 200, self._edit(params)
        if key == "getchatmember":
            return 200, self._member(params)
        if key == "getmycommands":
            return 200, self._commands
        if key == "setmycommands" and "scope" not in params:
            self._commands = list(params.get("commands", []))
        if key in _TRUE_METHODS:
            return 200, True
        return 404, None

    def me(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": BOT_NAME,
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    def _send(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params["chat_id"]
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": _chat(chat_id),
            "from": self._me,
            "text": params.get("text", ""),
        }
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        self._remember((chat_id, message["message_id"]), message)
        return message

    def _remember(self, key: tuple[int | str, int], message: dict[str, Any]) -> None:
        """Keep recent messages so edits return them; old ones are dropped to bound memory."""
        self._messages[key] = message
        if len(self._messages) > _KEEP_MESSAGES:
            del self._messages[next(iter(self._messages))]

    def _edit(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        if "inline_message_id" in params:
            return True
        key = (params["chat_id"], int(params["message_id"]))
        message = dict(self._messages.get(key) or self._unknown(*key))
        if "text" in params:
            message["text"] = params["text"]
        message["edit_date"] = int(time.time())
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        else:
            message.pop("reply_markup", None)
        self._remember(key, message)
        return message

    def _member(self, params: dict[str, Any]) -> dict[str, Any]:
        """A plain member unless `member_status` names the user (the console is private)."""
        user_id = int(params["user_id"])
        status = self.member_status.get(user_id, "member")
        user = {"id": user_id, "is_bot": False, "first_name": "Member"}
        if status == "administrator":
            rights = dict.fromkeys(_ADMIN_RIGHTS, True)
            return {"status": status, "user": user, "can_be_edited": False,
                    "is_anonymous": False, **rights}  # fmt: skip
        if status == "creator":
            return {"status": status, "user": user, "is_anonymous": False}
        return {"status": status, "user": user}

    def _unknown(self, chat_id: int | str, message_id: int) -> dict[str, Any]:
        return {"message_id": message_id, "date": 0, "chat": _chat(chat_id), "text": ""}


def _chat(chat_id: int | str) -> dict[str, Any]:
    numeric = int(chat_id) if str(chat_id).lstrip("-").isdigit() else 0
    kind = "private" if numeric > 0 else "supergroup"
    return {"id": numeric, "type": kind}
