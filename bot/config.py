"""Settings from the environment or `.env` (pydantic-settings)."""

import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


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
    send_rate: float = Field(default=25.0, gt=0, le=1000, alias="SEND_RATE")
    send_chat_rate: float = Field(default=1.0, gt=0, le=100, alias="SEND_CHAT_RATE")
    send_concurrency: int = Field(default=16, ge=1, le=256, alias="SEND_CONCURRENCY")
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")

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

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        upper = value.upper()
        if upper not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(f"{value!r} is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return upper
