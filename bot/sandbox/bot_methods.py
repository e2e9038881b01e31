"""Bot API methods about the bot itself: getMe, webhook, commands, getChat, getFile."""

from __future__ import annotations

import json
import re
from typing import Any

from .errors import bad_request
from .params import Handler, Params
from .world import World

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")


def get_me(world: World, p: Params) -> Any:
    """getMe: the bot's own User."""
    return {
        **world.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def set_webhook(world: World, p: Params) -> Any:
    """setWebhook: remember the URL (nothing is delivered to it)."""
    world.webhook = {"url": str(p.get("url") or "")}
    if p.get("max_connections") is not None:
        world.webhook["max_connections"] = p["max_connections"]
    if p.get("allowed_updates") is not None:
        world.webhook["allowed_updates"] = p["allowed_updates"]
    if p.get("drop_pending_updates"):
        world.updates.clear()
    return True


def delete_webhook(world: World, p: Params) -> Any:
    """deleteWebhook: forget the URL; optionally drop pending updates."""
    world.webhook = {"url": ""}
    if p.get("drop_pending_updates"):
        world.updates.clear()
    return True


def get_webhook_info(world: World, p: Params) -> Any:
    """getWebhookInfo: the stored URL and the pending update count."""
    return {
        **world.webhook,
        "has_custom_certificate": False,
        "pending_update_count": world.pending(),
    }


def commands_key(scope: Any, language_code: Any) -> tuple[str, str]:
    """Where a command list is kept: its scope (default: "default") and language."""
    return json.dumps(scope or {"type": "default"}, sort_keys=True), str(language_code or "")


def _commands_key(p: Params) -> tuple[str, str]:
    return commands_key(p.get("scope"), p.get("language_code"))


def set_my_commands(world: World, p: Params) -> Any:
    """setMyCommands: store the list for its scope and language."""
    commands = p.get("commands")
    if not isinstance(commands, list):
        raise bad_request("commands must be an array")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.fullmatch(str(command.get("command"))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description") or "")) <= 256:
            raise bad_request("command description is empty")
    world.commands[_commands_key(p)] = commands
    return True


def get_my_commands(world: World, p: Params) -> Any:
    """getMyCommands: the list stored for the scope and language."""
    return world.commands.get(_commands_key(p), [])


def delete_my_commands(world: World, p: Params) -> Any:
    """deleteMyCommands: drop the list for the scope and language."""
    world.commands.pop(_commands_key(p), None)
    return True


# -- reading chats and files ---------------------------------------------------------------


def get_chat(world: World, p: Params) -> Any:
    """getChat: the ChatFullInfo of a known chat."""
    chat = world.chat(p.get("chat_id"))
    return {
        **chat.info,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }


def get_file(world: World, p: Params) -> Any:
    """getFile: where to download a file by its file_id."""
    stored = world.files.get(str(p.get("file_id") or ""))
    if stored is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
        "file_path": stored.file_path,
    }


def setting(method: str) -> Handler:
    """A handler for a method that only configures the bot: store it, answer true."""

    def handler(world: World, p: Params) -> Any:
        world.settings[method] = p
        return True

    handler.__doc__ = f"{method}: stored, answers true."
    return handler
