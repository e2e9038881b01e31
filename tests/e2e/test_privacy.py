"""A week of two pairs at LOG_LEVEL=DEBUG: no log line carries what they wrote, who they are,
or the bot token.

The bot runs as `python -m bot run` would set it up (configure_logging with the settings' level,
on a root logger with no handlers yet); every line it would print is kept, and every record
from every logger is tapped besides. Each pair answers, edits, replies under reveals, reacts,
appreciates (typed and from a starter), asks its own question, answers with a captioned voice
note, and one of them pauses with a note, while an appreciation waits out the pause. Every
string checked is distinctive, and the test first proves it reached the partner, so the
absence from the logs cannot pass by accident.
"""

import asyncio
import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import build_app, configure_logging, running
from bot.clock import FakeClock
from bot.sandbox import Sandbox, SandboxUser
from bot.tg.texts import DATA_DELETED
from tests.e2e.conftest import Duet, duet_settings
from tests.e2e.flows import Message, expect, onboard, pair_up, paired, press, text_of
from tests.e2e.scene import LogTap

TOKEN = "918273:AAHk-Pr1vacyT0ken_zQ9xWvB7pLmK2sRtY"
FIRST_DAY = datetime(2026, 11, 24, tzinfo=UTC)  # a Tuesday
PROMPT = "Reply here"
# Loggers the app sets a level for; their levels are put back afterwards.
NAMED = ("httpx", "httpcore", "aiosqlite", "telegram", "apscheduler")


@dataclass
class Person:
    user: SandboxUser
    first: str
    last: str
    username: str

    def said(self, what: str, day: int) -> str:
        """A distinctive string for what this person writes (their first name is in it)."""
        return f"{what}{self.first}Day{day}Quokka"


@dataclass
class Week:
    """What was said, and to whom it had to arrive."""

    duet: Duet
    secrets: set[str] = field(default_factory=set)
    delivered: dict[str, SandboxUser] = field(default_factory=dict)

    def keep(self, secret: str, reaches: SandboxUser) -> str:
        self.secrets.add(secret)
        self.delivered[secret] = reaches
        return secret

    async def morning(self, day: int, *people: Person) -> dict[int, Message]:
        """The clock reaches 08:00 of `day`; the prompt each of `people` got."""
        marks = {p.user.id: len(p.user.inbox) for p in people}
        await self.duet.move_clock(FIRST_DAY + timedelta(days=day, hours=8, seconds=5))
        return {p.user.id: await expect(p.user, PROMPT, marks[p.user.id]) for p in people}

    async def answer(self, who: Person, partner: Person, day: int, *, edit: bool = False) -> None:
        mark = len(who.user.inbox)
        words = self.keep(who.said("Answer", day), partner.user)
        sent = who.user.send(words if not edit else who.said("Draft", day))
        await expect(who.user, "", mark)
        if edit:
            self.secrets.add(who.said("Draft", day))
            mark = len(who.user.inbox)
            who.user.edit(sent["message_id"], words)
            await expect(who.user, "Updated", mark)

    async def reveal(self, first: Person, second: Person, day: int, **how: bool) -> Message:
        """Both answer; the reveal `second` gets (with its buttons)."""
        await self.answer(first, second, day, **how)
        mark = len(second.user.inbox)
        await self.answer(second, first, day)
        return await expect(second.user, first.said("Answer", day), mark)

    async def follow_up(self, who: Person, partner: Person, reveal: Message, day: int) -> None:
        mark = len(who.user.inbox)
        await press(who.user, reveal, "Reply")
        await expect(who.user, "What would you like to tell", mark)
        mark_p = len(partner.user.inbox)
        who.user.send(self.keep(who.said("FollowUp", day), partner.user))
        await expect(partner.user, who.said("FollowUp", day), mark_p)

    async def appreciate(self, who: Person, partner: Person, day: int) -> None:
        mark = len(partner.user.inbox)
        who.user.send(f"/appreciate {self.keep(who.said('Thanks', day), partner.user)}")
        await expect(partner.user, who.said("Thanks", day), mark)

    async def appreciate_with_starter(self, who: Person, partner: Person, day: int) -> None:
        mark = len(who.user.inbox)
        who.user.send("/appreciate")
        menu = await expect(who.user, "Pick a start", mark)
        await press(who.user, menu, "I loved it when you")
        await expect(who.user, "Finish the sentence", mark)
        mark = len(partner.user.inbox)
        who.user.send(self.keep(who.said("Starter", day), partner.user))
        await expect(partner.user, who.said("Starter", day), mark)


