"""The broadcast bot's HTTP client: a PTB request class on aiohttp.

Why not PTB's HTTPXRequest: a broadcast sends the same kind of small JSON request hundreds
of times a second, and httpx's machinery (anyio locks, url-encoded forms) costs more CPU per
message than the rest of delivery together; aiohttp's C-accelerated HTTP/1.1 client on a
keep-alive pool does the same work for a fraction (figures in the README, Performance).
Like aiogram's AiohttpSession it keeps one ClientSession with a sized TCPConnector; unlike
it, its errors say whether Telegram can have acted on the request, because resending a
message Telegram did receive sends the chat a second copy:

- `Unsent` (and `UnsentTimeout`): no byte of the request reached a connection (no free
  connection in time, no connection), so Telegram cannot have seen it and sending it again
  is safe. A kept-alive connection found closed before the write is the one case retried
  here, once and at once, on a fresh connection;
- `Unanswered` (and `UnansweredTimeout`): the request was handed to the connection but no
  complete answer came, so it may have been carried out. It is never sent again here.

Proxies come from the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), as with PTB's default,
read once per Bot API address with aiohttp's own `trust_env` lookup: the session's
`trust_env=True` would repeat that lookup and a .netrc one on a thread for every request,
which cost more CPU than all the rest of a send. JSON only: broadcasts never upload files.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
from aiohttp.abc import AbstractStreamWriter
from aiohttp.helpers import get_env_proxy_for_url  # what trust_env=True itself calls
from aiohttp.http_writer import StreamWriter
from aiohttp.payload import BytesPayload
from telegram._utils.defaultvalue import DEFAULT_NONE, DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from yarl import URL

_Proxy = tuple[URL | None, aiohttp.BasicAuth | None]
# Errors aiohttp raises only while getting a connection, before anything is written.
_CONNECTING = (aiohttp.ClientConnectorError, aiohttp.ClientHttpProxyError)


class Unsent(NetworkError):
    """The request was not written: Telegram cannot have acted on it; resending is safe."""


class UnsentTimeout(TimedOut, Unsent):
    """Timed out waiting for a connection (pool or connect): nothing went out."""


class Unanswered(NetworkError):
    """The request was written but no complete answer came: it may have been carried out."""


class UnansweredTimeout(TimedOut, Unanswered):
    """The request was written (or partly) and the answer did not come in time."""


class _Body(BytesPayload):
    """The JSON body, which notes whether any of it was handed to the connection.

    aiohttp holds back the request headers and writes them together with the body, so
    until this writes, nothing of the request has gone out. A kept-alive connection the
    server closed while it sat idle is caught here, before the write."""

    def __init__(self, data: bytes, write_timeout: float | None) -> None:
        super().__init__(data, content_type="application/json")
        self.handed = False
        self._write_timeout = write_timeout

    async def write_with_length(
        self, writer: AbstractStreamWriter, content_length: int | None
    ) -> None:
        if isinstance(writer, StreamWriter):
            transport = writer.transport
            if transport is None or transport.is_closing():
                raise ConnectionResetError("the connection closed before the request was written")
        self.handed = True
        async with asyncio.timeout(self._write_timeout):
            await super().write_with_length(writer, content_length)


class AiohttpRequest(BaseRequest):
    """At most `connection_pool_size` connections; a caller waits `pool_timeout` for one.

    Timeouts are PTB's four, each overridable per call: pool (a free connection), connect,
    write, and read (between bytes of the answer)."""

    def __init__(
        self,
        connection_pool_size: int = 8,
        *,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._size = connection_pool_size
        self._defaults = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        self._slots = asyncio.Semaphore(connection_pool_size)
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, _Proxy] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._defaults[0]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = self._new_session()

    def _new_session(self) -> aiohttp.ClientSession:
        return aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=self._size, ttl_dns_cache=3600),
            cookie_jar=aiohttp.DummyCookieJar(),
            headers={"User-Agent": self.USER_AGENT},
        )

    def _proxy(self, url: str) -> _Proxy:
        """The environment's proxy for `url`'s scheme and host (None: connect directly)."""
        origin = url[: url.find("/", url.find("//") + 2)]
        if origin not in self._proxies:
            try:
                self._proxies[origin] = get_env_proxy_for_url(URL(origin))
            except LookupError:  # none set, or NO_PROXY covers this host
                self._proxies[origin] = (None, None)
        return self._proxies[origin]

    async def shutdown(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()

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
            raise NetworkError("AiohttpRequest sends JSON only; file uploads are not supported")
        read, write, connect, pool = (
            default if isinstance(value, DefaultValue) else value
            for value, default in zip(
                (read_timeout, write_timeout, connect_timeout, pool_timeout),
                self._defaults,
                strict=True,
            )
        )
        # Always a body, even `{}`: a body-less POST would go out with its headers alone.
        body = _Body(_json(request_data.parameters if request_data else {}), write)
        try:
            async with asyncio.timeout(pool):
                await self._slots.acquire()
        except TimeoutError:
            raise UnsentTimeout("Pool timeout: all connections are busy") from None
        try:
            if self._session is not None:
                return await self._exchange(self._session, url, method, body, connect, read)
            # Never initialized (say, a Bot never initialized, whose shutdown() then skips
            # ours): a session for this call alone, so none is left open.
            async with self._new_session() as session:
                return await self._exchange(session, url, method, body, connect, read)
        finally:
            self._slots.release()

    async def _exchange(
        self,
        session: aiohttp.ClientSession,
        url: str,
        method: str,
        body: _Body,
        connect: float | None,
        read: float | None,
    ) -> tuple[int, bytes]:
        timeout = aiohttp.ClientTimeout(
            total=None, connect=connect, sock_connect=connect, sock_read=read
        )
        proxy, proxy_auth = self._proxy(url)
        for again in (True, False):
            try:
                async with session.request(
                    method,
                    url,
                    data=body,
                    timeout=timeout,
                    allow_redirects=False,
                    proxy=proxy,
                    proxy_auth=proxy_auth,
                ) as response:
                    return response.status, await response.read()
            except (aiohttp.ClientError, OSError) as error:
                failure = _classified(error, body.handed)
                # A kept-alive connection found closed before the write: nothing went out,
                # so once more at once (on a fresh connection) rather than after a backoff.
                if not (again and type(failure) is Unsent and not isinstance(error, _CONNECTING)):
                    raise failure from None
        raise AssertionError("unreachable")  # the second pass returns or raises


def _classified(error: BaseException, handed: bool) -> NetworkError:
    """Unsent or Unanswered, with a message that never contains the URL (it holds the token)."""
    name = type(error).__name__
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return UnsentTimeout(f"Timed out connecting to the Bot API ({name})")
    if isinstance(error, _CONNECTING):
        reason = getattr(error, "strerror", None) or name
        return Unsent(f"Could not connect to the Bot API: {reason}")
    if not handed:
        return Unsent(f"The request was not written: {name}")
    if isinstance(error, TimeoutError):
        return UnansweredTimeout(f"No answer in time ({name})")
    return Unanswered(f"No complete answer: {name}")


def _json(parameters: dict[str, Any]) -> bytes:
    return json.dumps(parameters, ensure_ascii=False, separators=(",", ":")).encode()


__all__ = ["AiohttpRequest", "Unanswered", "UnansweredTimeout", "Unsent", "UnsentTimeout"]
