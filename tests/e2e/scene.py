"""A lived-in world for bad-input tests: two pairs mid-week and an ended pair, and the means to
see that an update changed nothing, reached no one else and broke nothing."""

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.app import runtime
from bot.packs import load_library
from bot.sandbox import SandboxUser
from bot.storage.db import Database
from tests.e2e.conftest import Duet, invite_code
from tests.e2e.flows import Message, expect, onboard, pair_up, press, text_of

PROMPT = "Reply here"
HELP = "Here's what I can do"
# Everything Duet remembers is every table but these: `outbox` holds messages on their way
# (every reply passes through it), `seen_updates` notes every update, `users` is read apart.
NOT_STATE = ("outbox", "seen_updates", "schema_migrations", "users")
# The second morning: pairs A and B each have a fresh round; pair E has ended.
MORNING = datetime(2026, 11, 25, 8, 0, 5, tzinfo=UTC)

Snapshot = dict[str, list[tuple[Any, ...]]]


@dataclass(repr=False)
class Scene:
    """Pair A (Alex, Sam), pair B (Kim, Lee) and the ended pair E (Max, Jo), on day two.

    Day one each pair answered and saw a round (A1, B1, E1); Kim sent Lee an appreciation; Jo
    ended pair E, then invited Max, who declined (`used_code`). Day two A2 and B2 came at 08:00;
    Alex has answered A2 (hidden from Sam); nobody has answered B2, so it could still be swapped.
    """

    duet: Duet
    reader: Database
    alex: SandboxUser
    sam: SandboxUser
    kim: SandboxUser
    lee: SandboxUser
    max: SandboxUser
    jo: SandboxUser
    a1: int
    a2: int
    b1: int
    b2: int
    e1: int
    kim_to_lee: int
    used_code: str
    pack_ids: frozenset[str]
    # In Alex's chat prompt_a1, reveal_a1, prompt_a2 and answer_a2 (his own message); in Kim's
    # prompt_b1, reveal_b1, prompt_b2; in Max's prompt_e1, reveal_e1; sam_prompt_a2 in Sam's;
    # lee_appreciation in Lee's.
    messages: dict[str, Message] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Scene(a1={self.a1}, a2={self.a2}, b1={self.b1}, b2={self.b2}, e1={self.e1})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """Hypothesis prints its falsifying examples with this: keep it one line."""
        printer.text(repr(self))

    @property
    def people(self) -> list[SandboxUser]:
        return [self.alex, self.sam, self.kim, self.lee, self.max, self.jo]

    async def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read the live database through the scene's own connection."""
        return await read(self.reader, sql, params)

    async def snapshot(self) -> Snapshot:
        """Every remembered row."""
        taken: Snapshot = {}
        tables = await self.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        for (table,) in tables:
            if table not in NOT_STATE:
                taken[table] = await self.rows(f"SELECT * FROM {table} ORDER BY rowid")
        columns = [row[1] for row in await self.rows("PRAGMA table_info(users)")]
        kept = ", ".join(c for c in columns if c != "awaiting")
        taken["users"] = await self.rows(f"SELECT {kept} FROM users ORDER BY id")
        taken["awaiting"] = await self.rows(
            "SELECT id, awaiting FROM users WHERE awaiting IS NOT NULL ORDER BY id"
        )
        return taken

    async def settle(self, actor: SandboxUser) -> None:
        """Wait until everything `actor` sent is handled and every reply has gone out.

        A chat's updates are handled one after another, so once a garbage button pressed now
        is answered, whatever the actor sent before it is done; then the outbox drains.
        """
        assert actor.inbox, f"{actor.first_name} has no message from the bot to press"
        query = actor.press(actor.inbox[-1]["message_id"], "~settle", forged=True)
        await self.duet.sandbox.wait_for(lambda: actor.callback_answer(query) is not None, 10)
        await drained(self.duet, self.reader)