@contextmanager
def logging_as_in_production(level: str) -> Iterator[tuple[io.StringIO, LogTap]]:
    """configure_logging on a bare root logger, as `python -m bot run` gets it; the lines it
    would print, and every record of every logger (those that do not propagate as well)."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    saved_named = {name: logging.getLogger(name).level for name in NAMED}
    for handler in saved_handlers:  # pytest's own, which would make basicConfig do nothing
        root.removeHandler(handler)
    configure_logging(level)
    (printed,) = root.handlers
    assert isinstance(printed, logging.StreamHandler)
    lines = io.StringIO()
    printed.setStream(lines)
    tap = LogTap()
    root.addHandler(tap)
    loners = [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger) and not logger.propagate
    ]
    for logger in loners:
        logger.addHandler(tap)
    try:
        yield lines, tap
    finally:
        for logger in loners:
            logger.removeHandler(tap)
        root.removeHandler(tap)
        root.removeHandler(printed)
        for handler in saved_handlers:
            root.addHandler(handler)
        root.setLevel(saved_level)
        for name, old in saved_named.items():
            logging.getLogger(name).setLevel(old)


async def test_a_week_at_debug_level_logs_no_answer_appreciation_name_or_token(
    tmp_path: Path,
) -> None:
    sandbox = Sandbox(token=TOKEN)
    await sandbox.start()
    clock = FakeClock(FIRST_DAY + timedelta(hours=7))
    settings = duet_settings(sandbox, tmp_path, LOG_LEVEL="DEBUG")
    assert settings.log_level == "DEBUG"
    with logging_as_in_production(settings.log_level) as (lines, tap):
        # A DEBUG record from a module of ours would be printed and tapped.
        logging.getLogger("bot.probe").debug("probe at %s", "debug level")
        app = build_app(settings, clock, sandbox.token)
        try:
            async with running(app, poll_timeout=1):
                week = Week(Duet(sandbox, clock, app, settings))
                people = await _live_a_week(week)
        finally:
            await sandbox.stop()
        printed = lines.getvalue()
        formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
        records = [formatter.format(record) for record in tap.records]

    # The week happened, and every secret reached the person it was meant for.
    for secret, reaches in week.delivered.items():
        assert any(secret in text_of(m) for m in reaches.inbox), f"{secret} never arrived"
    for one, other in ((people[0], people[1]), (people[2], people[3])):
        assert any(f"<b>{one.first}</b>" in text_of(m) for m in other.user.inbox)
    # The logs are real: lines were printed, services and telegram logged, at every level let.
    assert printed.count("\n") >= 40, printed
    assert "DEBUG bot.probe: probe at debug level" in printed
    assert "revealed" in printed and "telegram.ext" in printed
    assert not [r.getMessage() for r in tap.records if r.levelno >= logging.WARNING]
    names = {record.name for record in tap.records}
    assert any(name.startswith("bot.services") for name in names), names

    secrets = {
        *week.secrets,
        TOKEN,
        TOKEN.split(":", 1)[1],
        *(p.first for p in people),
        *(p.last for p in people),
        *(p.username for p in people),
    }
    leaks = sorted(
        f"{secret!r} in {line!r}"
        for line in [*printed.splitlines(), *records]
        for secret in secrets
        if secret in line
    )
    assert not leaks, "\n".join(leaks[:20])


async def _live_a_week(week: Week) -> list[Person]:
    sb = week.duet.sandbox
    cast = [
        (1001, "Xanthippe", "Quillfeather", "zq_wombat_77"),
        (1002, "Bartholomew", "Nightingale", "yv_otter_42"),
        (1003, "Ottoline", "Featherstonehaugh", "kw_badger_19"),
        (1004, "Peregrine", "Thistlewood", "mx_heron_88"),
    ]
    people = [
        Person(sb.user(i, first, last_name=last, username=nick), first, last, nick)
        for i, first, last, nick in cast
    ]
    xan, bart, otto, pere = people
    for one, other in ((xan, bart), (otto, pere)):
        await onboard(one.user)
        await pair_up(sb, one.user, other.user)

    # Tuesday: both pairs answer; Xanthippe edits hers first; replies, a reaction, thanks.
    await week.morning(0, *people)
    reveal_b = await week.reveal(xan, bart, 0, edit=True)
    reveal_p = await week.reveal(otto, pere, 0)
    await week.follow_up(bart, xan, reveal_b, 0)
    await press(pere.user, reveal_p, "❤️")
    await week.appreciate(xan, bart, 0)
    await week.appreciate_with_starter(pere, otto, 0)

    # Wednesday: Peregrine answers only after the evening reminder.
    await week.morning(1, *people)
    await week.reveal(xan, bart, 1)
    await week.answer(otto, pere, 1)
    mark = len(pere.user.inbox)
    await week.duet.move_clock(FIRST_DAY + timedelta(days=1, hours=20, seconds=5))
    await expect(pere.user, "gentle nudge", mark)
    mark = len(otto.user.inbox)
    await week.answer(pere, otto, 1)
    await expect(otto.user, pere.said("Answer", 1), mark)

    # Thursday: answers, then in the evening Bartholomew pauses for a day, with a note.
    await week.morning(2, *people)
    await week.reveal(bart, xan, 2)
    await week.reveal(pere, otto, 2)
    await week.duet.move_clock(FIRST_DAY + timedelta(days=2, hours=21))
    mark = len(xan.user.inbox)
    bart.user.send(f"/pause 1d {week.keep(bart.said('Note', 2), xan.user)}")
    await expect(xan.user, bart.said("Note", 2), mark)

    # Friday: only Ottoline and Peregrine are asked; Xanthippe's thanks wait for the pause.
    await week.morning(3, otto, pere)
    await week.reveal(otto, pere, 3)
    mark = len(xan.user.inbox)
    xan.user.send(f"/appreciate {week.keep(xan.said('Held', 3), bart.user)}")
    await expect(xan.user, "when the pause ends", mark)
    mark = len(bart.user.inbox)
    await week.duet.move_clock(FIRST_DAY + timedelta(days=3, hours=21, seconds=5))
    await expect(bart.user, xan.said("Held", 3), mark)

    # Saturday: a voice answer with a caption; Ottoline asks Sunday's question herself.
    await week.morning(4, *people)
    mark, mark_b = len(xan.user.inbox), len(bart.user.inbox)
    caption = week.keep(bart.said("Caption", 4), xan.user)
    bart.user.send_voice(caption=caption)
    await expect(bart.user, "Got it", mark_b)
    await week.answer(xan, bart, 4)
    await expect(xan.user, caption, mark)
    await week.reveal(otto, pere, 4)
    mark = len(otto.user.inbox)
    own = "Ask" + otto.said("Question", 4) + "?"
    week.keep(own, pere.user)
    otto.user.send(f"/ask {own}")
    await expect(otto.user, "", mark)

    # Sunday and Monday: the week goes on; Peregrine gets Ottoline's own question.
    for day in (5, 6):
        prompts = await week.morning(day, *people)
        await week.reveal(xan, bart, day)
        await week.reveal(pere, otto, day)
        await week.appreciate(bart, xan, day)
        if day == 5:
            assert own in text_of(prompts[pere.user.id])
    return people


async def test_after_deletemydata_nothing_already_queued_reaches_the_user_but_the_goodbye(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    mark = len(sam.inbox)
    sam.send("/deletemydata")
    confirm = await expect(sam, "Delete everything", mark)
    # Telegram asks the bot to wait before Sam's next message: Alex's thanks waits in the
    # sender's memory while Sam deletes everything.
    duet.sandbox.fail_next("sendMessage", chat_id=sam.id, status=429, retry_after=2)
    alex.send("/appreciate You make mornings easy")
    await expect(alex, "Sent 💌")
    await duet.sandbox.wait_for(
        lambda: any(c.status == 429 for c in duet.sandbox.calls_to("sendMessage"))
    )
    mark = len(sam.inbox)
    await press(sam, confirm, "Yes, delete")
    await expect(sam, DATA_DELETED, mark)
    await asyncio.sleep(0.5)
    assert [text_of(m) for m in sam.inbox[mark:]] == [DATA_DELETED]
    assert await duet.rows("SELECT * FROM outbox WHERE chat_id = ?", (sam.id,)) == []
