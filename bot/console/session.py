"""`python -m bot console`: chat with the real Application in a terminal, fully offline.

Each typed line becomes a real Update fed to application.process_update; the bot's calls
go to an OfflineRequest whose hook prints them as they happen, so unprompted messages
(a daily briefing coming due) show up too. Replies are shown as plain text with their
buttons numbered; `#2` presses button 2 of the last message, `@word` runs an inline query.
Without a terminal (piped stdin) it reads to the end, prints the replies and exits.
The console user's Telegram language is `lang` (`--lang fr`), so replies follow it until
/language chooses one, as they would for a real user.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.console.offline import OfflineCall, OfflineRequest
from bot.console.plaintext import html_to_text
from bot.types import App
from briefs.i18n import DEFAULT

CONSOLE_USER = 1000


class Console:
    """Turns typed lines into updates and prints what the bot sends back."""

    def __init__(self, settings: Settings, out: TextIO, lang: str = DEFAULT) -> None:
        self.out = out
        self.lang = lang
        self.request = OfflineRequest(on_call=self.show)
        self.application: App = build_application(settings, request=self.request, updater=False)
        # The console user is an admin when admins are configured, so /reload can be tried.
        self.user_id = min(settings.admins, default=CONSOLE_USER)
        self._ids = itertools.count(1)
        self._actions: list[Callable[[], dict[str, Any] | None]] = []

    # --- output ------------------------------------------------------------------------

    def show(self, call: OfflineCall) -> None:
        """OfflineRequest hook: print a reply, an edit, a notice or inline results."""
        params, result = call.params, call.result
        if call.method in ("sendMessage", "editMessageText"):
            tag = "bot" if call.method == "sendMessage" else "bot (edited)"
            self.write(f"{tag}> {html_to_text(str(params.get('text', '')))}")
            if isinstance(result, dict):
                self._buttons(result)
        elif call.method == "answerCallbackQuery" and params.get("text"):
            self.write(f"bot (notice)> {params['text']}")
        elif call.method == "answerInlineQuery":
            self._inline_results(list(params.get("results", [])))

    def write(self, text: str) -> None:
        self.out.write(text.rstrip() + "\n\n")
        self.out.flush()

    def _buttons(self, message: dict[str, Any]) -> None:
        rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
        self._actions, lines = [], []
        for row in rows:
            labels = []
            for button in row:
                self._actions.append(self._press(message, button))
                labels.append(f"[{len(self._actions)}] {button.get('text', '')}")
            lines.append("  ".join(labels))
        if lines:
            self.write("\n".join(lines))

    def _inline_results(self, results: list[dict[str, Any]]) -> None:
        self._actions, lines = [], []
        for result in results:
            text = str((result.get("input_message_content") or {}).get("message_text", ""))
            self._actions.append(self._share(text))
            lines.append(f"[{len(self._actions)}] {result.get('title', '')}")
        self.write("\n".join(lines) if lines else "(no inline results)")

    def _press(
        self, message: dict[str, Any], button: dict[str, Any]
    ) -> Callable[[], dict[str, Any] | None]:
        def press() -> dict[str, Any] | None:
            if "callback_data" not in button:
                self.write(f"(opens {button.get('url', 'a link')})")
                return None
            return self._update(
                callback_query={
                    "id": str(next(self._ids)),
                    "from": self._user(),
                    "chat_instance": "console",
                    "message": message,
                    "data": button["callback_data"],
                }
            )

        return press

    def _share(self, text: str) -> Callable[[], dict[str, Any] | None]:
        def share() -> None:
            self.write(f"shared> {html_to_text(text)}")

        return share

    # --- input -------------------------------------------------------------------------

    def update_for(self, line: str) -> dict[str, Any] | None:
        """The update a typed line stands for (None when it only acts locally)."""
        if line.startswith("#") and line[1:].strip().isdecimal():  # isdigit() takes "²"
            number = int(line[1:])
            if not 1 <= number <= len(self._actions):
                self.write(f"(no button {number})")
                return None
            return self._actions[number - 1]()
        if line.startswith("@"):
            first, _, rest = line[1:].partition(" ")
            named = first.lower() == self.application.bot.username.lower()
            query = {"id": str(next(self._ids)), "from": self._user(), "offset": ""}
            return self._update(inline_query=query | {"query": rest if named else line[1:]})
        message: dict[str, Any] = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": self.user_id, "type": "private", "first_name": "You"},
            "from": self._user(),
            "text": line,
        }
        if line.startswith("/"):
            command = line.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self._update(message=message)

    def _user(self) -> dict[str, Any]:
        return {
            "id": self.user_id,
            "is_bot": False,
            "first_name": "You",
            "language_code": self.lang,
        }

    def _update(self, **kind: Any) -> dict[str, Any]:
        return {"update_id": next(self._ids), **kind}

    async def feed(self, line: str) -> None:
        """Process one typed line to the end (every reply printed before this returns)."""
        data = self.update_for(line.strip())
        if data is not None:
            await self.application.process_update(Update.de_json(data, self.application.bot))


async def run(
    settings: Settings,
    stdin: TextIO,
    out: TextIO,
    lang: str = DEFAULT,
    console: Console | None = None,
) -> int:
    """Start the application offline, feed it stdin line by line, shut down at EOF.
    A test passes its own `console` to read the calls the bot made (console.request)."""
    console = console or Console(settings, out, lang)
    application = console.application
    interactive = stdin.isatty()
    async with application:
        assert application.post_init is not None
        await application.post_init(application)
        await application.start()
        try:
            if interactive:
                intro = application.bot_data.services.renderer.message(
                    "console_intro", fmt="text", username=application.bot.username, lang=lang
                )
                console.write(intro)
            while True:
                if interactive:
                    out.write("you> ")
                    out.flush()
                line = await asyncio.to_thread(stdin.readline)
                if not line:
                    break
                if not line.strip():
                    continue
                if not interactive:
                    console.write(f"you> {line.strip()}")
                await console.feed(line)
        finally:
            await application.stop()
            if application.post_shutdown is not None:
                await application.post_shutdown(application)
    return 0


def main(settings: Settings, lang: str = DEFAULT) -> int:
    """Entry point for `python -m bot console [--lang fr]`."""
    try:
        return asyncio.run(run(settings, sys.stdin, sys.stdout, lang))
    except KeyboardInterrupt:
        return 0
