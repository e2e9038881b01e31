"""`/ask`: a partner writes the pair's next question; it waits its turn, then both answer it."""

import logging

from bot.domain import notices as n
from bot.domain.awaiting import AwaitingQuestion
from bot.domain.prompts import MAX_PROMPT_LENGTH
from bot.services.deps import Deps
from bot.services.work import Work, begin
from bot.storage import questions, rounds, users

log = logging.getLogger(__name__)

MIN_QUESTION_LENGTH = 3
# Enough for a few ideas in a row, without a queue that pushes the packs aside for weeks.
MAX_WAITING = 5


async def ask(work: Work, user_id: int, text: str | None) -> None:
    """Save `text` as the pair's next question; with no text, ask for it."""
    tx = work.tx
    question = " ".join((text or "").split())
    found = await work.members_with(await work.user(user_id))
    partner = found.partner.first_name
    if not question:
        await users.set_awaiting(tx, user_id, AwaitingQuestion())
        await work.tell(user_id, n.AskOwnQuestion(partner))
        return
    if not MIN_QUESTION_LENGTH <= len(question) <= MAX_PROMPT_LENGTH:
        # Still waiting for the question: the next message may be a better fit.
        await users.set_awaiting(tx, user_id, AwaitingQuestion())
        too_long = len(question) > MAX_PROMPT_LENGTH
        await work.refuse(user_id, n.OwnQuestionLength(len(question), MAX_PROMPT_LENGTH, too_long))
    await users.set_awaiting(tx, user_id, None)
    waiting = await questions.waiting_count(tx, found.pair.id)
    if waiting >= MAX_WAITING:
        await work.refuse(user_id, n.OwnQuestionsFull(MAX_WAITING))
    question_id = await questions.add_question(tx, found.pair.id, user_id, question, work.now)
    newest = await rounds.newest_round(tx, found.pair.id)
    round_open = newest is not None and newest.revealed_at is None
    saved = n.OwnQuestionSaved(partner, ahead=waiting, round_open=round_open)
    await work.tell(user_id, saved)
    log.info("own question %s waits for pair %s", question_id, found.pair.id)


class OwnQuestions:
    """A pair's own questions."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def ask(self, user_id: int, text: str | None) -> None:
        """`/ask <question>` or `/ask` alone: `ask`, in a transaction of its own."""
        async with begin(self._deps) as work:
            await ask(work, user_id, text)
