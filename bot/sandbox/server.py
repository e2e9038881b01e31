"""The HTTP side: /bot<token>/<method> and /file/bot<token>/<path> on aiohttp."""

from __future__ import annotations

from aiohttp import web

from .api import BotApi
from .errors import ApiError
from .params import read_params

MAX_UPLOAD = 50 * 1024 * 1024  # Telegram's limit for files bots upload
UNAUTHORIZED = {"ok": False, "error_code": 401, "description": "Unauthorized"}
FILE_NOT_FOUND = {"ok": False, "error_code": 404, "description": "Not Found: file not found"}


def build_app(api: BotApi, token: str) -> web.Application:
    """An aiohttp application answering the Bot API for one bot token."""

    async def bot_method(request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != token:
            return web.json_response(UNAUTHORIZED, status=401)
        try:
            params = await read_params(request)
        except ApiError as error:
            return web.json_response(error.payload(), status=error.status)
        status, body = await api.call(request.match_info["method"], params)
        if body is None:
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=500)
        if isinstance(body, str):
            return web.Response(text=body, status=status, content_type="text/html")
        return web.json_response(body, status=status)

    async def download(request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != token:
            return web.json_response(UNAUTHORIZED, status=401)
        stored = api.world.files.by_path(request.match_info["path"])
        if stored is None:
            return web.json_response(FILE_NOT_FOUND, status=404)
        return web.Response(body=stored.data, content_type=stored.mime_type)

    app = web.Application(client_max_size=MAX_UPLOAD)
    app.router.add_route("*", "/bot{token}/{method}", bot_method)
    app.router.add_get("/file/bot{token}/{path:.+}", download)
    return app
