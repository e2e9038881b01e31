"""The Sandbox: one fake Telegram bot server with the people and chats a test acts through."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from aiohttp import web

from .api import BotApi
from .bot_methods import commands_key
from .control import add_control_routes
from .faults import GARBLED, Fault
from .people import SandboxGroup, SandboxUser, deactivate, set_blocked
from .recorder import Call, Recorder
from .server import build_app
from .transcript import render
from .waiting import describe_predicate, wait_until
from .world import Chat, World

T = TypeVar("T")
DEFAULT_TOKEN = "123456:SANDBOX"


class Sandbox:
    """A fake Telegram Bot API server on loopback, and the people who talk to the bot."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "DuetSandboxBot",
        bot_first_name: str = "Duet",
        *,
        latency: float = 0.0,
        global_rate: float | None = None,
        per_chat_rate: float | None = None,
        record: bool = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        prefix = token.split(":", 1)[0]
        bot_user = {
            "id": int(prefix) if prefix.isdigit() else 123456,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.token = token
        self.world = World(bot_user, clock, keep_events=record)
        self.api = BotApi(
            self.world,
            latency=latency,
            global_rate=global_rate,
            per_chat_rate=per_chat_rate,
            record=record,
        )
        self.host = "127.0.0.1"
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._users: dict[int, SandboxUser] = {}
        self._groups: dict[int, SandboxGroup] = {}

    # running

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Listen on host:port (port 0 picks a free one)."""
        if self._runner is not None:
            raise RuntimeError("sandbox already started")
        app = build_app(self.api, self.token)
        add_control_routes(app, self)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self.host = host
        self.port = int(runner.addresses[0][1])
        self.world.closing = False

    async def stop(self) -> None:
        """Answer waiting long polls and stop listening."""
        if self._runner is None:
            return
        self.world.shutdown()
        runner, self._runner = self._runner, None
        await runner.cleanup()

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """Root URL of the server, e.g. http://127.0.0.1:8081."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """Bot API base URL; clients append token + "/" + method."""
        return f"{self.url}/bot"

    @property
    def file_url(self) -> str:
        """File download base URL; clients append token + "/" + file_path."""
        return f"{self.url}/file/bot"

    @property
    def bot(self) -> dict[str, Any]:
        """The bot's User object."""
        return self.world.bot_user

    # people and chats

    def user(
        self,
        user_id: int,
        first_name: str,
        *,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = None,
    ) -> SandboxUser:
        """A person with a private chat with the bot (chat id == user id); same id, same one."""
        if user_id in self._users:
            return self._users[user_id]
        if user_id <= 0:
            raise ValueError("user ids are positive; use group() for group chats")
        person: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        info: dict[str, Any] = {"id": user_id, "type": "private", "first_name": first_name}
        for key, value in (("last_name", last_name), ("username", username)):
            if value:
                person[key] = info[key] = value
        if language_code:
            person["language_code"] = language_code
        chat = self.world.add_chat(user_id, info, person)
        self._users[user_id] = SandboxUser(self.world, chat)
        return self._users[user_id]

    def group(self, chat_id: int, title: str, *, kind: str = "group") -> SandboxGroup:
        """A group chat the bot is a member of (chat id negative, kind group or supergroup)."""
        if chat_id in self._groups:
            return self._groups[chat_id]
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        info: dict[str, Any] = {"id": chat_id, "type": kind, "title": title}
        chat = self.world.add_chat(chat_id, info, None)
        self._groups[chat_id] = SandboxGroup(self.world, chat)
        return self._groups[chat_id]

    def users(self) -> list[SandboxUser]:
        """Every user created so far."""
        return list(self._users.values())

    def find_user(self, user_id: int) -> SandboxUser:
        """The user with this id; KeyError if never created."""
        return self._users[user_id]

    def _chat(self, chat_id: int) -> Chat:
        if chat_id not in self.world.chats:
            raise KeyError(f"no chat {chat_id} in the sandbox")
        return self.world.chats[chat_id]

    def block(self, chat_id: int) -> None:
        """The user blocks the bot (403 "bot was blocked by the user"; a group kicks it)."""
        set_blocked(self.world, self._chat(chat_id), True)

    def unblock(self, chat_id: int) -> None:
        """The user unblocks the bot."""
        set_blocked(self.world, self._chat(chat_id), False)

    def deactivate(self, chat_id: int) -> None:
        """The user deletes their account (403 "user is deactivated" from now on)."""
        deactivate(self._chat(chat_id))

    # faults

    def fail_next(
        self,
        method: str | None = None,
        *,
        chat_id: int | None = None,
        status: int = 429,
        retry_after: int = 1,
        description: str | None = None,
        times: int = 1,
        deliver: bool = False,
        page: bool = False,
    ) -> None:
        """Make the next `times` matching calls fail (status 0: drop the connection).

        method None matches any method but getUpdates; chat_id None matches any chat.
        deliver=True lets the call take effect (the message arrives) before it fails, as
        when Telegram delivered but the answer was lost on the way back. Status 200: the call
        takes effect and answers "ok" with a result the client cannot read. page=True answers
        with an HTML error page, as a proxy in front of Telegram does (a 502 "Bad Gateway").
        """
        if status not in (0, GARBLED) and not 400 <= status <= 599:
            raise ValueError("status must be 0 (drop the connection), 200 (garbled) or 400..599")
        fault = Fault(method, chat_id, status, retry_after, description, times, deliver, page)
        self.api.faults.add(fault)

    def clear_faults(self) -> None:
        """Forget faults planned and not yet used."""
        self.api.faults.clear()

    # reading what happened

    @property
    def calls(self) -> list[Call]:
        """Every Bot API call so far (empty when record=False)."""
        return self.api.recorder.calls

    def calls_to(self, method: str, chat_id: int | None = None) -> list[Call]:
        """Calls of one method, optionally to one chat."""
        return [
            call
            for call in self.calls
            if call.method == method and (chat_id is None or call.params.get("chat_id") == chat_id)
        ]

    def stats(self) -> dict[str, Any]:
        """Counts of calls by method and status, messages sent, first/last send time."""
        return self.api.recorder.stats()

    def reset_stats(self) -> None:
        """Start the counters (and the record of calls) afresh."""
        self.api.recorder = Recorder(self.api.recorder.record)

    def replay_latest(self) -> int:
        """Hand the newest update to the bot once more, same update_id (a restart before the
        offset was confirmed); returns its update_id."""
        return self.world.replay_latest()

    def pending_updates(self) -> int:
        """Updates queued and not yet confirmed by a getUpdates offset."""
        return self.world.pending()

    def document_bytes(self, file_id: str) -> bytes:
        """The bytes of a file the bot uploaded (or any file the sandbox knows)."""
        stored = self.world.files.get(file_id)
        if stored is None:
            raise KeyError(f"no file {file_id!r} in the sandbox")
        return stored.data

    @property
    def callback_answers(self) -> dict[str, dict[str, Any]]:
        """answerCallbackQuery answers by callback query id."""
        return {
            query_id: query["answer"]
            for query_id, query in self.world.callbacks.items()
            if query["answer"] is not None
        }

    def commands(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """The command list the bot set for a scope and language (default: the default one)."""
        return self.world.commands.get(commands_key(scope, language_code), [])

    @property
    def webhook_url(self) -> str:
        """The URL set by setWebhook ("" if none)."""
        return str(self.world.webhook.get("url") or "")

    def transcript(self) -> str:
        """Everything said in every chat, in order: "Alex → bot: /start", "bot → Alex: ..."."""
        return render(self.world)

    async def wait_for(
        self,
        predicate: Callable[[], T],
        timeout: float = 5.0,  # noqa: ASYNC109 - the public API names it so
        message: str | None = None,
    ) -> T:
        """Poll predicate every 10 ms until truthy (returns its value) or fail after timeout."""

        def explain() -> str:
            what = message or describe_predicate(predicate)
            tail = self.transcript().splitlines()[-15:]
            lines = [f"timed out after {timeout}s waiting for: {what}"]
            if tail:
                lines += ["last lines of the transcript:", *("  " + line for line in tail)]
            return "\n".join(lines)

        return await wait_until(predicate, timeout, explain)
