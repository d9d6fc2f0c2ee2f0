"""An offline request that fails chosen Bot API methods, the way Telegram reports errors."""

from __future__ import annotations

import json
from typing import Any

from bot.console.offline import OfflineCall, OfflineRequest


class FaultyRequest(OfflineRequest):
    """Fails the next `times` calls to a method with an HTTP status and Telegram's description."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.faults: dict[str, list[tuple[int, str]]] = {}

    def fail(self, method: str, status: int, description: str, times: int = 1) -> None:
        self.faults.setdefault(method, []).extend([(status, description)] * times)

    async def do_request(
        self, url: str, method: str, request_data: Any = None, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        pending = self.faults.get(name)
        if not pending:
            return await super().do_request(url, method, request_data, *args, **kwargs)
        status, description = pending.pop(0)
        params = dict(request_data.parameters) if request_data is not None else {}
        self.calls.append(OfflineCall(name, params, None))
        body = {"ok": False, "error_code": status, "description": description}
        return status, json.dumps(body).encode()
