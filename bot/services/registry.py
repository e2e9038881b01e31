"""Every service, built over one set of dependencies, as the Telegram side sees them."""

from dataclasses import dataclass

from bot.services.account import Account
from bot.services.appreciation import Appreciations
from bot.services.delivery import Delivery
from bot.services.deps import Deps
from bot.services.due import DueWork
from bot.services.guesses import Guesses
from bot.services.history import History
from bot.services.idea_list import IdeaLists
from bot.services.ideas import Ideas
from bot.services.inbox import Inbox
from bot.services.journal import Journals
from bot.services.leaving import Leaving
from bot.services.pairing import Pairing
from bot.services.preferences import Preferences
from bot.services.questions import OwnQuestions
from bot.services.rounds import Rounds
from bot.services.space import Space
from bot.services.stats import PairStats


@dataclass(frozen=True)
class Services:
    """Every service, as the Telegram side sees them."""

    account: Account
    pairing: Pairing
    rounds: Rounds
    inbox: Inbox
    questions: OwnQuestions
    appreciations: Appreciations
    space: Space
    preferences: Preferences
    leaving: Leaving
    journals: Journals
    due: DueWork
    delivery: Delivery
    history: History
    stats: PairStats
    guesses: Guesses
    ideas: Ideas
    idea_list: IdeaLists


def build_services(deps: Deps) -> Services:
    """Every service over the same database, clock and prompts."""
    space = Space(deps)
    journals = Journals(deps)
    return Services(
        account=Account(deps),
        pairing=Pairing(deps),
        rounds=Rounds(deps),
        inbox=Inbox(deps),
        questions=OwnQuestions(deps),
        appreciations=Appreciations(deps),
        space=space,
        preferences=Preferences(deps),
        leaving=Leaving(deps),
        journals=journals,
        due=DueWork(deps, space, journals),
        delivery=Delivery(deps),
        history=History(deps),
        stats=PairStats(deps),
        guesses=Guesses(deps),
        ideas=Ideas(deps),
        idea_list=IdeaLists(deps),
    )
