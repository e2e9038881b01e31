"""`python -m bot backup PATH` copies the live database consistently while the bot runs."""

import asyncio
import os
import shutil
import sys
from pathlib import Path

from bot.storage.db import Database
from bot.storage.migrate import migrate
from tests.e2e.conftest import REPO, Duet
from tests.e2e.flows import expect, onboard, pair_up


async def table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = Database(path)
    await db.open()
    try:
        async with db.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ) as cursor:
            tables = [row[0] for row in await cursor.fetchall()]
        found = {}
        for table in tables:
            async with db.connection.execute(f"SELECT * FROM {table} ORDER BY 1") as cursor:
                found[table] = [tuple(row) for row in await cursor.fetchall()]
        return found
    finally:
        await db.close()


async def test_backup_of_the_live_database_restores_every_row(duet: Duet, tmp_path: Path) -> None:
    alex, sam = duet.sandbox.user(1001, "Alex"), duet.sandbox.user(1002, "Sam")
    await onboard(alex)
    await pair_up(duet.sandbox, alex, sam)
    alex.send("/today")
    await expect(alex, "Reply here")
    alex.send("an answer worth keeping")
    await expect(alex, "Got it")
    sam.send("/appreciate for the backup")
    await expect(alex, "for the backup")

    target = tmp_path / "backups" / "duet-copy.sqlite3"
    env = {**os.environ, "DATABASE_PATH": str(duet.settings.database_path)}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "backup",
        str(target),
        cwd=REPO,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    assert "Backed up" in out.decode()

    restored = tmp_path / "restored.sqlite3"
    shutil.copy(target, restored)
    db = Database(restored)
    await db.open()
    assert await migrate(db.connection) == []  # the copy is a complete, current database
    await db.close()
    live = await table_rows(duet.settings.database_path)
    copy = await table_rows(restored)
    assert copy.keys() == live.keys()
    for table in ("users", "pairs", "rounds", "answers", "appreciations"):
        assert copy[table] == live[table], table
    assert copy["answers"] and copy["appreciations"]
