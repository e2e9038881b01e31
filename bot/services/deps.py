"""What every service is built from: the database, the clock, the prompts and the defaults."""

from dataclasses import dataclass
from datetime import time

from bot.clock import Clock
from bot.domain.prompts import Library
from bot.storage.db import Database


@dataclass(frozen=True)
class Deps:
    db: Database
    clock: Clock
    library: Library
    default_timezone: str
    default_time: time
