"""PTB's default client for tests that talk to the stand-in on 127.0.0.1.

A Bot built the plain way makes two HTTPXRequests, and each loads the system's CA bundle
(about 50 ms) to build an SSL context that loopback HTTP never uses. Here every such client
shares one context built once per test process, so a test pays only for what it exercises.
"""

from __future__ import annotations

import ssl
from functools import cache

from telegram import Bot
from telegram.request import BaseRequest, HTTPXRequest

from tests.support.botapi_standin import BotApiStandin


@cache
def _tls() -> ssl.SSLContext:
    return ssl.create_default_context()


def loopback_request() -> HTTPXRequest:
    """PTB's HTTPXRequest as the bot would build it, sharing the run's one SSL context."""
    return HTTPXRequest(httpx_kwargs={"verify": _tls()})


def standin_bot(
    standin: BotApiStandin, token: str | None = None, request: BaseRequest | None = None
) -> Bot:
    """A Bot on the stand-in: `request` for its calls (PTB's default client if None)."""
    return Bot(
        token or standin.token,
        base_url=f"{standin.base_url}/bot",
        request=request or loopback_request(),
        get_updates_request=loopback_request(),
    )
