"""Bad input, generated: any text, every message type, junk commands, edits and buttons.

Each test builds one lived-in scene (two pairs mid-week, an ended pair) in the real bot over
HTTP, then Hypothesis sends one generated update per example from Alex (paired, his answer to
today's round kept hidden), Max (his pair has ended) or someone the bot has never seen. Every
example must leave no error or lost message in the log, change nothing it has no business
changing, reach nobody but the sender (and Sam, where Alex rightly tells him something), and
give the sender a reply where one is due.
"""

import asyncio
import html
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, assume, example, given, settings
from hypothesis import strategies as st

from bot.domain.appreciation import CADENCES, REACTIONS
from bot.domain.space import PAUSE_CHOICES, read_pause
from bot.domain.timeparse import parse_time
from bot.domain.zones import resolve_timezone
from bot.sandbox import SandboxUser
from bot.tg.callbacks import Action, Recap, Word, unpack
from bot.tg.texts import COMMANDS
from tests.e2e.flows import Message, expect, text_of
from tests.e2e.scene import (
    HELP,
    LogTap,
    Scene,
    changed,
    drained,
    must_be_clean,
    observe,
    problems,
)

# Examples per property: six of them, about 30 s for the whole file on two cores.
EXAMPLES = 100
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
)
RAN: Counter[str] = Counter()  # examples run per test, for the closing note
STRANGER_IDS = itertools.count(7_000_000_001)

# -- what people type ---------------------------------------------------------------------------

# Right-to-left scripts and marks, zero-width and bidi controls, combining marks, emoji.
TRICKY = (
    "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u0301\u0336\u20e3"
    "שָׁלוֹם مرحبا سلام ܫܠܡܐ"
    "👩‍❤️‍👨🏳️‍🌈🇺🇦❤️✨🫶"
    "<>&\"'`\\{}%$;|/\n\t\r 𝟗²١٢ ǅ ß İ ﬁ"
)
tricky_chars = st.sampled_from(TRICKY)
# Any Unicode a Telegram client can send (no lone surrogates: they are not valid UTF-8).
any_char = st.characters(codec="utf-8")
short_text = st.text(st.one_of(any_char, tricky_chars), min_size=1, max_size=120)


