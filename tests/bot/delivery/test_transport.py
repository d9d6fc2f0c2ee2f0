"""The broadcast HTTP client: a real telegram.Bot on AiohttpRequest, over loopback only."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter  # PTB builds these itself

from bot.delivery.sending import Limits, Sender
from bot.delivery.transport import (
    AiohttpRequest,
    Unanswered,
    UnansweredTimeout,
    Unsent,
    UnsentTimeout,
)
from tests.support.botapi_standin import BotApiStandin, Fault
from tests.support.loopback import loopback_request

TOKEN = "123456:TEST-TOKEN"
OK_MESSAGE = {
    "ok": True,
    "result": {"message_id": 1, "date": 0, "chat": {"id": 7, "type": "private"}, "text": "x"},
}


@pytest.fixture
def standin() -> Iterator[BotApiStandin]:
    with BotApiStandin(token=TOKEN) as server:
        yield server


def bot_for(base_url: str, request: AiohttpRequest | None = None) -> Bot:
    return Bot(
        TOKEN,
        base_url=f"{base_url}/bot",
        request=request or AiohttpRequest(),
        get_updates_request=loopback_request(),
    )


def text(value: str) -> RequestData:
    return RequestData([RequestParameter("text", value, None)])


async def no_sleep(seconds: float) -> None:
    """The Sender's backoff, without waiting."""


async def refused_port() -> int:
    """A loopback port nothing listens on."""
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port: int = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    return port


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
        with pytest.raises(NetworkError) as failed:
            await bot.send_message(1, "d")
        assert not isinstance(failed.value, Unsent | Unanswered)  # Telegram answered
        assert (await bot.send_message(1, "e")).text == "e"  # the connection is still usable


async def test_a_5xx_is_resent_by_the_sender(standin: BotApiStandin) -> None:
    """A 500 means Telegram did not carry the message out: the Sender sends it again."""
    standin.add_fault(Fault("sendMessage", status=500))
    async with bot_for(standin.base_url) as bot:
        result = await Sender(bot, Limits(rate=1000), sleep=no_sleep).send(1, "again", None)
    assert (result.ok, result.attempts) == (True, 2)
    assert [c.status for c in standin.calls_to("sendMessage")] == [500, 200]


async def test_a_slow_answer_times_out_as_unanswered(standin: BotApiStandin) -> None:
    """A request written but answered too late is a TimedOut that says it may have arrived;
    the constructor's read timeout applies, and a per-call one overrides it."""
    unanswered = threading.Event()
    standin.add_fault(Fault("sendMessage", status=200, hold=unanswered, chat_id=1))
    standin.add_fault(Fault("sendMessage", status=200, delay=0.2, chat_id=2))
    async with bot_for(standin.base_url, AiohttpRequest(read_timeout=0.1)) as bot:
        with pytest.raises(UnansweredTimeout) as late:
            await bot.send_message(1, "slow")
        unanswered.set()
        assert isinstance(late.value, TimedOut)
        assert not isinstance(late.value, Unsent)
        assert (await bot.send_message(2, "waited", read_timeout=5)).text == "waited"


async def test_nothing_listening_is_unsent_and_resent() -> None:
    """Connection refused: the request never went out, so the Sender uses every attempt."""
    port = await refused_port()
    request = AiohttpRequest()
    with pytest.raises(Unsent, match="connect"):
        await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")
    bot = bot_for(f"http://127.0.0.1:{port}", request)
    limits = Limits(rate=1000, attempts=3)
    result = await Sender(bot, limits, sleep=no_sleep).send(1, "x", None)
    await request.shutdown()
    assert (result.ok, result.attempts) == (False, 3)
    assert "may have arrived" not in (result.reason or "")


async def test_a_hang_up_after_the_request_is_unanswered_and_not_resent(
    standin: BotApiStandin,
) -> None:
    """The server reads the request and closes without answering: the message may have
    gone out, so it is failed as "not resent" and the stand-in saw it exactly once."""
    standin.add_fault(Fault("sendMessage", hang_up=True, times=5))
    async with bot_for(standin.base_url) as bot:
        with pytest.raises(Unanswered) as lost:
            await bot.send_message(1, "once")
        assert not isinstance(lost.value, Unsent)
        result = await Sender(bot, Limits(rate=1000), sleep=no_sleep).send(2, "twice?", None)
    assert (result.ok, result.attempts) == (False, 1)
    assert "may have arrived" in (result.reason or "")
    assert [c.params["chat_id"] for c in standin.calls_to("sendMessage")] == [1, 2]


async def test_files_are_refused_clearly(standin: BotApiStandin) -> None:
    """Document uploads fail loudly instead of sending something else."""
    async with bot_for(standin.base_url) as bot:
        with pytest.raises(NetworkError, match="file uploads are not supported"):
            await bot.send_document(1, b"data", filename="a.txt")


async def test_errors_never_carry_the_token() -> None:
    """Transport errors name what failed, never the URL with the bot token in it."""
    port = await refused_port()
    request = AiohttpRequest()
    with pytest.raises(Unsent) as refused:
        await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/sendMessage", text("x"))
    await request.shutdown()
    assert TOKEN not in str(refused.value)
    assert refused.value.__cause__ is None


