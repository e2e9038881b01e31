"""The weekly recap's two figures: drawing one picture, and a Sunday wave of recaps at the limit."""

import asyncio
import random
import sqlite3
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from bench import procs, seed
from bench.report import Figure, Scenario
from bench.scenarios import SETTLE, Bench, at_limit_values, percentile, wait_sent
from bot.domain.week import DayMark, WeekFacts
from bot.storage.db import to_ts
from bot.tg.picture import draw_week

RECAP_FIRST = 20_000_000  # user ids of the pairs whose recap is due in the wave
DRAWINGS = 200
_MARKS: tuple[DayMark, ...] = ("together", "one", "paused", "none")
_THEMES = ("Time together", "Listening", "Before we met", "Hard days", "Dreams and values")


# -- drawing ------------------------------------------------------------------------------------


def render_scenario() -> Scenario:
    return Scenario(
        "recap_render",
        f"Recap picture: {DRAWINGS} weeks drawn and encoded as PNG, in this process",
        [
            Figure(
                "median_ms", "per picture, median", "ms", target="≤ 20", passes=lambda v: v <= 20
            ),
            Figure("p95_ms", "per picture, p95", "ms"),
            Figure("kb", "PNG size, median", "kB", digits=0),
        ],
    )


def render_run(run: int) -> dict[str, float]:
    """Draw varied weeks (every kind of day, 0 to 3 themes) and time each."""
    rng = random.Random(run)
    took: list[float] = []
    sizes: list[int] = []
    for i in range(DRAWINGS):
        facts = WeekFacts(
            start=date(2026, 11, 23) + timedelta(days=7 * i),
            days=tuple(rng.choice(_MARKS) for _ in range(7)),
            reactions=rng.randrange(20),
            appreciations=rng.randrange(10),
            themes=tuple(rng.sample(_THEMES, rng.randrange(4))),
            streak=rng.randrange(60),
        )
        started = time.perf_counter()
        sizes.append(len(draw_week(facts)))
        took.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": statistics.median(took),
        "p95_ms": percentile(took, 0.95),
        "kb": statistics.median(sizes) / 1000,
    }


# -- the Sunday wave ----------------------------------------------------------------------------


async def seed_wave(bench: Bench) -> None:
    """Pairs whose recaps (only) fall due just before the wave's moment."""
    async with seed.opened(bench.seeded("recap"), bench.packs) as (_, db):
        await seed.wave_pairs(db, RECAP_FIRST, bench.sizes.recap_pairs)
        async with db.transaction() as tx:
            await tx.execute(
                "UPDATE users SET next_prompt_at = ?, next_recap_at = ?",
                (to_ts(seed.WAVE_AT + timedelta(days=1)), to_ts(seed.WAVE_AT) - 10),
            )


def wave_scenario(bench: Bench) -> Scenario:
    s = bench.sizes
    return Scenario(
        "recap_wave",
        f"Recap wave at the limit: {2 * s.recap_pairs:,} recaps due at once ({s.recap_pairs:,}"
        f" pairs), {s.limit_rate:g}/s overall and 1/s per chat enforced (429),"
        f" {s.latency * 1000:g} ms per request",
        [
            Figure("rate_per_s", "photos accepted/s, tick → last", "1/s", digits=1),
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
            Figure(
                "uploads_per_pair",
                "pictures uploaded per pair",
                "",
                target="1",
                passes=lambda v: v == 1,
                digits=2,
            ),
            Figure("seconds", "wave duration", "s", digits=1),
            Figure("stall_max_ms", "longest event-loop stall", "ms", digits=0),
            Figure("gc_max_ms", "longest garbage collection", "ms", digits=0),
        ],
    )


def uploaded(database: Path) -> int:
    with sqlite3.connect(database) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM recaps").fetchone()[0])


async def wave_run(bench: Bench, run: int) -> dict[str, float]:
    s = bench.sizes
    folder = bench.run_folder(f"recap_wave_{run}")
    database = seed.copy_database(bench.seeded("recap"), folder / "duet.sqlite3")
    log = folder / "log.txt"
    users = 2 * s.recap_pairs
    async with procs.sandbox(
        log, latency=s.latency, global_rate=s.limit_rate, per_chat_rate=1
    ) as sandbox:
        await sandbox.post("/_sandbox/users/bulk", {"first_id": RECAP_FIRST, "count": users})
        settings = at_limit_values(bench, sandbox, database)
        async with procs.bot(log, settings, seed.BEFORE_WAVE.isoformat()) as bot:
            await asyncio.sleep(SETTLE)
            await sandbox.post("/_sandbox/stats/reset")
            await bot.post("/reset")
            await bot.post("/clock", {"at": seed.WAVE_AT.isoformat()})
            stats = await wait_sent(sandbox, users, users / s.limit_rate * 2 + 60)
            after = await bot.get("/stats")
    seconds = float(stats["last_send_at"]) - float(after["first_tick_at"])
    rate = float(stats["sent_messages"]) / seconds
    return {
        "rate_per_s": rate,
        "rate_over_limit": rate / s.limit_rate,
        "http_429": float(stats["status"].get("429", 0)),
        "busiest_second": float(stats["busiest_second"]),
        "uploads_per_pair": uploaded(database) / s.recap_pairs,
        "seconds": seconds,
        "stall_max_ms": float(after["stall_max"]) * 1000,
        "gc_max_ms": float(after["gc_max"]) * 1000,
    }
