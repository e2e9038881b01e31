"""The migration runner: append-only `migrations/NNNN_name.sql`, each applied once and recorded."""

import asyncio
import sqlite3
from pathlib import Path

import aiosqlite

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def split_statements(script: str) -> list[str]:
    """The complete SQL statements of a script, in order."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    leftover = [
        line for line in current.splitlines() if line.strip() and not line.strip().startswith("--")
    ]
    if leftover:
        raise ValueError(f"incomplete SQL statement at the end: {leftover[0][:60]!r}")
    return statements


def read_migrations(folder: Path) -> list[tuple[str, list[str]]]:
    """Each migration file's name and statements, in order."""
    return [
        (path.name, split_statements(path.read_text(encoding="utf-8")))
        for path in sorted(folder.glob("[0-9][0-9][0-9][0-9]_*.sql"))
    ]


async def migrate(conn: aiosqlite.Connection, folder: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply every migration not yet applied, each in its own transaction; their names."""
    steps = await asyncio.to_thread(read_migrations, folder)
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
    )
    async with conn.execute("SELECT name FROM schema_migrations") as cursor:
        done = {row[0] for row in await cursor.fetchall()}
    applied: list[str] = []
    for name, statements in steps:
        if name in done:
            continue
        # executescript() would commit on its own; one statement at a time keeps this atomic.
        await conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in statements:
                await conn.execute(statement)
            await conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, datetime('now'))",
                (name,),
            )
        except BaseException:
            await conn.execute("ROLLBACK")
            raise
        await conn.execute("COMMIT")
        applied.append(name)
    return applied
