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
from bot.storage import pairs, users
from bot.storage.db import Row, Tx, from_ts
from bot.storage.outbox import enqueue

log = logging.getLogger(__name__)


class Pairing:
    """Invite a partner, and answer an invite."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def invite(self, user_id: int, first_name: str, language: str) -> None:
        """A fresh single-use invite link (the old one stops working) and a card to forward."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            user, _ = await ensure_user(tx, self._deps, user_id, first_name, language, now)
            partner = await users.partner_of(tx, user)
            if partner is not None:
                problem = n.InviteProblem("you_paired", partner.first_name)
                await enqueue(tx, now, (user_id, problem))
                return
            code = new_invite_code()
            await pairs.replace_invite(tx, code, user_id, now, now + INVITE_LIFETIME)
            hours = int(INVITE_LIFETIME.total_seconds() // 3600)
            await enqueue(
                tx,
                now,
                (user_id, n.InviteLink(code=code, hours=hours)),
                (user_id, n.InviteCard(inviter_name=first_name, code=code)),
            )
        log.info("invite created by user %s", user_id)

    async def open_invite(self, user_id: int, first_name: str, language: str, code: str) -> None:
        """Someone opened an invite link: show who invites them, or why it does not work."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            user, _ = await ensure_user(tx, self._deps, user_id, first_name, language, now)
            invite, problem = await self._check(tx, user, code)
            if problem is not None:
                await enqueue(tx, now, (user_id, problem))
                return
            assert invite is not None
            inviter = await users.get_user(tx, invite["inviter_id"])
            assert inviter is not None
            await enqueue(
                tx, now, (user_id, n.InviteOffer(code=code, inviter_name=inviter.first_name))
            )

    async def accept(self, user_id: int, first_name: str, language: str, code: str) -> bool:
        """Pair the invitee with the inviter; both are told when their first prompt comes."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            user, _ = await ensure_user(tx, self._deps, user_id, first_name, language, now)
            invite, problem = await self._check(tx, user, code)
            if problem is not None:
                await enqueue(tx, now, (user_id, problem))
                return False
            assert invite is not None
            inviter = await users.get_user(tx, invite["inviter_id"])
            assert inviter is not None
            await pairs.use_invite(tx, code, now)
            pair_id = await pairs.create_pair(tx, PairKind.COUPLE, secrets.randbits(31), now)
            told: list[tuple[int, n.Notice]] = []
            for member, other in ((inviter, user), (user, inviter)):
                tz = zone(member.timezone)
                due = next_prompt_at(now, tz, member.prompt_time, member.last_prompt_at)
                await users.join_pair(tx, member.id, pair_id, due)
                told.append(
                    (
                        member.id,
                        n.Paired(
                            partner_name=other.first_name,
                            time=format_time(member.prompt_time),
                            timezone=member.timezone,
                            next_day=describe_day(due, now, tz),
                        ),
                    )
                )
            await enqueue(tx, now, *told)
        log.info("pair %s formed by users %s and %s", pair_id, inviter.id, user_id)
        return True

    async def decline(self, user_id: int, first_name: str, language: str, code: str) -> None:
        """The invitee says no for now: the code stops working and the inviter is told kindly."""
        now = self._deps.clock.now()
        async with self._deps.db.transaction() as tx:
            user, _ = await ensure_user(tx, self._deps, user_id, first_name, language, now)
            invite, problem = await self._check(tx, user, code, count_wrong=False)
            if problem is not None:
                await enqueue(tx, now, (user_id, problem))
                return
            assert invite is not None
            inviter = await users.get_user(tx, invite["inviter_id"])
            assert inviter is not None
            await pairs.use_invite(tx, code, now)
            await enqueue(
                tx,
                now,
                (user_id, n.DeclineNoted(inviter_name=inviter.first_name)),
                (inviter.id, n.InviteDeclined(invitee_name=first_name)),
            )

    async def _check(
        self, tx: Tx, user: User, code: str, *, count_wrong: bool = True
    ) -> tuple[Row | None, n.InviteProblem | None]:
        """The invite behind `code` if this user may accept it, else the problem to tell them."""
        now = self._deps.clock.now()
        if await pairs.wrong_codes_since(tx, user.id, now - WRONG_CODE_WINDOW) >= WRONG_CODE_LIMIT:
            return None, n.InviteProblem("wait")
        invite = await pairs.get_invite(tx, code) if looks_like_code(code) else None
        if invite is None:
            if count_wrong:
                await pairs.record_wrong_code(tx, user.id, now)
            return None, n.InviteProblem("unknown")
        inviter = await users.get_user(tx, invite["inviter_id"])
        if inviter is None:
            return None, n.InviteProblem("unknown")
        if inviter.id == user.id:
            return None, n.InviteProblem("own")
        if invite["used_at"] is not None:
            return None, n.InviteProblem("used", inviter.first_name)
        if from_ts(invite["expires_at"]) <= now:
            return None, n.InviteProblem("expired", inviter.first_name)
        mine = await users.partner_of(tx, user)
        if mine is not None:
            return None, n.InviteProblem("you_paired", mine.first_name)
        if inviter.pair_id is not None:
            return None, n.InviteProblem("inviter_paired", inviter.first_name)
        return invite, None
