"""The errors Bot API methods answer with, worded as Telegram words them."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any


class ApiError(Exception):
    """A Bot API failure: HTTP status, description and optional retry_after."""

    def __init__(
        self,
        status: int,
        description: str,
        retry_after: int | None = None,
        *,
        page: bool = False,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after
        self.page = page

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram sends with this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def error_page(status: int, description: str) -> str:
    """The HTML page a proxy in front of Telegram answers with when the API behind it is down."""
    return (
        f"<html>\r\n<head><title>{status} {description}</title></head>\r\n<body>\r\n"
        f"<center><h1>{status} {description}</h1></center>\r\n<hr><center>nginx</center>\r\n"
        "</body>\r\n</html>\r\n"
    )


def bad_request(detail: str) -> ApiError:
    """A 400 "Bad Request: <detail>"."""
    return ApiError(400, f"Bad Request: {detail}")


def forbidden(detail: str) -> ApiError:
    """A 403 "Forbidden: <detail>"."""
    return ApiError(403, f"Forbidden: {detail}")


def too_many_requests(retry_after: int) -> ApiError:
    """A 429 with parameters.retry_after, as Telegram sends under flood control."""
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)


def default_description(status: int, retry_after: int) -> str:
    """The description Telegram would most likely give for an injected status."""
    known = {
        400: "Bad Request: injected by sandbox",
        401: "Unauthorized",
        403: "Forbidden: bot was blocked by the user",
        404: "Not Found",
        409: "Conflict: terminated by other getUpdates request",
        429: f"Too Many Requests: retry after {retry_after}",
        500: "Internal Server Error",
        502: "Bad Gateway",
    }
    if status in known:
        return known[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"Error {status}"
