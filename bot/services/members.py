"""Loading a user together with their partner and pair, the start of most service calls."""

from dataclasses import dataclass
from datetime import datetime

from bot.domain.people import Pair, User
from bot.domain.zones import zone
from bot.storage import pairs, users
from bot.storage.db import Tx


@dataclass(frozen=True)
class Members:
    user: User
    partner: User
    pair: Pair


async def members_of(tx: Tx, user_id: int) -> Members | None:
    """The user, their partner and their active pair; None if they are not in one."""
    user = await users.get_user(tx, user_id)
    return await members_with(tx, user) if user else None


async def members_with(tx: Tx, user: User) -> Members | None:
    """`members_of` for a user already loaded."""
    if user.pair_id is None:
        return None
    partner = await users.partner_of(tx, user)
    pair = await pairs.get_pair(tx, user.pair_id)
    if partner is None or pair is None or pair.ended_at is not None:
        return None
    return Members(user, partner, pair)


def local_iso(instant: datetime | None, user: User) -> str | None:
    """An instant as the user's wall clock shows it (`2026-11-27T09:00`), for a notice."""
    if instant is None:
        return None
    local = instant.astimezone(zone(user.timezone))
    return local.replace(tzinfo=None).isoformat(timespec="minutes")
