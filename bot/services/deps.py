"""What every service is built from: the database, the clock, the prompts, ideas, defaults."""

from dataclasses import dataclass
from datetime import time

from bot.clock import Clock
from bot.domain.ideas import NO_IDEAS, IdeaBook
from bot.domain.prompts import Library
from bot.storage.db import Database


@dataclass(frozen=True)
class Deps:
    db: Database
    clock: Clock
    library: Library
    default_timezone: str
    default_time: time
    # Ideas for time together (/idea); none unless given.
    ideas: IdeaBook = NO_IDEAS
