"""The five scenarios of issue 5: each run builds its processes, measures, and tears down."""

import asyncio
import math
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import procs, seed
from bench.procs import Service
from bench.report import Figure, Scenario

WAVE_FIRST = 1_000_000  # user ids of the pairs due in the wave
ANSWER_FIRST = 5_000_000  # pairs that answer during the wave (scenario 3) or in bulk (5)
IDLE_FIRST = 10_000_000  # the million users nobody is due among
SETTLE = 1.0  # seconds a scenario lets a freshly started bot settle


@dataclass(frozen=True)
class Sizes:
    """How big each scenario is (issue 5's numbers by default)."""

    wave_pairs: int = 20_000
    limit_pairs: int = 1_500
    answering: int = 200
    answer_rate: float = 10.0
    idle_users: int = 1_000_000
    inbound_pairs: int = 1_000
    concurrency: int = 16
    limit_rate: float = 30.0
    latency: float = 0.05
    idle_seconds: float = 5.0
    recap_pairs: int = 10_000


QUICK = Sizes(
    wave_pairs=2_000,
    limit_pairs=150,
    answering=40,
    idle_users=100_000,
    inbound_pairs=300,
    idle_seconds=2.0,
    recap_pairs=150,
)


@dataclass
class Bench:
    """What every scenario shares: sizes, prompt packs, the work folder and the seeded files."""

    sizes: Sizes
    packs: Path
    work: Path
    send_rate_at_limit: float | None

    def seeded(self, name: str) -> Path:
        return self.work / "seed" / f"{name}.sqlite3"

    def run_folder(self, name: str) -> Path:
        folder = self.work / name
        folder.mkdir(parents=True, exist_ok=True)
        return folder


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- seeding ------------------------------------------------------------------------------------


async def seed_all(bench: Bench, only: set[str]) -> dict[str, float]:
    """Every database the chosen scenarios need, seeded once; seconds each took."""
    s = bench.sizes
    took: dict[str, float] = {}

    async def timed(name: str, work: Any) -> None:
        started = time.monotonic()
        await work
        took[name] = round(time.monotonic() - started, 1)
        say(f"  seeded {name} in {took[name]} s")

    async def wave() -> None:
        async with seed.opened(bench.seeded("wave"), bench.packs) as (_, db):
            await seed.wave_pairs(db, WAVE_FIRST, s.wave_pairs)

    async def at_limit() -> None:
        async with seed.opened(bench.seeded("at_limit"), bench.packs) as (services, db):
            await seed.wave_pairs(db, WAVE_FIRST, s.limit_pairs)
            await seed.answering_pairs(services, db, ANSWER_FIRST, s.answering)

    async def idle() -> None:
        async with seed.opened(bench.seeded("idle"), bench.packs) as (_, db):
            await seed.idle_users(db, IDLE_FIRST, s.idle_users)

    async def inbound() -> None:
        async with seed.opened(bench.seeded("inbound"), bench.packs) as (services, db):
            await seed.answering_pairs(services, db, ANSWER_FIRST, s.inbound_pairs)

    (bench.work / "seed").mkdir(parents=True, exist_ok=True)
    if "wave_unlimited" in only:
        await timed("wave", wave())
    if only & {"wave_at_limit", "reveal_during_wave"}:
        await timed("at_limit", at_limit())
    if "idle_tick_1m" in only:
        await timed("idle", idle())
    if "inbound" in only:
        await timed("inbound", inbound())
    return took


# -- shared steps -------------------------------------------------------------------------------


async def wait_sent(sandbox: Service, expected: int, seconds: float) -> dict[str, Any]:
    """Poll the sandbox until it has accepted `expected` messages (or time is up); its stats."""
    deadline = time.monotonic() + seconds
    while True:
        stats: dict[str, Any] = await sandbox.get("/_sandbox/stats")
        if stats["sent_messages"] >= expected or time.monotonic() > deadline:
            return stats
        await asyncio.sleep(0.2)


async def wait_idle(bot: Service, seconds: float) -> None:
    """Until the bot's sender has nothing queued or in flight."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (await bot.get("/stats"))["sender_idle"]:
            return
        await asyncio.sleep(0.2)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1) of values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


def bot_values(bench: Bench, sandbox: Service, database: Path, **values: Any) -> dict[str, Any]:
    return procs.bot_settings(sandbox.url, database, bench.packs, **values)


def unlimited_values(bench: Bench, sandbox: Service, database: Path) -> dict[str, Any]:
    """A bot whose sender never holds back: the fake server sets no limits either."""
    return bot_values(
        bench,
        sandbox,
        database,
        TICK_SECONDS=1,
        SEND_RATE=10_000,
        SEND_CHAT_RATE=100,
        SEND_CONCURRENCY=bench.sizes.concurrency,
    )


def at_limit_values(bench: Bench, sandbox: Service, database: Path) -> dict[str, Any]:
    """A bot that keeps to Telegram's limits as it would for real (SEND_RATE may be set)."""
    pace = {} if bench.send_rate_at_limit is None else {"SEND_RATE": bench.send_rate_at_limit}
    return bot_values(
        bench,
        sandbox,
        database,
        TICK_SECONDS=1,
        SEND_CHAT_RATE=1,
        SEND_CONCURRENCY=bench.sizes.concurrency,
        **pace,
    )