@st.composite
def long_text(draw: st.DrawFn, low: int = 4000, high: int = 4300) -> str:
    """Text at and past Telegram's 4096: a drawn snippet repeated to a drawn length."""
    snippet = draw(st.text(st.one_of(any_char, tricky_chars), min_size=1, max_size=12))
    length = draw(st.one_of(st.sampled_from([4095, 4096, 4097]), st.integers(low, high)))
    return (snippet * (length // len(snippet) + 1))[:length]


def sendable(text: str) -> bool:
    """Telegram trims a message and does not send an empty one."""
    return bool(text.strip())


user_text = st.one_of(short_text, long_text()).filter(sendable)
plain_text = user_text.filter(lambda t: not t.lstrip().startswith("/"))
caption = st.one_of(
    st.none(),
    short_text.filter(sendable),
    st.text(st.one_of(any_char, tricky_chars), min_size=1000, max_size=1024).filter(sendable),
    st.just("é" * 1024),
)
first_name = st.text(st.one_of(any_char, tricky_chars), min_size=1, max_size=64).filter(sendable)


@dataclass(frozen=True)
class Who:
    """Who sends the example: "alex", "max", or "new" (a person the bot has never seen)."""

    kind: str
    first_name: str
    last_name: str | None
    username: str | None


people = st.builds(
    Who,
    kind=st.sampled_from(["alex", "max", "new"]),
    first_name=first_name,
    last_name=st.none() | first_name,
    username=st.none() | st.from_regex(r"[a-z][a-z0-9_]{4,31}", fullmatch=True),
)


# -- one example, observed ----------------------------------------------------------------------


async def actor_for(scene: Scene, who: Who) -> SandboxUser:
    """Alex, Max, or a new person who has only asked for /help (which remembers nothing)."""
    if who.kind == "alex":
        return scene.alex
    if who.kind == "max":
        return scene.max
    person = scene.duet.sandbox.user(
        next(STRANGER_IDS), who.first_name, last_name=who.last_name, username=who.username
    )
    person.send("/help")
    await expect(person, HELP)
    return person


@pytest.fixture(autouse=True, scope="module")
def report_examples() -> Any:
    """Print how many examples each test ran (shown with -s; counted for the closing note)."""
    yield
    for name, count in sorted(RAN.items()):
        print(f"\n{name}: {count} examples")


# -- text ---------------------------------------------------------------------------------------


@FUZZ
@given(who=people, text=plain_text)
async def test_any_text_is_kept_whole_as_an_answer_or_kindly_refused(
    scene: Scene, log: LogTap, who: Who, text: str
) -> None:
    RAN["text"] += 1
    actor = await actor_for(scene, who)
    seen = await observe(scene, log, actor, lambda: actor.send(text))
    if who.kind == "alex":
        # It replaces his hidden answer, whole, and Sam still sees nothing.
        must_be_clean(seen, frozenset({"answers"}))
        assert any("Updated" in t for t in seen.texts()), seen.texts()
        kept = await scene.rows(
            "SELECT media, text FROM answers WHERE round_id = ? AND user_id = ?",
            (scene.a2, scene.alex.id),
        )
        assert kept == [(None, text)]
    else:
        must_be_clean(seen)
        expected = "not paired" if who.kind == "max" else "/start"
        assert any(expected in t for t in seen.texts()), seen.texts()


# -- every message type -------------------------------------------------------------------------

ANSWERABLE = ("photo", "voice", "video", "video_note")
MEDIA = (*ANSWERABLE, "sticker", "animation", "location", "contact", "document")


def send_media(actor: SandboxUser, kind: str, caption: str | None, emoji: str) -> Message:
    match kind:
        case "photo":
            return actor.send_photo(caption=caption)
        case "voice":
            return actor.send_voice(caption=caption)
        case "video":
            return actor.send_video(caption=caption)
        case "video_note":
            return actor.send_video_note()
        case "sticker":
            return actor.send_sticker(emoji)
        case "animation":
            return actor.send_animation(caption=caption)
        case "location":
            return actor.send_location(-33.8688, 151.2093)
        case "contact":
            return actor.send_contact(first_name=caption[:64] if caption else None)
        case _:
            return actor.send_document(file_name=f"{emoji}.txt", caption=caption)


@FUZZ
@given(who=people, kind=st.sampled_from(MEDIA), caption=caption, emoji=tricky_chars)
async def test_every_message_type_is_kept_as_an_answer_or_gets_a_kind_word(
    scene: Scene,
    log: LogTap,
    who: Who,
    kind: str,
    caption: str | None,
    emoji: str,
) -> None:
    RAN["media"] += 1
    actor = await actor_for(scene, who)
    seen = await observe(scene, log, actor, lambda: send_media(actor, kind, caption, emoji))
    if who.kind == "alex" and kind in ANSWERABLE:
        must_be_clean(seen, frozenset({"answers"}))
        assert any("Updated" in t for t in seen.texts()), seen.texts()
        kept = await scene.rows(
            "SELECT media, text FROM answers WHERE round_id = ? AND user_id = ?",
            (scene.a2, scene.alex.id),
        )
        assert kept == [(kind, None if kind == "video_note" else caption)]
    else:
        must_be_clean(seen)
        if kind not in ANSWERABLE:
            expected = "I can only keep"  # what an answer can be
        else:
            expected = "not paired" if who.kind == "max" else "/start"
        assert any(expected in t for t in seen.texts()), seen.texts()


# -- commands with junk arguments ---------------------------------------------------------------

REGISTERED = {name for name, _ in COMMANDS} | {"start"}
word = st.text(st.one_of(any_char, tricky_chars), min_size=1, max_size=24).filter(
    lambda w: not any(c.isspace() for c in w)
)
junk = st.one_of(
    st.lists(word, min_size=1, max_size=6).map(" ".join),
    st.from_regex(r"[A-Za-z0-9_-]{1,70}", fullmatch=True),
)


def as_args(text: str) -> str:
    """What a handler reads from `context.args`: the words, one space apart."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Command:
    """A command, its junk, and what it may change."""

    name: str
    argument: str
    allowed: frozenset[str] = frozenset()


def command(name: str, argument: st.SearchStrategy[str], *allowed: str) -> Any:
    return st.builds(Command, st.just(name), argument, st.just(frozenset(allowed)))


commands = st.one_of(
    command("time", junk.filter(lambda t: parse_time(as_args(t)) is None)),
    command(
        "timezone",
        junk.filter(
            lambda t: resolve_timezone(as_args(t)) is None and parse_time(as_args(t)) is None
        ),
    ),
    command("pause", junk.filter(lambda t: read_pause(as_args(t)) is None)),
    command("start", junk, "wrong_codes", "users"),
    command("appreciate", st.one_of(junk, long_text(3900, 4200)), "appreciations", "awaiting"),
    command("invite", junk, "invites", "users"),
    command("ask", st.one_of(junk, long_text(3900, 4200)), "own_questions", "awaiting"),
    command("today", junk, "prompt_messages"),
    command("ideas", junk),
    command("help", junk),
    command("settings", junk),
    command("resume", junk),
    command("unpair", junk),
    command("deletemydata", junk),
    command(
        "",
        st.from_regex(r"[A-Za-z0-9_]{1,32}", fullmatch=True).filter(
            lambda c: c.lower() not in REGISTERED
        ),
    ),
)
separators = st.sampled_from([" ", "  ", "\n", " \u200b", "\t"])
addressed = st.sampled_from(["", "", "@DuetSandboxBot", "@SomeOtherBot"])


ALEX = Who("alex", "Alex", None, None)
APPRECIATIONS = frozenset({"appreciations", "awaiting"})


@FUZZ
@given(who=people, cmd=commands, sep=separators, to=addressed, shout=st.booleans())
@example(ALEX, Command("appreciate", "thank you " * 408 + "!!!!", APPRECIATIONS), " ", "", False)
@example(ALEX, Command("appreciate", "for the tea", APPRECIATIONS), "\n", "", False)
@example(ALEX, Command("appreciate", "<b>&amp;" * 400, APPRECIATIONS), " ", "", False)
async def test_commands_with_junk_arguments_are_answered_and_change_nothing_they_should_not(
    scene: Scene,
    log: LogTap,
    who: Who,
    cmd: Command,
    sep: str,
    to: str,
    shout: bool,
) -> None:
    RAN["commands"] += 1
    actor = await actor_for(scene, who)
    name = cmd.name or cmd.argument  # an unknown command: its name is the junk
    text = f"/{name.upper() if shout else name}{to}"
    if cmd.name:
        text += f"{sep}{cmd.argument}"
    seen = await observe(scene, log, actor, lambda: actor.send(text))
    may_tell = frozenset({"Sam"} if cmd.name == "appreciate" and who.kind == "alex" else ())
    allowed = cmd.allowed if who.kind == "new" else cmd.allowed - {"users"}
    must_be_clean(seen, allowed, may_tell=may_tell)
    if who.kind == "new":
        assert "users" not in seen.changed or cmd.name in {"start", "invite"}
    sent_to_sam = seen.to_others.get("Sam", [])
    if cmd.name == "appreciate" and who.kind == "alex" and "appreciations" in seen.changed:
        # Sam has it whole: under the heading, or after it when it is long.
        body = text.split(maxsplit=1)[1].strip()
        assert html.escape(body, quote=False) in "".join(text_of(m) for m in sent_to_sam)


# -- edits --------------------------------------------------------------------------------------

edited_text = st.one_of(
    user_text,
    st.sampled_from(
        ["/pause 1d", "/appreciate thank you", "/unpair", "/time 09:00", "/start", "/help"]
    ),
)


@FUZZ
@given(who=people, pick=st.integers(min_value=0), text=edited_text)
async def test_an_edit_of_a_message_that_was_never_an_answer_changes_nothing(
    scene: Scene, log: LogTap, who: Who, pick: int, text: str
) -> None:
    RAN["edits"] += 1
    actor = await actor_for(scene, who)
    answers = {row[0] for row in await scene.rows("SELECT message_id FROM answers")}
    own = [
        m["message_id"]
        for m in actor.chat.messages.values()
        if m["from"]["id"] == actor.id and "text" in m and m["message_id"] not in answers
    ]
    target = own[pick % len(own)]
    seen = await observe(scene, log, actor, lambda: actor.edit(target, text))
    must_be_clean(seen, reply=False)
    assert not seen.to_actor, seen.texts()


# -- buttons: garbage, junk, stale and forged ---------------------------------------------------


def fits(data: str) -> bool:
    """Telegram carries 1 to 64 bytes of callback data."""
    return 1 <= len(data.encode()) <= 64


def number(text: str) -> int | None:
    """A number as buttons carry one: ASCII digits ("²".isdigit() is true too)."""
    return int(text) if text.isascii() and text.isdigit() else None


def meaningful(scene: Scene, who: str, data: str) -> bool:
    """Whether this press is a real request that person may make: other tests prove those."""
    action, _, argument = data.partition("|")
    if action == Action.TIME:
        choice = argument.partition("|")[0]
        return choice == Word.OTHER or parse_time(choice) is not None
    if action == Action.ZONE:
        return argument == Word.OTHER or bool(resolve_timezone(argument) or parse_time(argument))
    if action in (Action.UNPAIR, Action.DELETE):
        return argument == Word.YES
    if action == Action.SETTING:
        return argument in ("time", "zone")
    if who != "alex":
        return False
    emoji = number(argument.partition("|")[2])
    requests: dict[str, bool] = {
        Action.REACT: number(argument.partition("|")[0]) == scene.a1
        and emoji is not None
        and emoji < len(REACTIONS),
        Action.REPLY: number(argument) == scene.a1,
        Action.PAUSE: argument in PAUSE_CHOICES,
        Action.REMINDER: argument == "off" or parse_time(argument) is not None,
        Action.KIND: argument in ("couple", "friends"),
        Action.CADENCE: number(argument) in CADENCES,
        Action.PACK: unpack(data) is not None and argument.partition("|")[0] in scene.pack_ids,
        Action.RECAP: recap_change(data),
    }
    return requests.get(action, False)


def recap_change(data: str) -> bool:
    """Recaps off, or a weekday with a time that reads (a weekday alone only asks the time)."""
    button = unpack(data)
    if not isinstance(button, Recap):
        return False
    return button.weekday is None or (button.at is not None and parse_time(button.at) is not None)


def allowed_for(who: str, data: str) -> frozenset[str]:
    """What a press that is not a real request may still change."""
    action = data.partition("|")[0]
    stranger = {"users"} if who == "new" else set()
    if action == Action.ACCEPT:
        return frozenset({"wrong_codes", *stranger})  # a wrong code counts towards the limit
    if action == Action.DECLINE:
        return frozenset(stranger)
    if action == Action.STARTER:
        return frozenset({"awaiting"})  # an unknown starter is taken as "my own words"
    return frozenset()


ACTIONS = list(Action)
junk_argument = st.one_of(
    st.integers(-(10**30), 10**62).map(str),
    st.sampled_from(["", "0", "-1", "+5", "1e3", " 7", "0x1f", "²", "١٢", "𝟗", "³|0", "1|²"]),
    st.lists(st.integers(-3, 10**20).map(str), min_size=2, max_size=4).map("|".join),
    short_text,
)
garbage = st.text(st.one_of(any_char, tricky_chars), min_size=1, max_size=64)


def forged_and_stale(scene: Scene) -> list[str]:
    """Well-formed data naming another pair's rounds, an ended pair's, old or used ones."""
    rounds = [scene.b1, scene.b2, scene.e1, scene.a2, 10**6]
    return [
        *(f"{Action.SWAP}|{r}" for r in [*rounds, scene.a1]),
        *(f"{Action.REACT}|{r}|{i}" for r in rounds for i in range(len(REACTIONS))),
        *(f"{Action.REPLY}|{r}" for r in rounds),
        *(f"{Action.THANKS_REACT}|{scene.kim_to_lee}|{i}" for i in range(len(REACTIONS))),
        f"{Action.ACCEPT}|{scene.used_code}",
        f"{Action.DECLINE}|{scene.used_code}",
    ]


@dataclass(frozen=True)
class Forged:
    """The n-th of `forged_and_stale(scene)` (its rounds exist only once the scene does)."""

    n: int


ALL_PATTERNS = "|".join(f"(?:{p})" for p in [f"^{action}\\|" for action in ACTIONS])
junk_data = st.builds(lambda a, j: f"{a}|{j}", st.sampled_from(ACTIONS), junk_argument).filter(fits)
garbage_data = garbage.filter(lambda d: fits(d) and not re.match(ALL_PATTERNS, d))
presses = st.one_of(garbage_data, junk_data, st.integers(min_value=0).map(Forged))
NEW = Who("new", "Nobody", None, None)


@FUZZ
@given(who=people, pressed=presses, on=st.integers(min_value=0))
@example(ALEX, f"{Action.SWAP}|²", 0)
@example(ALEX, f"{Action.REACT}|²|0", 0)
@example(ALEX, f"{Action.CADENCE}|²", 0)
@example(ALEX, f"{Action.STARTER}|²", 0)
@example(ALEX, f"{Action.THANKS_REACT}|²|0", 0)
@example(ALEX, f"{Action.SWAP}|{'9' * 61}", 0)
@example(ALEX, f"{Action.REACT}|{'9' * 40}|0", 0)
@example(ALEX, f"{Action.REPLY}|{'9' * 40}", 0)
@example(ALEX, f"{Action.THANKS_REACT}|{'9' * 40}|0", 0)
@example(ALEX, f"{Action.REACT}|1|{'9' * 40}", 0)
@example(NEW, f"{Action.SWAP}|{'9' * 61}", 0)
async def test_garbage_junk_stale_and_forged_buttons_change_nothing_and_tell_no_one(
    scene: Scene, log: LogTap, who: Who, pressed: str | Forged, on: int
) -> None:
    if isinstance(pressed, Forged):
        choices = forged_and_stale(scene)
        pressed = choices[pressed.n % len(choices)]
    assume(not meaningful(scene, who.kind, pressed))
    RAN["buttons"] += 1
    actor = await actor_for(scene, who)
    message = actor.inbox[on % len(actor.inbox)]
    queries: list[str] = []

    def press() -> None:
        queries.append(actor.press(message["message_id"], pressed, forged=True))

    seen = await observe(scene, log, actor, press)
    must_be_clean(seen, allowed_for(who.kind, pressed), reply=False)
    answer = actor.callback_answer(queries[0])
    assert answer is not None, "the button kept spinning"
    if unpack(pressed) is None:
        assert "no longer works" in str(answer["text"])


# -- groups -------------------------------------------------------------------------------------


@FUZZ
@given(who=people, group=st.integers(1, 3), text=st.one_of(user_text, junk.map(lambda j: f"/{j}")))
async def test_in_a_group_anything_gets_one_private_only_note_and_changes_nothing_else(
    scene: Scene, log: LogTap, who: Who, group: int, text: str
) -> None:
    RAN["groups"] += 1
    actor = await actor_for(scene, who)
    chat = scene.duet.sandbox.group(-5000 - group, f"Group {group}")
    before = await scene.snapshot()
    everyone = [*scene.people, actor]
    marks = [len(person.inbox) for person in everyone]
    logged = len(log.records)
    chat.send(actor, text)
    chat.send(actor, "and one more")  # handled after the first: when it is seen, all is done
    last = scene.duet.sandbox.world.last_update_id
    for _ in range(1000):
        if await scene.rows("SELECT 1 FROM seen_updates WHERE update_id = ?", (last,)):
            break
        await asyncio.sleep(0.005)
    await drained(scene.duet, scene.reader)
    assert not problems(log.records[logged:])
    assert changed(before, await scene.snapshot()) <= {"told_groups"}
    assert [len(person.inbox) for person in everyone] == marks  # no private chat hears of it
    notes = [m for m in chat.inbox if "only work in private chats" in text_of(m)]
    assert len(chat.inbox) == len(notes) == 1


# -- long words relayed under a heading ---------------------------------------------------------


async def test_a_follow_up_reply_up_to_telegrams_limit_reaches_the_partner_whole(
    scene: Scene, log: LogTap
) -> None:
    words = ("a long and careful reply " * 200)[:4096]
    reveal = scene.messages["reveal_a1"]
    scene.alex.press(reveal["message_id"], f"{Action.REPLY}|{scene.a1}")
    await expect(scene.alex, "What would you like to tell")
    seen = await observe(scene, log, scene.alex, lambda: scene.alex.send(words))
    must_be_clean(seen, frozenset({"follow_ups", "awaiting"}), may_tell=frozenset({"Sam"}))
    assert html.escape(words, quote=False) in "".join(text_of(m) for m in seen.to_others["Sam"])
