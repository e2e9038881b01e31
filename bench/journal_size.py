"""`python -m bench.journal_size`: a year of a pair (365 revealed rounds in words, a weekly
appreciation) seeded through the services; the journal's zip and HTML sizes and build time."""

import argparse
import asyncio
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.procs import REPO
from bot.clock import FakeClock
from bot.domain import notices as n
from bot.packs import load_library
from bot.services.deps import Deps
from bot.services.inbox import Incoming
from bot.services.journal import read_journal
from bot.services.registry import build_services
from bot.storage.db import Database
from bot.storage.journal import latest_pair
from bot.storage.migrate import migrate
from bot.tg.journal import NO_MEDIA, build_html, build_zip

ALEX, SAM = 1001, 1002
NAMES = {ALEX: "Alex", SAM: "Sam"}
START = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
# About what people write: two to five sentences, in words the packs use (deflate squeezes
# one sentence repeated far better than real answers, which would flatter the zip).
SENTENCES = (2, 5)


def answer(words: list[str], rng: random.Random) -> str:
    sentences = [
        " ".join(rng.choices(words, k=rng.randint(6, 18))).capitalize() + "."
        for _ in range(rng.randint(*SENTENCES))
    ]
    return " ".join(sentences)


async def measure(days: int, folder: Path) -> None:
    db = Database(folder / "duet.sqlite3")
    await db.open()
    await migrate(db.connection)
    clock = FakeClock(START - timedelta(hours=1))
    library = load_library(REPO / "prompt_packs")
    words = sorted({w.strip("?.,!\"'").lower() for p in library.prompts() for w in p.text.split()})
    rng = random.Random(11)
    services = build_services(Deps(db, clock, library, "UTC", START.time()))
    await services.account.start(ALEX, "Alex", "en")
    await services.account.start(SAM, "Sam", "en")
    await services.pairing.invite(ALEX, "Alex", "en")
    queued = await services.delivery.pending_after(0)
    code = next(i.notice.code for i in queued if isinstance(i.notice, n.InviteLink))
    assert await services.pairing.accept(SAM, "Sam", "en", code)
    message_id = 1
    for day in range(days):
        clock.set(START + timedelta(days=day))
        for user_id in (ALEX, SAM):
            await services.rounds.today(user_id)
        for user_id in (ALEX, SAM):
            message_id += 1
            said = Incoming(message_id, answer(words, rng), None, None)
            await services.inbox.take(user_id, NAMES[user_id], "en", said)
        if day % 7 == 3:
            message_id += 1
            await services.appreciations.send(ALEX, message_id, f"thank you for day {day}", None)
    clock.set(START + timedelta(days=days))
    started = time.perf_counter()
    async with db.transaction() as tx:
        pair = await latest_pair(tx, ALEX)
        assert pair is not None
        journal = await read_journal(tx, pair.id, ALEX, clock.now())
    assert journal is not None
    read = time.perf_counter() - started
    html = build_html(journal, NO_MEDIA).encode()
    data = build_zip(journal, NO_MEDIA)
    total = time.perf_counter() - started
    await db.close()
    kept = [w.text or "" for r in journal.rounds for w in (r.mine, r.theirs) if w is not None]
    print(
        f"{len(journal.rounds)} revealed rounds ({sum(map(len, kept)) // len(kept)} characters"
        f" an answer), {len(journal.appreciations)} appreciations: zip {len(data) / 1024:.0f} KiB,"
        f" journal.html {len(html) / 1024:.0f} KiB; built in {total * 1000:.0f} ms"
        f" (reading {read * 1000:.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(measure(args.days, Path(folder)))


if __name__ == "__main__":
    main()
