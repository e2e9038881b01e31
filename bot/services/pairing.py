"""Pairing up: invites, opening one, accepting or declining."""

import logging
import secrets

from bot.domain import notices as n
from bot.domain.codes import (
    INVITE_LIFETIME,
    WRONG_CODE_LIMIT,
    WRONG_CODE_WINDOW,
    looks_like_code,
    new_invite_code,
)
from bot.domain.people import User
from bot.domain.prompts import PairKind
from bot.domain.schedule import describe_day, next_prompt_at
from bot.domain.timeparse import format_time
from bot.domain.zones import zone
from bot.services.account import ensure_user
from bot.services.deps import Deps
from bot.services.recaps import plan_recap
from bot.services.work import Work, begin
from bot.storage import pairs, users
from bot.storage.db import from_ts

log = logging.getLogger(__name__)


async def _inviter(work: Work, user: User, code: str, *, count_wrong: bool = True) -> User:
    """Who invites the user with `code`; if they may not take it, they are told why and
    the work stops."""
    tx, now = work.tx, work.now
    if await pairs.wrong_codes_since(tx, user.id, now - WRONG_CODE_WINDOW) >= WRONG_CODE_LIMIT:
        await work.refuse(user.id, n.InviteProblem("wait"))
    invite = await pairs.get_invite(tx, code) if looks_like_code(code) else None
    if invite is None:
        if count_wrong:
            await pairs.record_wrong_code(tx, user.id, now)
        await work.refuse(user.id, n.InviteProblem("unknown"))
    inviter = await users.get_user(tx, invite["inviter_id"])
    if inviter is None:
        await work.refuse(user.id, n.InviteProblem("unknown"))
    if inviter.id == user.id:
        await work.refuse(user.id, n.InviteProblem("own"))
    if invite["used_at"] is not None:
        await work.refuse(user.id, n.InviteProblem("used", inviter.first_name))
    if from_ts(invite["expires_at"]) <= now:
        await work.refuse(user.id, n.InviteProblem("expired", inviter.first_name))
    mine = await users.partner_of(tx, user)
    if mine is not None:
        await work.refuse(user.id, n.InviteProblem("you_paired", mine.first_name))
    if inviter.pair_id is not None:
        await work.refuse(user.id, n.InviteProblem("inviter_paired", inviter.first_name))
    return inviter


class Pairing:
    """Invite a partner, and answer an invite."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def invite(self, user_id: int, first_name: str, language: str) -> None:
        """A fresh single-use invite link (the old one stops working) and a card to forward."""
        async with begin(self._deps) as work:
            user, _ = await ensure_user(work, user_id, first_name, language)
            partner = await users.partner_of(work.tx, user)
            if partner is not None:
                await work.refuse(user_id, n.InviteProblem("you_paired", partner.first_name))
            code = new_invite_code()
            await pairs.replace_invite(work.tx, code, user_id, work.now, work.now + INVITE_LIFETIME)
            hours = int(INVITE_LIFETIME.total_seconds() // 3600)
            await work.tell(
                user_id,
                n.InviteLink(code=code, hours=hours),
                n.InviteCard(inviter_name=first_name, code=code),
            )
            log.info("invite created by user %s", user_id)

    async def open_invite(self, user_id: int, first_name: str, language: str, code: str) -> None:
        """Someone opened an invite link: show who invites them, or why it does not work."""
        async with begin(self._deps) as work:
            user, _ = await ensure_user(work, user_id, first_name, language)
            inviter = await _inviter(work, user, code)
            await work.tell(user_id, n.InviteOffer(code=code, inviter_name=inviter.first_name))

    async def accept(self, user_id: int, first_name: str, language: str, code: str) -> bool:
        """Pair the invitee with the inviter; both are told when their first prompt comes.
        False if the invite cannot be taken (the invitee is told why)."""
        paired = False
        async with begin(self._deps) as work:
            now = work.now
            user, _ = await ensure_user(work, user_id, first_name, language)
            inviter = await _inviter(work, user, code)
            await pairs.use_invite(work.tx, code, now)
            pair_id = await pairs.create_pair(work.tx, PairKind.COUPLE, secrets.randbits(31), now)
            for member, other in ((inviter, user), (user, inviter)):
                tz = zone(member.timezone)
                due = next_prompt_at(now, tz, member.prompt_time, member.last_prompt_at)
                await users.join_pair(work.tx, member.id, pair_id, due)
                await plan_recap(work.tx, member.id, now, paired=True)
                await work.tell(
                    member.id,
                    n.Paired(
                        partner_name=other.first_name,
                        time=format_time(member.prompt_time),
                        timezone=member.timezone,
                        next_day=describe_day(due, now, tz),
                    ),
                )
            log.info("pair %s formed by users %s and %s", pair_id, inviter.id, user_id)
            paired = True
        return paired

    async def decline(self, user_id: int, first_name: str, language: str, code: str) -> None:
        """The invitee says no for now: the code stops working and the inviter is told kindly."""
        async with begin(self._deps) as work:
            user, _ = await ensure_user(work, user_id, first_name, language)
            inviter = await _inviter(work, user, code, count_wrong=False)
            await pairs.use_invite(work.tx, code, work.now)
            await work.tell(user_id, n.DeclineNoted(inviter_name=inviter.first_name))
            await work.tell(inviter.id, n.InviteDeclined(invitee_name=first_name))
