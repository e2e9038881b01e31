"""Quick appreciations: starters, sending (or holding during a pause), reactions."""

import logging

from bot.domain import notices as n
from bot.domain.appreciation import DAILY_LIMIT, LIMIT_WINDOW, REACTIONS, STARTERS, compose
from bot.domain.awaiting import AwaitingAppreciation
from bot.domain.people import Pair, User, media_kind
from bot.services.deps import Deps
from bot.services.members import local_iso, members_of
from bot.services.work import Work, begin
from bot.storage import appreciations, users
from bot.storage.db import Tx

log = logging.getLogger(__name__)


def delivery_notices(
    appreciation_id: int, sender: User, text: str | None, media: str | None, message_id: int
) -> list[n.Notice]:
    """What the recipient is sent for one appreciation."""
    told: list[n.Notice]
    if text is not None and len(text) > n.INLINE_LIMIT:
        heading = n.Appreciation(appreciation_id, sender.first_name, None, media_kind(media))
        told = [heading, *n.long_text(text)]
    else:
        told = [n.Appreciation(appreciation_id, sender.first_name, text, media_kind(media))]
    if media is not None:
        told.append(n.Relay(sender.id, message_id, sender.first_name))
    return told


async def release_held(tx: Tx, pair: Pair, now_notices: list[tuple[int, n.Notice]]) -> list[int]:
    """Queue every appreciation held during a pause for its recipient; their ids."""
    held = await appreciations.held_for(tx, pair.id)
    for row in held:
        sender = await users.get_user(tx, row["sender_id"])
        if sender is None:
            continue
        for notice in delivery_notices(
            row["id"], sender, row["text"], row["media"], row["message_id"]
        ):
            now_notices.append((row["recipient_id"], notice))
    return [row["id"] for row in held]


async def send(
    work: Work,
    user_id: int,
    message_id: int,
    text: str | None,
    media: str | None,
    starter: int | None = None,
) -> None:
    """Send an appreciation now, or hold it while the pair is paused; the sender is told."""
    tx, now = work.tx, work.now
    found = await work.members(user_id)
    user, partner, pair = found.user, found.partner, found.pair
    await users.set_awaiting(tx, user_id, None)
    if await appreciations.sent_since(tx, user_id, now - LIMIT_WINDOW) >= DAILY_LIMIT:
        await work.refuse(user_id, n.AppreciationLimit(DAILY_LIMIT))
    body = compose(starter, text)
    held = pair.paused
    appreciation_id = await appreciations.add_appreciation(
        tx, pair.id, user.id, partner.id, body, media, message_id, now, delivered=not held
    )
    if held:
        until = local_iso(pair.paused_until, user)
        await work.tell(user_id, n.AppreciationHeld(partner.first_name, until))
        log.info("appreciation %s held for pair %s", appreciation_id, pair.id)
        return
    told = delivery_notices(appreciation_id, user, body, media, message_id)
    await work.tell(partner.id, *told)
    await work.tell(user_id, n.AppreciationSent(partner.first_name))
    log.info("appreciation %s sent in pair %s", appreciation_id, pair.id)


class Appreciations:
    """`/appreciate`: thank your partner at any time."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def menu(self, user_id: int) -> None:
        """The starters to choose from."""
        async with begin(self._deps) as work:
            found = await work.members(user_id)
            await work.tell(user_id, n.AppreciateMenu(found.partner.first_name))

    async def choose(self, user_id: int, starter: int | None) -> None:
        """A starter (or free text) was chosen: the next message finishes the appreciation."""
        async with begin(self._deps) as work:
            found = await work.members(user_id)
            valid = starter if starter is not None and 0 <= starter < len(STARTERS) else None
            await users.set_awaiting(work.tx, user_id, AwaitingAppreciation(valid))
            shown = f"{STARTERS[valid]}…" if valid is not None else ""
            await work.tell(user_id, n.AppreciateAsk(found.partner.first_name, shown))

    async def send(
        self,
        user_id: int,
        message_id: int,
        text: str | None,
        media: str | None,
        starter: int | None = None,
    ) -> None:
        """`/appreciate <words>`: `send`, in a transaction of its own."""
        async with begin(self._deps) as work:
            await send(work, user_id, message_id, text, media, starter)

    async def react(self, user_id: int, appreciation_id: int, emoji_index: int) -> bool:
        """The recipient reacts; the sender hears of the first reaction. False if not allowed."""
        if not 0 <= emoji_index < len(REACTIONS):
            return False
        emoji = REACTIONS[emoji_index]
        async with begin(self._deps) as work:
            row = await appreciations.get_appreciation(work.tx, appreciation_id)
            if row is None or row["recipient_id"] != user_id:
                return False
            before = await appreciations.react_to_appreciation(work.tx, appreciation_id, emoji)
            found = await members_of(work.tx, user_id)
            if before is None and found is not None and found.partner.id == row["sender_id"]:
                reacted = n.AppreciationReacted(found.user.first_name, emoji)
                await work.tell(row["sender_id"], reacted)
        return True
