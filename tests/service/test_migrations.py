"""The migration runner on an empty database: every step applied once, recorded, atomic."""

from pathlib import Path

import aiosqlite
import pytest

from bot.storage.db import Database
from bot.storage.migrate import migrate, split_statements

EXPECTED_TABLES = {
    "answers",
    "exports",
    "guesses",
    "idea_stories",
    "invites",
    "outbox",
    "pack_consents",
    "pair_ideas",
    "pair_members",
    "pairs",
    "prompt_messages",
    "round_deliveries",
    "rounds",
    "schema_migrations",
    "swapped_prompts",
    "told_groups",
    "users",
    "wrong_codes",
}


async def test_empty_database_is_migrated_and_a_second_run_does_nothing(tmp_path: Path) -> None:
    db = Database(tmp_path / "new" / "duet.sqlite3")
    await db.open()
    try:
        applied = await migrate(db.connection)
        assert applied[0] == "0001_initial.sql"
        assert await migrate(db.connection) == []
        async with db.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ) as cursor:
            tables = {row[0] for row in await cursor.fetchall()}
        assert tables >= EXPECTED_TABLES
        async with db.connection.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"  # type: ignore[index]
        async with db.connection.execute("PRAGMA foreign_keys") as cursor:
            assert (await cursor.fetchone())[0] == 1  # type: ignore[index]
    finally:
        await db.close()


async def test_a_failing_migration_leaves_nothing_behind(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_ok.sql").write_text("CREATE TABLE a (x INTEGER);\n")
    (folder / "0002_bad.sql").write_text(
        "CREATE TABLE b (x INTEGER);\nINSERT INTO nowhere VALUES (1);\n"
    )
    async with aiosqlite.connect(tmp_path / "x.sqlite3", isolation_level=None) as conn:
        with pytest.raises(aiosqlite.OperationalError):
            await migrate(conn, folder)
        async with conn.execute("SELECT name FROM schema_migrations") as cursor:
            assert [row[0] for row in await cursor.fetchall()] == ["0001_ok.sql"]
        async with conn.execute("SELECT name FROM sqlite_master WHERE name = 'b'") as cursor:
            assert await cursor.fetchall() == []


def test_statements_are_split_on_complete_sql_only() -> None:
    script = "-- a comment; with a semicolon\nCREATE TABLE t (x TEXT DEFAULT ';');\nSELECT 1;\n"
    assert split_statements(script) == [
        "-- a comment; with a semicolon\nCREATE TABLE t (x TEXT DEFAULT ';');",
        "SELECT 1;",
    ]
    with pytest.raises(ValueError, match="incomplete"):
        split_statements("SELECT 1;\nSELECT 2")
