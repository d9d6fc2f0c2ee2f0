"""A lean HTTP/1.1 keep-alive request class for broadcasts.

Why not PTB's HTTPXRequest: a broadcast sends the same kind of small JSON request hundreds
of times a second, and httpx's general machinery (connection-pool bookkeeping, anyio locks,
url-encoded forms) cost more CPU per message than everything else in delivery put together,
which capped a 1,000 msg/s broadcast at about half its rate. This class does only what
delivery needs: JSON POSTs over a small pool of persistent connections (TLS for https), with
PTB's timeouts. It never uploads files; PTB's BaseRequest maps the answers to exceptions.
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

_IDLE_LIMIT = 30.0  # seconds; servers drop idle connections, so older ones are not reused
_MAX_HEADER_LINES = 100


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
            raise TimedOut("Pool timeout: all connections are busy") from error
        try:
            return await self._exchange(parts, head + body, waits)
        finally:
            self._slots.release()

    async def _exchange(
        self,
        address: SplitResult,
        request: bytes,
        waits: tuple[float | None, ...],
    ) -> tuple[int, bytes]:
        connection = await self._connection(address, waits[1])
        done = False
        try:
            async with asyncio.timeout(waits[2]):
                connection.writer.write(request)
                await connection.writer.drain()
            async with asyncio.timeout(waits[3]):
                status, payload, keep = await _read_response(connection.reader)
            done = keep
            return status, payload
        except TimeoutError as error:
            raise TimedOut("Timed out talking to the Bot API") from error
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            raise NetworkError(
                f"Connection to the Bot API failed: {type(error).__name__}"
            ) from error
        finally:
            if done:
                connection.idle_since = time.monotonic()
                self._idle.append(connection)
            else:
                connection.close()

    async def _connection(self, address: SplitResult, wait: float | None) -> _Connection:
        now = time.monotonic()
        while self._idle:
            connection = self._idle.pop()
            if connection.usable(now):
                return connection
            connection.close()
        if address.scheme not in ("http", "https") or not address.hostname:
            raise NetworkError(f"Unsupported Bot API address scheme: {address.scheme!r}")
        tls = self._tls_context() if address.scheme == "https" else None
        try:
            async with asyncio.timeout(wait):
                reader, writer = await asyncio.open_connection(
                    address.hostname, address.port or (443 if tls else 80), ssl=tls, limit=2**20
                )
        except TimeoutError as error:
            raise TimedOut("Timed out connecting to the Bot API") from error
        except OSError as error:
            raise NetworkError(f"Could not connect to the Bot API: {error.strerror}") from error
        return _Connection(reader, writer, now)

    def _tls_context(self) -> ssl.SSLContext:
        if self._tls is None:
            self._tls = ssl.create_default_context()
        return self._tls

    def _seconds(self, value: ODVInput[float]) -> float | None:
        return self._timeout if value is DEFAULT_NONE else value  # type: ignore[return-value]


def _json_body(parameters: dict[str, Any]) -> bytes:
    return json.dumps(parameters, ensure_ascii=False, separators=(",", ":")).encode()


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """Status, body and whether the connection may be reused (Content-Length or chunked)."""
    version, code = (await reader.readuntil(b"\r\n")).decode("latin-1").split()[:2]
    if not version.startswith("HTTP/"):
        raise ValueError("not an HTTP answer")
    status = int(code)
    headers: dict[str, str] = {}
    for _ in range(_MAX_HEADER_LINES):
        line = await reader.readuntil(b"\r\n")
        if line == b"\r\n":
            break
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    else:
        raise ValueError("too many response headers")
    keep = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = await _read_chunked(reader)
    elif "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    else:
        body, keep = await reader.read(), False
    return status, body, keep


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


__all__ = ["KeepAliveRequest"]
