"""Messages that are not commands: the value the user was asked to type, or else an answer."""

from dataclasses import dataclass
from typing import assert_never

from bot.domain import notices as n
from bot.domain.awaiting import (
    AwaitingAppreciation,
    AwaitingFollowUp,
    AwaitingQuestion,
    AwaitingStory,
    AwaitingTime,
    AwaitingTimezone,
)
from bot.services import account, appreciation, ideas, questions, rounds
from bot.services.deps import Deps
from bot.services.work import begin
from bot.storage import users


@dataclass(frozen=True)
class Incoming:
    """A message as the services read it."""

    message_id: int
    text: str | None  # the text, or a photo's or video's caption
    media: str | None  # voice, video_note, photo or video; None for plain text
    reply_to: int | None  # the message it replies to
    file_id: str | None = None  # Telegram's id of the media's file, kept with an answer


class Inbox:
    """Reads what the user was asked for and acts on the message in the same transaction, so
    nothing that changes what is awaited can come in between."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def take(self, user_id: int, first_name: str, language: str, message: Incoming) -> None:
        """A typed time or timezone, an appreciation's words, the pair's own question, a
        follow-up to a reveal, how an idea went (after its button, or as a reply to "how was
        it?"), or (when nothing was asked for) an answer to the round."""
        text, media = message.text, message.media
        # A time, a timezone or a question is plain text: a caption under media is not one.
        words = text if media is None else None
        async with begin(self._deps) as work:
            user = await work.user(user_id)
            replied = await ideas.story_replied_to(work.tx, user_id, message.reply_to)
            match user.awaiting:
                case AwaitingTime():
                    if words is None:
                        await work.tell(user_id, n.BadTime())
                    else:
                        await account.set_time(work, user_id, first_name, language, words)
                case AwaitingTimezone():
                    if words is None:
                        await work.tell(user_id, n.BadTimezone())
                    else:
                        await account.set_timezone(work, user_id, first_name, language, words)
                case AwaitingAppreciation(starter=starter):
                    await appreciation.send(work, user_id, message.message_id, text, media, starter)
                case AwaitingQuestion():
                    if words is None:
                        await work.tell(user_id, n.OwnQuestionNeedsWords())
                    else:
                        await questions.ask(work, user_id, words)
                case AwaitingFollowUp(round_id=round_id):
                    await rounds.follow_up(work, user_id, round_id, message.message_id, text, media)
                case AwaitingStory(pair_idea_id=pair_idea_id):
                    # A reply to another idea's "how was it?" shares about that one.
                    story = pair_idea_id if replied is None else replied
                    await ideas.share(work, user_id, story, message.message_id, text, media)
                case None if replied is not None:
                    await ideas.share(work, user_id, replied, message.message_id, text, media)
                case None:
                    await rounds.record_answer(
                        work,
                        user_id,
                        message.message_id,
                        text,
                        media,
                        message.reply_to,
                        message.file_id,
                    )
                case unknown:
                    assert_never(unknown)

    async def take_unsupported(self, user_id: int, reply_to: int | None) -> None:
        """A sticker, GIF, location and the like: not a question (which needs words), nor how
        an idea went, nor an answer."""
        async with begin(self._deps) as work:
            user = await users.get_user(work.tx, user_id)
            awaiting = user.awaiting if user is not None else None
            replied = await ideas.story_replied_to(work.tx, user_id, reply_to)
            if isinstance(awaiting, AwaitingQuestion):
                await work.tell(user_id, n.OwnQuestionNeedsWords())
            elif isinstance(awaiting, AwaitingStory) or (awaiting is None and replied is not None):
                await work.tell(user_id, n.StoryNeedsWords())
            else:
                await work.tell(user_id, n.UnsupportedAnswer())
