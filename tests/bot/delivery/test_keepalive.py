"""The broadcast HTTP client: a real telegram.Bot on KeepAliveRequest, over loopback only."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import timedelta

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter  # PTB builds these itself

from bot.delivery.keepalive import (
    KeepAliveRequest,
    Unanswered,
    UnansweredTimeout,
    Unsent,
    UnsentTimeout,
)
from tests.support.botapi_standin import BotApiStandin, Fault

TOKEN = "123456:TEST-TOKEN"
OK_MESSAGE = {
    "ok": True,
    "result": {"message_id": 1, "date": 0, "chat": {"id": 7, "type": "private"}, "text": "x"},
}


@pytest.fixture
def standin() -> Iterator[BotApiStandin]:
    with BotApiStandin(token=TOKEN) as server:
        yield server


def bot_for(base_url: str, **request: float) -> Bot:
    return Bot(TOKEN, base_url=f"{base_url}/bot", request=KeepAliveRequest(**request))  # type: ignore[arg-type]


async def test_messages_arrive_with_text_and_keyboard_intact(standin: BotApiStandin) -> None:
    """JSON bodies carry non-ASCII text, HTML and nested keyboards exactly as given."""
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Summary ✓", callback_data="s:1")]])
    async with bot_for(standin.base_url) as bot:
        message = await bot.send_message(42, "héllo <b>“1”</b> 🇨🇦", reply_markup=keyboard)
    assert message.chat_id == 42
    call = standin.calls_to("sendMessage")[-1]
    assert call.params["text"] == "héllo <b>“1”</b> 🇨🇦"
    button = call.params["reply_markup"]["inline_keyboard"][0][0]
    assert button == {"text": "Summary ✓", "callback_data": "s:1"}


async def test_telegram_errors_surface_as_ptb_exceptions(standin: BotApiStandin) -> None:
    """429, 403, 400 and 500 answers become the exceptions delivery classifies."""
    standin.add_fault(Fault("sendMessage", status=429, retry_after=3))
    standin.add_fault(Fault("sendMessage", status=403))
    standin.add_fault(Fault("sendMessage", status=400))
    standin.add_fault(Fault("sendMessage", status=500))
    async with bot_for(standin.base_url) as bot:
        with pytest.raises(RetryAfter) as throttled:
            await bot.send_message(1, "a")
        assert throttled.value.retry_after == timedelta(seconds=3)
        with pytest.raises(Forbidden):
            await bot.send_message(1, "b")
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(1, "c")
        with pytest.raises(NetworkError):
            await bot.send_message(1, "d")
        assert (await bot.send_message(1, "e")).text == "e"  # the connection is still usable


async def test_a_slow_answer_times_out_as_unanswered(standin: BotApiStandin) -> None:
    """A request written but answered too late is a TimedOut that says it may have arrived."""
    standin.add_fault(Fault("sendMessage", status=200, delay=1.0))
    async with bot_for(standin.base_url) as bot:
        with pytest.raises(UnansweredTimeout) as late:
            await bot.send_message(1, "slow", read_timeout=0.2)
        assert isinstance(late.value, TimedOut)
        assert not isinstance(late.value, Unsent)
        assert (await bot.send_message(1, "next")).text == "next"


async def test_no_free_connection_is_an_unsent_timeout(standin: BotApiStandin) -> None:
    """Waiting too long for a pooled connection times out before anything is written."""
    standin.add_fault(Fault("sendMessage", status=200, delay=0.5))
    async with bot_for(standin.base_url, size=1) as bot:
        busy = asyncio.create_task(bot.send_message(1, "slow"))
        await asyncio.sleep(0.1)
        with pytest.raises(UnsentTimeout):
            await bot.send_message(2, "waits", pool_timeout=0.05)
        await busy
    assert [c.params["chat_id"] for c in standin.calls_to("sendMessage")] == [1]


async def test_nothing_listening_is_unsent() -> None:
    """Connection refused: the request never went out, so it is safe to send again."""
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    request = KeepAliveRequest()
    with pytest.raises(Unsent, match="connect"):
        await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")
    await request.shutdown()


async def test_files_are_refused_clearly(standin: BotApiStandin) -> None:
    async with bot_for(standin.base_url) as bot:
        with pytest.raises(NetworkError, match="file uploads are not supported"):
            await bot.send_document(1, b"data", filename="a.txt")


# -- the HTTP/1.1 details, against a raw server that counts its connections ------------------
Responder = Callable[[int], bytes]


class RawServer:
    """Answers every request with `respond(n)` (n counts requests) and counts connections."""

    def __init__(self, respond: Responder) -> None:
        self.respond = respond
        self.connections = 0
        self.requests = 0
        self.bodies: list[dict[str, object]] = []
        self.server: asyncio.Server | None = None
        self.hang_up = False

    async def __aenter__(self) -> str:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    async def __aexit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while await reader.readline():
                length = 0
                while (header := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = header.decode().partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                self.bodies.append(json.loads(await reader.readexactly(length)) if length else {})
                self.requests += 1
                answer = self.respond(self.requests)
                writer.write(answer)
                await writer.drain()
                if self.hang_up or b"Connection: close" in answer:
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


def fixed(body: dict[str, object], extra: str = "") -> bytes:
    data = json.dumps(body).encode()
    head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(data)}\r\n{extra}\r\n"
    return head.encode() + data


def chunked(body: dict[str, object]) -> bytes:
    data = json.dumps(body).encode()
    half = len(data) // 2
    parts = [data[:half], data[half:]]
    chunks = b"".join(f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in parts)
    return b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n"


async def send_many(base_url: str, count: int) -> list[object]:
    """`count` sendMessage posts straight through the request class (no getMe first)."""
    request = KeepAliveRequest()
    url = f"{base_url}/bot{TOKEN}/sendMessage"
    try:
        return [
            await request.post(url, RequestData([RequestParameter("text", f"m{i}", None)]))
            for i in range(count)
        ]
    finally:
        await request.shutdown()


StartRaw = Callable[[Responder], Awaitable[tuple[RawServer, str]]]


@pytest.fixture
async def raw() -> AsyncIterator[StartRaw]:
    servers: list[RawServer] = []

    async def start(respond: Responder) -> tuple[RawServer, str]:
        server = RawServer(respond)
        servers.append(server)
        return server, await server.__aenter__()

    yield start
    for server in servers:
        await server.__aexit__()


async def test_one_connection_serves_many_requests(raw: StartRaw) -> None:
    server, url = await raw(lambda n: fixed(OK_MESSAGE))
    assert len(await send_many(url, 20)) == 20
    assert server.requests == 20
    assert server.connections == 1
    assert [body["text"] for body in server.bodies] == [f"m{i}" for i in range(20)]


async def test_chunked_answers_are_read_and_the_connection_kept(raw: StartRaw) -> None:
    server, url = await raw(lambda n: chunked(OK_MESSAGE))
    assert len(await send_many(url, 5)) == 5
    assert server.connections == 1


async def test_connection_close_opens_a_new_connection(raw: StartRaw) -> None:
    server, url = await raw(lambda n: fixed(OK_MESSAGE, "Connection: close\r\n"))
    assert len(await send_many(url, 3)) == 3
    assert server.connections == 3


async def test_a_connection_the_server_dropped_is_not_reused(raw: StartRaw) -> None:
    """The server hangs up after each answer without saying so: each send reconnects."""
    server, url = await raw(lambda n: fixed(OK_MESSAGE))
    server.hang_up = True
    request = KeepAliveRequest()
    for text in ("first", "second", "third"):
        data = RequestData([RequestParameter("text", text, None)])
        await request.post(f"{url}/bot{TOKEN}/sendMessage", data)
        await asyncio.sleep(0.05)  # the hang-up reaches the client's idle connection
    await request.shutdown()
    assert server.connections == 3
    assert server.requests == 3


async def test_garbage_answer_is_a_network_error(raw: StartRaw) -> None:
    _server, url = await raw(lambda n: b"NOT HTTP AT ALL\r\n\r\n")
    request = KeepAliveRequest()
    with pytest.raises(NetworkError):
        await request.post(f"{url}/bot{TOKEN}/getMe")
    await request.shutdown()


async def test_a_reused_connection_closed_as_it_is_reused_is_retried_once(raw: StartRaw) -> None:
    """The server hangs up after each answer and the next send comes at once: each still
    arrives exactly once, over a fresh connection."""
    server, url = await raw(lambda n: fixed(OK_MESSAGE))
    server.hang_up = True
    assert len(await send_many(url, 5)) == 5
    assert (server.requests, server.connections) == (5, 5)
    assert [body["text"] for body in server.bodies] == [f"m{i}" for i in range(5)]


async def test_a_fresh_connection_closed_without_an_answer_is_unanswered(raw: StartRaw) -> None:
    """A new connection that ends after the request was written is not retried: it may
    have been carried out."""
    server, url = await raw(lambda n: b"")
    server.hang_up = True
    with pytest.raises(Unanswered):
        await send_many(url, 1)
    assert server.requests == 1


async def test_no_content_and_interim_answers_have_no_body(raw: StartRaw) -> None:
    """204 without Content-Length ends at its headers (the connection is kept); a 100
    Continue before the answer is skipped."""
    answers = {1: b"HTTP/1.1 204 No Content\r\n\r\n", 2: b"HTTP/1.1 100 Continue\r\n\r\n"}
    server, url = await raw(lambda n: answers.get(n, b"") + (b"" if n == 1 else fixed(OK_MESSAGE)))
    request = KeepAliveRequest()
    for status in (204, 200, 200):
        assert (await asyncio.wait_for(request.do_request(f"{url}/x", "POST"), 2))[0] == status
    await request.shutdown()
    assert server.connections == 1
