"""Settings from the environment or `.env` (pydantic-settings)."""

import re
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class Settings(BaseSettings):
    """Everything that can be set for one running bot."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    bot_token: SecretStr | None = Field(default=None, alias="BOT_TOKEN")
    bot_api_base_url: str = Field(default="https://api.telegram.org/bot", alias="BOT_API_BASE_URL")
    bot_api_file_url: str = Field(
        default="https://api.telegram.org/file/bot", alias="BOT_API_FILE_URL"
    )
    database_path: Path = Field(default=Path("data/duet.sqlite3"), alias="DATABASE_PATH")
    prompt_packs_dir: Path = Field(default=Path("prompt_packs"), alias="PROMPT_PACKS_DIR")
    default_timezone: str = Field(default="UTC", alias="DEFAULT_TIMEZONE")
    default_prompt_time: str = Field(default="08:00", alias="DEFAULT_PROMPT_TIME")
    tick_seconds: float = Field(default=5.0, gt=0, le=60, alias="TICK_SECONDS")
    # Telegram allows about 30/s (up to 1000/s with paid broadcasts); 28 keeps clear of 429s
    # while reaching 0.93 of the limit (make bench). More than 1000 is for a local server.
    send_rate: float = Field(default=28.0, gt=0, le=10_000, alias="SEND_RATE")
    send_chat_rate: float = Field(default=1.0, gt=0, le=100, alias="SEND_CHAT_RATE")
    send_concurrency: int = Field(default=16, ge=1, le=256, alias="SEND_CONCURRENCY")
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    webhook_url: str | None = Field(default=None, alias="WEBHOOK_URL")
    webhook_secret: SecretStr | None = Field(default=None, alias="WEBHOOK_SECRET")
    webhook_listen: str = Field(default="127.0.0.1", alias="WEBHOOK_LISTEN")
    webhook_port: int = Field(default=8443, ge=1, le=65535, alias="WEBHOOK_PORT")

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"unknown timezone {value!r} (use an IANA name like Europe/Berlin)"
            ) from exc
        return value

    @field_validator("default_prompt_time")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        if not _HHMM.match(value):
            raise ValueError(f"{value!r} is not a time like 08:00")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not value.startswith(("https://", "http://")):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> "Settings":
        if self.webhook_url is None:
            return self
        secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
        if not _SECRET.match(secret):
            raise ValueError(
                "WEBHOOK_SECRET is required with WEBHOOK_URL: 1-256 characters of A-Za-z0-9_-"
            )
        return self

    @property
    def webhook_path(self) -> str:
        """The path part of WEBHOOK_URL, where the local webhook server listens."""
        return urlsplit(self.webhook_url or "").path.lstrip("/")

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        upper = value.upper()
        if upper not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(f"{value!r} is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return upper