# -- 1. the wave, unlimited ---------------------------------------------------------------------


def wave_unlimited_scenario() -> Scenario:
    return Scenario(
        "wave_unlimited",
        "Wave, unlimited: 20,000 pairs due at once, no limits at the fake server",
        [
            Figure("prompts_per_s", "Duet prompts/s, tick → last accepted", "1/s", digits=0),
            Figure("bare_per_s", "bare PTB send_message loop (before + after)", "1/s", digits=0),
            Figure(
                "duet_over_bare",
                "Duet ÷ bare",
                "",
                target="≥ 0.8",
                passes=lambda v: v >= 0.8,
                digits=2,
            ),
            Figure("cpu_s_per_1000", "bot CPU per 1,000 prompts", "s", digits=2),
            Figure("bare_cpu_s_per_1000", "bare CPU per 1,000 sends", "s", digits=2),
            Figure("stall_max_ms", "longest event-loop stall", "ms", digits=0),
            Figure("gc_max_ms", "longest garbage collection", "ms", digits=0),
            Figure("queue_s", "the wave's tick (all prompts queued)", "s", digits=1),
            Figure("lost", "prompts not accepted", "", digits=0),
        ],
    )


async def bare_loop(bench: Bench, sandbox: Service, first: int, count: int, log: Path) -> Any:
    """Run the bare send_message loop (bench.bare) against the sandbox to its end."""
    args = ["--base-url", sandbox.url + "/bot", "--first-chat", str(first), "--count", str(count)]
    args += ["--concurrency", str(bench.sizes.concurrency)]
    return await procs.run_json(["-m", "bench.bare", *args], log)


