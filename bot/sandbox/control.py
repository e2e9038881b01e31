"""A thin JSON control API under /_sandbox/ so another process can act as users."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from .sandbox import Sandbox

Route = Callable[[web.Request], Awaitable[web.StreamResponse]]


def add_control_routes(app: web.Application, sandbox: Sandbox) -> None:
    """Register /_sandbox/... routes that call the Sandbox's own methods."""

    def endpoint(action: Callable[[dict[str, Any]], Any]) -> Route:
        async def handle(request: web.Request) -> web.StreamResponse:
            try:
                body: Any = await request.json() if request.can_read_body else {}
            except ValueError:
                return web.json_response({"error": "body must be JSON"}, status=400)
            if not isinstance(body, dict):
                return web.json_response({"error": "body must be a JSON object"}, status=400)
            body.update(request.match_info)
            try:
                result = action(body)
            except KeyError as error:
                return web.json_response({"error": f"unknown or missing {error}"}, status=404)
            except (TypeError, ValueError) as error:
                return web.json_response({"error": str(error)}, status=400)
            if isinstance(result, str):
                return web.Response(text=result)
            return web.json_response(result)

        return handle

    def add_user(b: dict[str, Any]) -> Any:
        user = sandbox.user(
            int(b["id"]),
            str(b["first_name"]),
            username=b.get("username"),
            language_code=b.get("language_code"),
        )
        return user.user

    def add_users(b: dict[str, Any]) -> Any:
        """Many users at once (benchmarks): ids first_id .. first_id + count - 1."""
        first, count = int(b["first_id"]), int(b["count"])
        prefix = str(b.get("first_name", "U"))
        for user_id in range(first, first + count):
            sandbox.user(user_id, f"{prefix}{user_id}")
        return {"created": count}

    def send_many(b: dict[str, Any]) -> Any:
        """Text messages from many users at once; each with its message id and when it was
        queued for the bot (time.monotonic(), comparable across processes on this machine)."""
        sent = []
        for one in b["messages"]:
            message = sandbox.find_user(int(one["user_id"])).send(str(one["text"]))
            sent.append({"message_id": message["message_id"], "at": time.monotonic()})
        return sent

    def accepted(b: dict[str, Any]) -> Any:
        """For each [chat_id, fragment]: when the first bot message containing the fragment
        was accepted (time.monotonic()), or null if none has been."""
        found = []
        for chat_id, fragment in b["queries"]:
            chat = sandbox.world.chats.get(int(chat_id))
            found.append(chat.first_accepted(str(fragment)) if chat else None)
        return found

    def reset_stats(b: dict[str, Any]) -> Any:
        sandbox.reset_stats()
        return {"ok": True}

    def add_group(b: dict[str, Any]) -> Any:
        return sandbox.group(int(b["id"]), str(b["title"])).chat.info

    def send(b: dict[str, Any]) -> Any:
        user = sandbox.find_user(int(b["user_id"]))
        reply_to = int(b["reply_to"]) if b.get("reply_to") is not None else None
        kind = b.get("kind", "text")
        if "group_id" in b:
            group = sandbox.group(int(b["group_id"]), str(b.get("title", "group")))
            message = group.send(user, str(b["text"]), reply_to=reply_to)
        elif kind == "text":
            message = user.send(str(b["text"]), reply_to=reply_to)
        elif kind == "voice":
            duration = int(b.get("duration", 3))
            message = user.send_voice(duration, b.get("caption"), reply_to)
        elif kind == "video_note":
            message = user.send_video_note(reply_to=reply_to)
        elif kind == "photo":
            message = user.send_photo(b.get("caption"), reply_to)
        elif kind == "video":
            message = user.send_video(b.get("caption"), reply_to=reply_to)
        else:
            raise ValueError(f"unknown kind {kind!r}")
        return {"message_id": message["message_id"]}

    def edit(b: dict[str, Any]) -> Any:
        user = sandbox.find_user(int(b["user_id"]))
        return user.edit(int(b["message_id"]), str(b["text"]))

    def press(b: dict[str, Any]) -> Any:
        user = sandbox.find_user(int(b["user_id"]))
        if "data" in b:
            query_id = user.press(int(b["message_id"]), str(b["data"]))
        else:
            message_id = int(b["message_id"]) if b.get("message_id") is not None else None
            query_id = user.press_button(str(b["text"]), message_id)
        return {"callback_query_id": query_id}

    def block(b: dict[str, Any]) -> Any:
        sandbox.block(int(b["chat_id"]))
        return {"ok": True}

    def unblock(b: dict[str, Any]) -> Any:
        sandbox.unblock(int(b["chat_id"]))
        return {"ok": True}

    def fail_next(b: dict[str, Any]) -> Any:
        sandbox.fail_next(
            b.get("method"),
            chat_id=int(b["chat_id"]) if b.get("chat_id") is not None else None,
            status=int(b.get("status", 429)),
            retry_after=int(b.get("retry_after", 1)),
            description=b.get("description"),
            times=int(b.get("times", 1)),
            deliver=bool(b.get("deliver", False)),
            page=bool(b.get("page", False)),
        )
        return {"ok": True}

    def inbox(b: dict[str, Any]) -> Any:
        chat_id = int(b["chat_id"])
        if chat_id not in sandbox.world.chats:
            raise KeyError(f"chat {chat_id}")
        return sandbox.world.chats[chat_id].inbox

    routes = web.RouteTableDef()
    routes.post("/_sandbox/users")(endpoint(add_user))
    routes.post("/_sandbox/users/bulk")(endpoint(add_users))
    routes.post("/_sandbox/groups")(endpoint(add_group))
    routes.post("/_sandbox/send")(endpoint(send))
    routes.post("/_sandbox/send_many")(endpoint(send_many))
    routes.post("/_sandbox/accepted")(endpoint(accepted))
    routes.post("/_sandbox/stats/reset")(endpoint(reset_stats))
    routes.post("/_sandbox/edit")(endpoint(edit))
    routes.post("/_sandbox/press")(endpoint(press))
    routes.post("/_sandbox/block")(endpoint(block))
    routes.post("/_sandbox/unblock")(endpoint(unblock))
    routes.post("/_sandbox/fail_next")(endpoint(fail_next))
    routes.get("/_sandbox/inbox/{chat_id}")(endpoint(inbox))
    routes.get("/_sandbox/stats")(endpoint(lambda b: sandbox.stats()))
    routes.get("/_sandbox/pending")(endpoint(lambda b: {"pending": sandbox.pending_updates()}))
    routes.get("/_sandbox/transcript")(endpoint(lambda b: sandbox.transcript()))
    app.add_routes(routes)
