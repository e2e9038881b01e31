"""What every service is built from: the database, the clock, the prompts and the defaults."""

from dataclasses import dataclass
from datetime import time
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.domain.prompts import Library
from bot.storage.db import Database

if TYPE_CHECKING:  # the services import Deps from here
    from bot.services.account import Account
    from bot.services.appreciation import Appreciations
    from bot.services.delivery import Delivery
    from bot.services.due import DueWork
    from bot.services.leaving import Leaving
    from bot.services.pairing import Pairing
    from bot.services.preferences import Preferences
    from bot.services.questions import OwnQuestions
    from bot.services.rounds import Rounds
    from bot.services.space import Space


@dataclass(frozen=True)
class Deps:
    db: Database
    clock: Clock
    library: Library
    default_timezone: str
    default_time: time


@dataclass(frozen=True)
class Services:
    """Every service, as the Telegram side sees them."""

    account: "Account"
    pairing: "Pairing"
    rounds: "Rounds"
    questions: "OwnQuestions"
    appreciations: "Appreciations"
    space: "Space"
    preferences: "Preferences"
    leaving: "Leaving"
    due: "DueWork"
    delivery: "Delivery"
