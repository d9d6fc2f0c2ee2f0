"""A lean HTTP/1.1 keep-alive request class for broadcasts.

Why not PTB's HTTPXRequest: a broadcast sends the same kind of small JSON request hundreds
of times a second, and httpx's general machinery (connection-pool bookkeeping, anyio locks,
url-encoded forms) cost more CPU per message than everything else in delivery put together,
which capped a 1,000 msg/s broadcast at about half its rate. This class does only what
delivery needs: JSON POSTs over a small pool of persistent connections (TLS for https), with
PTB's timeouts. It never uploads files; PTB's BaseRequest maps the answers to exceptions.

Its transport errors say whether Telegram can have acted on the request, because resending a
message Telegram did receive sends the chat a second copy:
- `Unsent` (and `UnsentTimeout`): the request was not fully written (no free connection, no
  connection, or the write did not finish and the connection was dropped with its unsent
  bytes), so Telegram cannot have seen it, and sending it again is safe;
- `Unanswered` (and `UnansweredTimeout`): it was written but no complete answer came, so it
  may have been carried out.
A kept-alive connection the server closed just as it was reused fails before any answer
byte; the request is then sent once more on a fresh connection (the server never read it).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, urlsplit

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_NO_BODY = frozenset({204, 304})
_IDLE_LIMIT = 30.0  # seconds; servers drop idle connections, so older ones are not reused
_MAX_HEADER_LINES = 100


class Unsent(NetworkError):
    """The request was not fully written: Telegram cannot have acted on it; resending is safe."""


class UnsentTimeout(TimedOut, Unsent):
    """Timed out waiting for a connection (pool or connect) or writing: nothing went out."""


class Unanswered(NetworkError):
    """The request was written but no complete answer came: it may have been carried out."""


class UnansweredTimeout(TimedOut, Unanswered):
    """The request was written and the answer did not come in time."""


class _Stale(Exception):
    """A reused connection ended before the first byte of the answer."""


@dataclass(slots=True)
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    idle_since: float

    def usable(self, now: float) -> bool:
        return (
            not self.reader.at_eof()
            and not self.writer.is_closing()
            and now - self.idle_since < _IDLE_LIMIT
        )

    def close(self) -> None:
        self.writer.close()

    def abort(self) -> None:
        """Drop the connection and any bytes not yet sent (a half-written request stays so)."""
        self.writer.transport.abort()


class KeepAliveRequest(BaseRequest):
    """At most `size` persistent connections; a caller waits `pool_timeout` for a free one."""

    def __init__(self, size: int = 8, timeout: float = 10.0) -> None:
        self._size = size
        self._timeout = timeout
        self._slots = asyncio.Semaphore(size)
        self._idle: list[_Connection] = []
        self._tls: ssl.SSLContext | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._timeout

    async def initialize(self) -> None:
        """Nothing to open ahead: connections are made on first use and then kept."""

    async def shutdown(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()
        for connection in idle:
            with contextlib.suppress(OSError, ssl.SSLError):  # the server dropped it already
                await connection.writer.wait_closed()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if request_data is not None and request_data.contains_files:
            raise NetworkError("KeepAliveRequest sends JSON only; file uploads are not supported")
        body = _json_body(request_data.parameters if request_data is not None else {})
        parts = urlsplit(url)
        head = (
            f"{method} {parts.path}{'?' + parts.query if parts.query else ''} HTTP/1.1\r\n"
            f"Host: {parts.netloc}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
        ).encode("latin-1")
        waits = (
            self._seconds(pool_timeout),
            self._seconds(connect_timeout),
            self._seconds(write_timeout),
            self._seconds(read_timeout),
        )
        try:
            async with asyncio.timeout(waits[0]):
                await self._slots.acquire()
        except TimeoutError as error:
            raise UnsentTimeout("Pool timeout: all connections are busy") from error
        try:
            return await self._exchange(parts, head + body, waits)
        finally:
            self._slots.release()

    async def _exchange(
        self, address: SplitResult, request: bytes, waits: tuple[float | None, ...]
    ) -> tuple[int, bytes]:
        connection, reused = await self._connection(address, waits[1], reuse=True)
        try:
            return await self._round_trip(connection, request, waits, reused)
        except _Stale:
            pass  # the server closed it as we reused it: it never read this request
        connection, _ = await self._connection(address, waits[1], reuse=False)
        return await self._round_trip(connection, request, waits, False)

    async def _round_trip(
        self,
        connection: _Connection,
        request: bytes,
        waits: tuple[float | None, ...],
        reused: bool,
    ) -> tuple[int, bytes]:
        keep = False
        try:
            try:
                async with asyncio.timeout(waits[2]):
                    connection.writer.write(request)
                    await connection.writer.drain()
            except TimeoutError as error:
                raise UnsentTimeout("Timed out writing to the Bot API") from error
            except OSError as error:
                raise Unsent(f"Could not write to the Bot API: {type(error).__name__}") from error
            try:
                async with asyncio.timeout(waits[3]):
                    try:
                        first = await connection.reader.readuntil(b"\r\n")
                    except (asyncio.IncompleteReadError, ConnectionResetError) as error:
                        if reused and not getattr(error, "partial", b""):
                            raise _Stale from error
                        raise
                    status, payload, keep = await _read_response(connection.reader, first)
            except TimeoutError as error:
                raise UnansweredTimeout(f"No answer within {waits[3]}s") from error
            except (OSError, asyncio.IncompleteReadError, ValueError) as error:
                raise Unanswered(f"No complete answer: {type(error).__name__}") from error
            return status, payload
        finally:
            if keep:
                connection.idle_since = time.monotonic()
                self._idle.append(connection)
            else:
                connection.abort()

    async def _connection(
        self, address: SplitResult, wait: float | None, *, reuse: bool
    ) -> tuple[_Connection, bool]:
        """An idle connection (True) if `reuse` and one is usable, else a new one (False)."""
        now = time.monotonic()
        while reuse and self._idle:
            connection = self._idle.pop()
            if connection.usable(now):
                return connection, True
            connection.close()
        if address.scheme not in ("http", "https") or not address.hostname:
            raise Unsent(f"Unsupported Bot API address scheme: {address.scheme!r}")
        tls = self._tls_context() if address.scheme == "https" else None
        try:
            async with asyncio.timeout(wait):
                reader, writer = await asyncio.open_connection(
                    address.hostname, address.port or (443 if tls else 80), ssl=tls, limit=2**20
                )
        except TimeoutError as error:
            raise UnsentTimeout("Timed out connecting to the Bot API") from error
        except OSError as error:
            raise Unsent(f"Could not connect to the Bot API: {error.strerror}") from error
        return _Connection(reader, writer, now), False

    def _tls_context(self) -> ssl.SSLContext:
        if self._tls is None:
            self._tls = ssl.create_default_context()
        return self._tls

    def _seconds(self, value: ODVInput[float]) -> float | None:
        return self._timeout if value is DEFAULT_NONE else value  # type: ignore[return-value]


def _json_body(parameters: dict[str, Any]) -> bytes:
    return json.dumps(parameters, ensure_ascii=False, separators=(",", ":")).encode()


async def _read_response(reader: asyncio.StreamReader, first: bytes) -> tuple[int, bytes, bool]:
    """Status, body and whether the connection may be reused, from the status line `first` on.

    Interim 1xx answers are skipped; 204 and 304 have no body whatever the headers say.
    """
    while True:
        version, code = first.decode("latin-1").split()[:2]
        if not version.startswith("HTTP/"):
            raise ValueError("not an HTTP answer")
        status, headers = int(code), await _read_headers(reader)
        if not 100 <= status < 200:
            break
        first = await reader.readuntil(b"\r\n")
    keep = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
    if status in _NO_BODY:
        body = b""
    elif "chunked" in headers.get("transfer-encoding", "").lower():
        body = await _read_chunked(reader)
    elif "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    else:
        body, keep = await reader.read(), False
    return status, body, keep


async def _read_headers(reader: asyncio.StreamReader) -> dict[str, str]:
    headers: dict[str, str] = {}
    for _ in range(_MAX_HEADER_LINES):
        line = await reader.readuntil(b"\r\n")
        if line == b"\r\n":
            return headers
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    raise ValueError("too many response headers")


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    chunks: list[bytes] = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
        if size == 0:
            while await reader.readuntil(b"\r\n") != b"\r\n":
                pass  # trailers
            return b"".join(chunks)
        chunks.append(await reader.readexactly(size))
        await reader.readexactly(2)


__all__ = ["KeepAliveRequest", "Unanswered", "UnansweredTimeout", "Unsent", "UnsentTimeout"]
