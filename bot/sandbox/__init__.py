"""A fake Telegram Bot API server on loopback, for end-to-end tests, the demo and benchmarks."""

from .errors import ApiError
from .params import Upload
from .people import SandboxGroup, SandboxUser
from .recorder import Call
from .sandbox import DEFAULT_TOKEN, Sandbox

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "Call",
    "Sandbox",
    "SandboxGroup",
    "SandboxUser",
    "Upload",
]
