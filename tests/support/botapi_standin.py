"""A small Bot API stand-in served on 127.0.0.1, for end-to-end tests and benchmarks.

Telegram is not reachable from tests, and must never be: this server answers the Bot API
methods the bot uses, records every call, serves queued updates to getUpdates long polling,
and injects faults (429 with retry_after, 403, 400, 5xx, slow answers) on demand. It runs its
own event loop in a thread, so sync tests, async tests and a bot in another process can all
talk to it. `python -m tests.support.botapi_standin --port 0` runs it as a process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote

BOT_ID = 123456
BOT_USERNAME = "storybrief_test_bot"
_RAW_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "description",
        "short_description",
        "callback_query_id",
        "inline_query_id",
        "url",
        "secret_token",
        "parse_mode",
        "next_offset",
    }
)
_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclass(frozen=True)
class Call:
    """One request the bot made: method, decoded parameters, when, and the status answered."""

    method: str
    params: dict[str, Any]
    at: float
    status: int


@dataclass
class Fault:
    """Make the next `times` matching calls fail with `status` (or answer late, with `delay`,
    or only once the test sets `hold`: a send kept in flight without a clock); with `html`,
    the answer is that page instead of JSON (a proxy's error page); with `hang_up`, close the
    connection after reading the request, answering nothing (such a call is recorded with
    status 0). A held call is let go when the stand-in stops, if the test has not."""

    method: str
    status: int = 500
    retry_after: int | None = None
    times: int = 1
    chat_id: int | None = None
    description: str | None = None
    delay: float = 0.0
    html: str | None = None
    hang_up: bool = False
    hold: threading.Event | None = None

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        if self.times <= 0 or method.lower() != self.method.lower():
            return False
        return self.chat_id is None or params.get("chat_id") == self.chat_id


class _HangUp(Exception):
    """A hang-up fault: the connection is closed without an answer."""


@dataclass
class _State:
    updates: list[dict[str, Any]] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    received: list[str] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    commands: list[Any] = field(default_factory=list)


def _decode_params(body: bytes, content_type: str) -> dict[str, Any]:
    """Decode form or JSON bodies the way PTB encodes them: strings raw, the rest JSON."""
    if not body:
        return {}
    if content_type.startswith("application/json"):
        decoded = json.loads(body)
        return decoded if isinstance(decoded, dict) else {}
    params: dict[str, Any] = {}
    for key, value in parse_qsl(body.decode("utf-8"), keep_blank_values=True):
        if key in _RAW_STRING_PARAMS:
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


class BotApiStandin:
    """The stand-in server; see the module docstring. Only ever binds 127.0.0.1."""

    def __init__(self, token: str = "123456:TEST-TOKEN", port: int = 0) -> None:
        self.token = token
        self._port = port
        self._state = _State()
        self._lock = threading.Lock()
        self._message_ids = itertools.count(1000)
        self._update_ids = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._new_update: asyncio.Event | None = None
        self._new_call = threading.Condition(self._lock)
        self.base_url = ""

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> BotApiStandin:
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the Bot API stand-in did not start")
        return self

    def stop(self) -> None:
        loop = self._loop
        if loop is None or self._thread is None:
            return
        with self._lock:
            for fault in self._state.faults:
                if fault.hold is not None:
                    fault.hold.set()  # a held call's thread must end for the loop to close
        loop.call_soon_threadsafe(loop.stop)
        self._thread.join(10)
        self._loop = None

    def __enter__(self) -> BotApiStandin:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        self._new_update = asyncio.Event()
        self._server = loop.run_until_complete(
            asyncio.start_server(self._serve, "127.0.0.1", self._port, limit=2**20)
        )
        port = self._server.sockets[0].getsockname()[1]
        self.base_url = f"http://127.0.0.1:{port}"
        ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self._shutdown())
            loop.close()

    async def _shutdown(self) -> None:
        """Close the listener and every open connection, and let their handlers finish.

        Long polls and idle keep-alive connections are still open at stop; closing their
        transports here (not at garbage collection) keeps ResourceWarnings out of the tests.
        """
        assert self._server is not None
        self._server.close()
        writers = list(self._writers)
        for writer in writers:
            writer.close()
        current = asyncio.current_task()
        tasks = [task for task in asyncio.all_tasks() if task is not current]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for writer in writers:
            with contextlib.suppress(Exception):
                await writer.wait_closed()
        await self._server.wait_closed()

    # -- the test's side --------------------------------------------------------------------
    def next_update_id(self) -> int:
        return next(self._update_ids)

    def push_update(self, update: dict[str, Any]) -> None:
        update.setdefault("update_id", self.next_update_id())
        with self._lock:
            self._state.updates.append(update)
        if self._loop is not None and self._new_update is not None:
            self._loop.call_soon_threadsafe(self._new_update.set)

    def add_fault(self, fault: Fault) -> None:
        with self._lock:
            self._state.faults.append(fault)

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._state.calls)

    def received(self, method: str) -> int:
        """How many requests to `method` arrived, answered or not yet (a slow fault)."""
        with self._lock:
            return sum(name.lower() == method.lower() for name in self._state.received)

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] = lambda call: True,
        timeout: float = 10.0,
        *,
        after: int = 0,
    ) -> Call:
        """Block until a call to `method` (the `after`-th index onward) satisfies `predicate`."""
        deadline = time.monotonic() + timeout
        with self._new_call:
            while True:
                for call in self._state.calls[after:]:
                    if call.method.lower() == method.lower() and predicate(call):
                        return call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [c.method for c in self._state.calls[-10:]]
                    raise TimeoutError(f"no {method} call within {timeout}s; last calls: {seen}")
                self._new_call.wait(remaining)

    def wait_calls(self, method: str, count: int, timeout: float = 10.0) -> list[Call]:
        """Block until `count` calls to `method` have been answered; those calls."""
        name = method.lower()
        self._wait(lambda: sum(c.method.lower() == name for c in self._state.calls) >= count,
                   f"{count} answered {method} calls", timeout)  # fmt: skip
        return self.calls_to(method)

    def wait_received(self, method: str, count: int, timeout: float = 10.0) -> None:
        """Block until `count` requests to `method` have arrived, answered or not (a slow one)."""
        name = method.lower()
        self._wait(lambda: sum(m.lower() == name for m in self._state.received) >= count,
                   f"{count} {method} requests", timeout)  # fmt: skip

    def _wait(self, done: Callable[[], bool], what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self._new_call:
            while not done():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"no {what} within {timeout}s")
                self._new_call.wait(remaining)

    # -- HTTP ------------------------------------------------------------------------------
    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while True:
                request_line = await reader.readline()
                if not request_line:
                    break
                headers: dict[str, str] = {}
                while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    name, _, value = line.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length", "0"))
                body = await reader.readexactly(length) if length else b""
                target = request_line.decode("latin-1").split(" ")[1]
                status, payload = await self._dispatch(
                    unquote(target.split("?", 1)[0]),
                    _decode_params(body, headers.get("content-type", "")),
                )
                html = payload.get("html")
                data = html.encode() if isinstance(html, str) else json.dumps(payload).encode()
                kind = "text/html" if isinstance(html, str) else "application/json"
                writer.write(
                    f"HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\n"
                    f"Content-Length: {len(data)}\r\n\r\n".encode()
                    + data
                )
                await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    break
        except (ConnectionError, asyncio.IncompleteReadError, IndexError, ValueError, _HangUp):
            pass
        except asyncio.CancelledError:
            pass
        finally:
            writer.close()
            self._writers.discard(writer)

    async def _dispatch(self, path: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        prefix, _, method = path.rpartition("/")
        with self._new_call:
            self._state.received.append(method)
            self._new_call.notify_all()
        if prefix != f"/bot{self.token}":
            return self._record(method, params, 401, _error(401, None, None))
        fault = self._take_fault(method, params)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.hold is not None:
                await asyncio.get_running_loop().run_in_executor(None, fault.hold.wait)
            if fault.hang_up:
                self._record(method, params, 0, {})
                raise _HangUp
            if fault.status < 400:
                fault = None
        if fault is not None:
            answer = {"html": fault.html} if fault.html is not None else None
            error = answer or _error(fault.status, fault.retry_after, fault)
            return self._record(method, params, fault.status, error)
        if method.lower() == "getupdates":
            result: Any = await self._get_updates(params)
        else:
            result = self._answer(method, params)
            if result is None:
                return self._record(method, params, 404, _error(404, None, None))
        return self._record(method, params, 200, {"ok": True, "result": result})

    def _take_fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        with self._lock:
            for fault in self._state.faults:
                if fault.matches(method, params):
                    fault.times -= 1
                    return Fault(**{**fault.__dict__, "times": 1})
        return None

    def _record(
        self, method: str, params: dict[str, Any], status: int, payload: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        with self._new_call:
            self._state.calls.append(Call(method, params, time.time(), status))
            self._new_call.notify_all()
        return status, payload

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        assert self._new_update is not None
        while True:
            with self._lock:
                self._state.updates = [u for u in self._state.updates if u["update_id"] >= offset]
                pending = list(self._state.updates)
            remaining = deadline - time.monotonic()
            if pending or remaining <= 0:
                return pending[: int(params.get("limit") or 100)]
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), min(remaining, 1.0))

    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        name = method.lower()
        if name == "getme":
            return {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Storybrief",
                "username": BOT_USERNAME,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": True,
            }
        if name in {"sendmessage", "editmessagetext", "editmessagereplymarkup"}:
            if name != "sendmessage" and "inline_message_id" in params:
                return True
            return self._message(params)
        if name == "setmycommands":
            with self._lock:
                self._state.commands = list(params.get("commands") or [])
            return True
        if name == "getmycommands":
            with self._lock:
                return list(self._state.commands)
        if name in _TRUE_METHODS:
            return True
        return None

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        chat_id = int(chat_id) if isinstance(chat_id, int | str) else 0
        message: dict[str, Any] = {
            "message_id": params.get("message_id") or next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Storybrief"},
            "text": str(params.get("text", "")),
        }
        if isinstance(params.get("reply_markup"), dict):
            message["reply_markup"] = params["reply_markup"]
        return message


_TRUE_METHODS = frozenset(
    {
        "answercallbackquery",
        "answerinlinequery",
        "setmydescription",
        "setmyshortdescription",
        "deletewebhook",
        "setwebhook",
        "sendchataction",
        "deletemessage",
        "close",
        "logout",
        "deletemycommands",
    }
)


def _error(status: int, retry_after: int | None, fault: Fault | None) -> dict[str, Any]:
    description = (fault.description if fault else None) or _DESCRIPTIONS.get(status, "Error")
    payload: dict[str, Any] = {
        "ok": False,
        "error_code": status,
        "description": description.format(retry_after=retry_after),
    }
    if retry_after is not None:
        payload["parameters"] = {"retry_after": retry_after}
    return payload


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the Bot API stand-in on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default="123456:TEST-TOKEN")
    args = parser.parse_args()
    standin = BotApiStandin(token=args.token, port=args.port).start()
    print(standin.base_url, flush=True)
    try:
        signal.pause()  # serve until interrupted
    except KeyboardInterrupt:
        standin.stop()


if __name__ == "__main__":
    main()