class LoopbackProxy:
    """A minimal HTTP forward proxy on 127.0.0.1: records each request line it is asked to
    forward, passes the request on in origin form, and pipes the answer back."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.server: asyncio.Server | None = None

    async def start(self) -> str:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream: asyncio.StreamWriter | None = None
        answers: asyncio.Task[None] | None = None
        while line := await reader.readline():
            method, target, version = line.decode().split()
            self.seen.append(f"{method} {target}")
            url = urlsplit(target)
            assert url.hostname == "127.0.0.1"  # never forward anywhere but loopback
            head = [f"{method} {url.path} {version}\r\n".encode()]
            while (header := await reader.readline()) != b"\r\n":
                head.append(header)
            length = next(
                (int(h.split(b":")[1]) for h in head if h.lower().startswith(b"content-length")), 0
            )
            if upstream is None:
                up_reader, upstream = await asyncio.open_connection(url.hostname, url.port)
                answers = asyncio.create_task(self._pipe(up_reader, writer))
            upstream.write(b"".join(head) + b"\r\n" + await reader.readexactly(length))
        if upstream is not None and answers is not None:
            upstream.close()
            await answers
        writer.close()

    @staticmethod
    async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        while data := await source.read(65536):
            sink.write(data)
            await sink.drain()


async def test_a_proxy_from_the_environment_is_used(
    standin: BotApiStandin, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP_PROXY is honoured (as with PTB's default request): the request goes through it."""
    proxy = LoopbackProxy()
    monkeypatch.setenv("HTTP_PROXY", await proxy.start())
    for name in ("NO_PROXY", "no_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    try:
        async with bot_for(standin.base_url) as bot:
            assert (await bot.send_message(5, "via proxy")).text == "via proxy"
    finally:
        await proxy.stop()
    assert f"POST {standin.base_url}/bot{TOKEN}/sendMessage" in proxy.seen
    assert [c.params["text"] for c in standin.calls_to("sendMessage")] == ["via proxy"]


# -- against a raw server that counts connections and can hold or drop them -----------------
Responder = Callable[[int], bytes]


class RawServer:
    """Answers request n with `respond(n)`, counts connections, and records each body; with
    `hold`, it waits for `release` before answering (`received` is set on each request)."""

    def __init__(self, respond: Responder) -> None:
        self.respond = respond
        self.connections = 0
        self.bodies: list[dict[str, object]] = []
        self.server: asyncio.Server | None = None
        self.hang_up = False
        self.hold = False
        self.received = asyncio.Event()
        self.release = asyncio.Event()

    async def start(self) -> str:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    async def stop(self) -> None:
        assert self.server is not None
        self.release.set()
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
                self.received.set()
                if self.hold:
                    await self.release.wait()
                writer.write(self.respond(len(self.bodies)))
                await writer.drain()
                if self.hang_up:
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


def fixed(body: dict[str, object]) -> bytes:
    data = json.dumps(body).encode()
    return f"HTTP/1.1 200 OK\r\nContent-Length: {len(data)}\r\n\r\n".encode() + data


StartRaw = Callable[[Responder], Awaitable[tuple[RawServer, str]]]


@pytest.fixture
async def raw() -> AsyncIterator[StartRaw]:
    servers: list[RawServer] = []

    async def start(respond: Responder) -> tuple[RawServer, str]:
        server = RawServer(respond)
        servers.append(server)
        return server, await server.start()

    yield start
    for server in servers:
        await server.stop()


async def test_one_connection_serves_many_requests(raw: StartRaw) -> None:
    """Sequential sends reuse one kept-alive connection."""
    server, url = await raw(lambda n: fixed(OK_MESSAGE))
    async with AiohttpRequest() as request:
        for i in range(20):
            await request.post(f"{url}/bot{TOKEN}/sendMessage", text(f"m{i}"))
    assert [body["text"] for body in server.bodies] == [f"m{i}" for i in range(20)]
    assert server.connections == 1


async def test_no_free_connection_is_an_unsent_timeout(raw: StartRaw) -> None:
    """With the only connection busy, the per-call pool timeout ends the wait before
    anything is written."""
    server, url = await raw(lambda n: fixed(OK_MESSAGE))
    server.hold = True
    async with AiohttpRequest(1) as request:
        busy = asyncio.create_task(request.post(f"{url}/bot{TOKEN}/sendMessage", text("busy")))
        await asyncio.wait_for(server.received.wait(), 5)
        with pytest.raises(UnsentTimeout):
            await request.post(f"{url}/bot{TOKEN}/sendMessage", text("waits"), pool_timeout=0.05)
        server.release.set()
        await busy
    assert [body["text"] for body in server.bodies] == ["busy"]


async def test_a_server_that_drops_each_connection_gets_each_message_once(
    raw: StartRaw,
) -> None:
    """The server hangs up after every answer: a send that finds its kept-alive connection
    closed before the write goes out once on a fresh one, and no message arrives twice."""
    server, url = await raw(lambda n: fixed(OK_MESSAGE))
    server.hang_up = True
    async with AiohttpRequest() as request:
        for i in range(10):
            await request.post(f"{url}/bot{TOKEN}/sendMessage", text(f"m{i}"))
    assert [body["text"] for body in server.bodies] == [f"m{i}" for i in range(10)]
    assert server.connections == 10


async def test_garbage_answer_is_unanswered(raw: StartRaw) -> None:
    """An answer that is not HTTP came after the request was written: it may have arrived."""
    _server, url = await raw(lambda n: b"NOT HTTP AT ALL\r\n\r\n")
    async with AiohttpRequest() as request:
        with pytest.raises(Unanswered):
            await request.post(f"{url}/bot{TOKEN}/getMe")