async def read(db: Database, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    async with db.connection.execute(sql, params) as cursor:
        return [tuple(row) for row in await cursor.fetchall()]


def changed(before: Snapshot, after: Snapshot) -> set[str]:
    """The tables (and `awaiting`) whose rows differ."""
    return {name for name in after if before.get(name) != after[name]}


async def drained(duet: Duet, reader: Database) -> None:
    """No update waiting, nothing in the outbox, nothing in flight."""
    sender = runtime(duet.app).sender
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while loop.time() < deadline:
        if duet.sandbox.pending_updates() == 0 and sender.idle():
            left = await read(reader, "SELECT COUNT(*) FROM outbox")
            if left == [(0,)] and sender.idle():
                return
        await asyncio.sleep(0.005)
    raise AssertionError("the outbox did not drain")


async def _both_answer(
    first: SandboxUser, second: SandboxUser, words: str
) -> tuple[Message, Message]:
    """Both open today's prompt and answer it; the prompt and the reveal the first one got."""
    prompts = []
    for person in (first, second):
        mark = len(person.inbox)
        person.send("/today")
        prompts.append(await expect(person, PROMPT, mark))
    first.send(f"{first.first_name}: {words}")
    await expect(first, "Got it")
    mark = len(first.inbox)
    second.send(f"{second.first_name}: {words}")
    return prompts[0], await expect(first, "</b> answered", mark)


@asynccontextmanager
async def scene_of(duet: Duet) -> AsyncIterator[Scene]:
    """Build the scene (about a second), and close its reading connection afterwards."""
    reader = Database(duet.settings.database_path)
    await reader.open()
    try:
        yield await _build(duet, reader)
    finally:
        await reader.close()


async def _build(duet: Duet, reader: Database) -> Scene:
    sb = duet.sandbox
    alex, sam = sb.user(1001, "Alex"), sb.user(1002, "Sam")
    kim, lee = sb.user(1003, "Kim"), sb.user(1004, "Lee")
    max_, jo = sb.user(1005, "Max"), sb.user(1006, "Jo")
    for one, other in ((alex, sam), (kim, lee), (max_, jo)):
        await onboard(one)
        await pair_up(sb, one, other)
    messages: dict[str, Message] = {}
    for first, second, name in ((alex, sam, "a1"), (kim, lee, "b1"), (max_, jo, "e1")):
        prompt, reveal = await _both_answer(first, second, f"our answer to {name}")
        messages[f"prompt_{name}"], messages[f"reveal_{name}"] = prompt, reveal

    mark = len(lee.inbox)
    kim.send("/appreciate for the soup on Sunday")
    messages["lee_appreciation"] = await expect(lee, "soup on Sunday", mark)

    jo.send("/unpair")
    await press(jo, await expect(jo, "End your pair"), "Yes")
    await expect(max_, "has ended your pair")
    mark_jo = len(jo.inbox)
    jo.send("/invite")
    used_code = invite_code(text_of(await expect(jo, "invite link", mark_jo)))
    mark = len(max_.inbox)
    max_.send(f"/start {used_code}")
    await press(max_, await expect(max_, "invited you", mark), "Not now")
    await expect(jo, "isn't joining", mark_jo)

    marks = {person.id: len(person.inbox) for person in (alex, sam, kim, lee)}
    await duet.move_clock(MORNING)
    for person, key in ((alex, "prompt_a2"), (sam, "sam_prompt_a2"), (kim, "prompt_b2")):
        messages[key] = await expect(person, PROMPT, marks[person.id])
    await expect(lee, PROMPT, marks[lee.id])
    mark = len(alex.inbox)
    messages["answer_a2"] = alex.send("Alex's hidden answer for day two")
    await expect(alex, "Got it", mark)
    await drained(duet, reader)

    by_pair: dict[int, list[int]] = {}
    for pair_id, round_id in await read(reader, "SELECT pair_id, id FROM rounds ORDER BY id"):
        by_pair.setdefault(pair_id, []).append(round_id)
    pair_a, pair_b, pair_e = sorted(by_pair)
    a1, a2 = by_pair[pair_a]
    b1, b2 = by_pair[pair_b]
    (e1,) = by_pair[pair_e]
    ((kim_to_lee,),) = await read(reader, "SELECT id FROM appreciations")
    return Scene(
        duet=duet,
        reader=reader,
        alex=alex,
        sam=sam,
        kim=kim,
        lee=lee,
        max=max_,
        jo=jo,
        a1=a1,
        a2=a2,
        b1=b1,
        b2=b2,
        e1=e1,
        kim_to_lee=kim_to_lee,
        used_code=used_code,
        pack_ids=frozenset(p.id for p in load_library(duet.settings.prompt_packs_dir).packs),
        messages=messages,
    )


class LogTap(logging.Handler):
    """Every record that reaches the root logger, kept (attach with `tapped()`)."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def tapped(level: int | None = None) -> Iterator[LogTap]:
    """Tap the root logger (optionally at `level`) for the duration of the block."""
    root = logging.getLogger()
    tap, old_level = LogTap(), root.level
    root.addHandler(tap)
    if level is not None:
        root.setLevel(level)
    try:
        yield tap
    finally:
        root.removeHandler(tap)
        root.setLevel(old_level)


def problems(records: list[logging.LogRecord]) -> list[str]:
    """Log records that mean something went wrong: errors, and warnings (a refused or lost
    message). APScheduler's note that a tick was skipped while the last still ran is by design
    (the app silences it in configure_logging)."""
    return [
        f"{r.name} {r.levelname}: {r.getMessage()}"
        + (f" ({r.exc_info[1]!r})" if r.exc_info and r.exc_info[1] else "")
        for r in records
        if r.levelno >= logging.ERROR
        or (r.levelno >= logging.WARNING and not r.name.startswith("apscheduler"))
    ]


@dataclass
class Seen:
    """What one update did."""

    changed: set[str]
    to_actor: list[Message]
    to_others: dict[str, list[Message]]
    problems: list[str]

    def texts(self) -> list[str]:
        return [text_of(m) for m in self.to_actor]


async def observe(scene: Scene, log: LogTap, actor: SandboxUser, act: Callable[[], Any]) -> Seen:
    """Do `act` as `actor`, wait for every consequence, and report them."""
    await drained(scene.duet, scene.reader)
    before = await scene.snapshot()
    marks = {person.id: len(person.inbox) for person in [*scene.people, actor]}
    logged = len(log.records)
    act()
    await scene.settle(actor)
    after = await scene.snapshot()
    others = {
        person.first_name: person.inbox[marks[person.id] :]
        for person in scene.people
        if person.id != actor.id and len(person.inbox) > marks[person.id]
    }
    return Seen(
        changed=changed(before, after),
        to_actor=actor.inbox[marks[actor.id] :],
        to_others=others,
        problems=problems(log.records[logged:]),
    )


def must_be_clean(
    seen: Seen,
    allowed: frozenset[str] = frozenset(),
    reply: bool = True,
    may_tell: frozenset[str] = frozenset(),
) -> None:
    """No error, no change outside `allowed`, nobody but `may_tell` told, a reply if due."""
    assert not seen.problems, seen.problems
    assert seen.changed <= allowed, f"changed {seen.changed - allowed}"
    told = {k: [text_of(m) for m in v] for k, v in seen.to_others.items() if k not in may_tell}
    assert not told, told
    if reply:
        assert seen.to_actor, "no reply"