async def wave_unlimited_run(bench: Bench, run: int) -> dict[str, float]:
    """The bare loop sends half as many messages just before the bot's wave and half just
    after it (to the same chats), so that a change in the machine's pace during the run (other
    work on it) weighs on both sides of the ratio alike."""
    s = bench.sizes
    folder = bench.run_folder(f"wave_unlimited_{run}")
    database = seed.copy_database(bench.seeded("wave"), folder / "duet.sqlite3")
    log = folder / "log.txt"
    users = 2 * s.wave_pairs
    async with procs.sandbox(log) as sandbox:
        await sandbox.post("/_sandbox/users/bulk", {"first_id": WAVE_FIRST, "count": users})
        bare = [await bare_loop(bench, sandbox, WAVE_FIRST, users // 2, log)]
        settings = unlimited_values(bench, sandbox, database)
        async with procs.bot(log, settings, seed.BEFORE_WAVE.isoformat()) as bot:
            await asyncio.sleep(SETTLE)
            await sandbox.post("/_sandbox/stats/reset")
            await bot.post("/reset")
            before = await bot.get("/stats")
            await bot.post("/clock", {"at": seed.WAVE_AT.isoformat()})
            stats = await wait_sent(sandbox, users, 600)
            after = await bot.get("/stats")
        bare.append(await bare_loop(bench, sandbox, WAVE_FIRST + users // 2, users // 2, log))
    sent = int(stats["sent_messages"])
    duet_rate = sent / (float(stats["last_send_at"]) - float(after["first_tick_at"]))
    bare_sent = sum(float(b["sent"]) for b in bare)
    bare_rate = bare_sent / sum(float(b["ended"]) - float(b["started"]) for b in bare)
    return {
        "prompts_per_s": duet_rate,
        "bare_per_s": bare_rate,
        "duet_over_bare": duet_rate / bare_rate,
        "cpu_s_per_1000": (after["cpu_seconds"] - before["cpu_seconds"]) / sent * 1000,
        "bare_cpu_s_per_1000": sum(float(b["cpu_seconds"]) for b in bare) / bare_sent * 1000,
        "stall_max_ms": float(after["stall_max"]) * 1000,
        "gc_max_ms": float(after["gc_max"]) * 1000,
        "queue_s": float(after["first_tick_seconds"]),
        "lost": float(users - sent),
    }


# -- 2 and 3. the wave at Telegram's limit, with answers during it ------------------------------


def wave_at_limit_scenario(bench: Bench) -> Scenario:
    s = bench.sizes
    return Scenario(
        "wave_at_limit",
        f"Wave at the limit: {2 * s.limit_pairs:,} users due, {s.limit_rate:g}/s overall and"
        f" 1/s per chat enforced (429), {s.latency * 1000:g} ms per request",
        [
            Figure("rate_per_s", "messages accepted/s, tick → last", "1/s", digits=1),
            Figure(
                "rate_over_limit",
                f"achieved ÷ {s.limit_rate:g}",
                "",
                target="≥ 0.9",
                passes=lambda v: v >= 0.9,
                digits=3,
            ),
            Figure("http_429", "429s received", "", target="0", passes=lambda v: v == 0, digits=0),
            Figure(
                "busiest_second",
                f"most sends Telegram saw in one second (limit {s.limit_rate:g})",
                "",
                digits=0,
            ),
            Figure("lost", "prompts lost", "", target="0", passes=lambda v: v == 0, digits=0),
            Figure("seconds", "wave duration", "s", digits=1),
        ],
    )


def reveal_scenario(bench: Bench) -> Scenario:
    s = bench.sizes
    return Scenario(
        "reveal_during_wave",
        f"Answers during the wave: {s.answer_rate:g} answers/s complete rounds while the"
        " at-limit wave runs; answer → both reveals accepted",
        [
            Figure("p50_s", "answer → both reveals, p50", "s", digits=3),
            Figure(
                "p99_s",
                "answer → both reveals, p99",
                "s",
                target="≤ 1.5 s",
                passes=lambda v: v <= 1.5,
                digits=3,
            ),
            Figure("max_s", "answer → both reveals, max", "s", digits=3),
            Figure("unrevealed", "rounds not revealed", "", digits=0),
        ],
    )


async def answer_during_wave(sandbox: Service, bench: Bench, start_after: float) -> list[float]:
    """Second partners answer at the set rate; when each answer was queued for the bot."""
    s = bench.sizes
    await asyncio.sleep(start_after)
    began = time.monotonic()
    queued: list[float] = []
    for k in range(s.answering):
        await asyncio.sleep(max(0.0, began + k / s.answer_rate - time.monotonic()))
        b = ANSWER_FIRST + 2 * k + 1
        sent = await sandbox.post(
            "/_sandbox/send_many", {"messages": [{"user_id": b, "text": seed.second_answer(b)}]}
        )
        queued.append(float(sent[0]["at"]))
    return queued


async def wave_at_limit_run(bench: Bench, run: int) -> tuple[dict[str, float], dict[str, float]]:
    s = bench.sizes
    folder = bench.run_folder(f"wave_at_limit_{run}")
    database = seed.copy_database(bench.seeded("at_limit"), folder / "duet.sqlite3")
    log = folder / "log.txt"
    users = 2 * s.limit_pairs
    expected = users + 2 * s.answering
    async with procs.sandbox(
        log, latency=s.latency, global_rate=s.limit_rate, per_chat_rate=1
    ) as sandbox:
        await sandbox.post("/_sandbox/users/bulk", {"first_id": WAVE_FIRST, "count": users})
        await sandbox.post(
            "/_sandbox/users/bulk", {"first_id": ANSWER_FIRST, "count": 2 * s.answering}
        )
        settings = at_limit_values(bench, sandbox, database)
        async with procs.bot(log, settings, seed.BEFORE_WAVE.isoformat()) as bot:
            await asyncio.sleep(SETTLE)
            await sandbox.post("/_sandbox/stats/reset")
            await bot.post("/reset")
            await bot.post("/clock", {"at": seed.WAVE_AT.isoformat()})
            answers = asyncio.create_task(answer_during_wave(sandbox, bench, 3.0))
            timeout = expected / s.limit_rate * 2 + 60
            stats = await wait_sent(sandbox, expected, timeout)
            queued = await answers
            after = await bot.get("/stats")
            wave_chats = [[WAVE_FIRST + i, ""] for i in range(users)]
            got = await sandbox.post("/_sandbox/accepted", {"queries": wave_chats})
            reveals: list[list[object]] = []
            for k in range(s.answering):
                a, b = ANSWER_FIRST + 2 * k, ANSWER_FIRST + 2 * k + 1
                reveals += [[a, seed.second_answer(b)], [b, seed.first_answer(a)]]
            shown = await sandbox.post("/_sandbox/accepted", {"queries": reveals})
    seconds = float(stats["last_send_at"]) - float(after["first_tick_at"])
    rate = float(stats["sent_messages"]) / seconds
    latencies = [
        max(shown[2 * k], shown[2 * k + 1]) - queued[k]
        for k in range(s.answering)
        if shown[2 * k] is not None and shown[2 * k + 1] is not None
    ]
    wave = {
        "rate_per_s": rate,
        "rate_over_limit": rate / s.limit_rate,
        "http_429": float(stats["status"].get("429", 0)),
        "busiest_second": float(stats["busiest_second"]),
        "lost": float(sum(1 for at in got if at is None)),
        "seconds": seconds,
    }
    reveal = {
        "p50_s": percentile(latencies, 0.5),
        "p99_s": percentile(latencies, 0.99),
        "max_s": max(latencies, default=float("nan")),
        "unrevealed": float(s.answering - len(latencies)),
    }
    return wave, reveal


# -- 4. an idle tick among a million users ------------------------------------------------------


def idle_scenario(bench: Bench) -> Scenario:
    return Scenario(
        "idle_tick_1m",
        f"Idle tick at scale: {bench.sizes.idle_users:,} users, none due",
        [
            Figure(
                "tick_ms",
                "median tick",
                "ms",
                target="≤ 5 ms",
                passes=lambda v: v <= 5,
                digits=2,
            ),
            Figure("tick_p99_ms", "p99 tick", "ms", digits=2),
            Figure(
                "peak_rss_mb",
                "peak RSS of the bot",
                "MB",
                target="≤ 200 MB",
                passes=lambda v: v <= 200,
                digits=0,
            ),
        ],
    )


async def idle_run(bench: Bench, run: int) -> dict[str, float]:
    folder = bench.run_folder(f"idle_{run}")
    database = seed.copy_database(bench.seeded("idle"), folder / "duet.sqlite3")
    log = folder / "log.txt"
    async with procs.sandbox(log) as sandbox:
        settings = bot_values(bench, sandbox, database, TICK_SECONDS=0.05)
        async with procs.bot(log, settings, seed.WAVE_AT.isoformat()) as bot:
            await asyncio.sleep(SETTLE)
            await bot.post("/reset")
            await asyncio.sleep(bench.sizes.idle_seconds)
            stats = await bot.get("/stats")
    ticks = [t * 1000 for t in stats["tick_seconds"]]
    return {
        "tick_ms": statistics.median(ticks),
        "tick_p99_ms": percentile(ticks, 0.99),
        "peak_rss_mb": float(stats["max_rss_kb"]) / 1024,
    }


# -- 5. inbound answers -------------------------------------------------------------------------


def inbound_scenario(bench: Bench) -> Scenario:
    s = bench.sizes
    return Scenario(
        "inbound",
        f"Inbound: {s.inbound_pairs:,} answers that complete rounds, all at once; no limits,"
        f" {s.latency * 1000:g} ms per request; answer → stored → reveal queued",
        [
            Figure(
                "answers_per_s",
                "answers taken/s",
                "1/s",
                target="≥ 200/s",
                passes=lambda v: v >= 200,
                digits=0,
            ),
            Figure("cpu_ms_per_answer", "bot CPU per answer", "ms", digits=2),
        ],
    )


def revealed(database: Path) -> int:
    """Rounds revealed so far, read from a second connection as an operator would."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10) as conn:
        row = conn.execute("SELECT COUNT(*) FROM rounds WHERE revealed_at IS NOT NULL").fetchone()
        return int(row[0])


async def wait_revealed(database: Path, count: int, seconds: float) -> tuple[int, float]:
    """Poll until `count` rounds are revealed (or time is up): how many, and when."""
    deadline = time.monotonic() + seconds
    while True:
        found = revealed(database)
        now = time.monotonic()
        if found >= count or now > deadline:
            return found, now
        await asyncio.sleep(0.01)


async def inbound_run(bench: Bench, run: int) -> dict[str, float]:
    s = bench.sizes
    folder = bench.run_folder(f"inbound_{run}")
    database = seed.copy_database(bench.seeded("inbound"), folder / "duet.sqlite3")
    log = folder / "log.txt"
    async with procs.sandbox(log, latency=s.latency) as sandbox:
        await sandbox.post(
            "/_sandbox/users/bulk", {"first_id": ANSWER_FIRST, "count": 2 * s.inbound_pairs}
        )
        settings = unlimited_values(bench, sandbox, database)
        async with procs.bot(log, settings, seed.WAVE_AT.isoformat()) as bot:
            await asyncio.sleep(SETTLE)
            before = await bot.get("/stats")
            messages = [
                {"user_id": b, "text": seed.second_answer(b)}
                for b in range(ANSWER_FIRST + 1, ANSWER_FIRST + 2 * s.inbound_pairs, 2)
            ]
            sent = await sandbox.post("/_sandbox/send_many", {"messages": messages})
            first = float(sent[0]["at"])
            count, done = await wait_revealed(database, s.inbound_pairs, 120)
            after = await bot.get("/stats")
            await wait_idle(bot, 60)
    return {
        "answers_per_s": count / (done - first),
        "cpu_ms_per_answer": (after["cpu_seconds"] - before["cpu_seconds"]) / count * 1000,
    }
