"""SQLite: the connections, their pragmas, and transactions that wake the sender.

A transaction takes SQLite's write lock (BEGIN IMMEDIATE) and then runs its statements on the
event loop's own thread: an indexed statement takes microseconds, while a trip to a worker
thread and back costs tens of them, and the morning wave makes a dozen statements per prompt.
Only waiting for the lock, when another process holds it, happens off the loop (in a thread),
so a locked database delays the bot without freezing it. The aiosqlite connection stays for
the migration runner, operators' reads and tests (`Database.connection`).
"""

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

Row = aiosqlite.Row
BUSY_TIMEOUT_MS = 10_000


def to_ts(instant: datetime) -> int:
    return int(instant.timestamp())


def from_ts(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


class Tx:
    """One open transaction: the only way services reach SQL (through the repositories).

    Its methods are coroutines so that services read the same whatever runs the SQL; they
    return without suspending (see the module's docstring)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.wrote_outbox = False
        # Chats whose queued messages this transaction deleted (their user left for good).
        self.dropped_chats: set[int] = set()

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; the number of rows it changed."""
        return self._conn.execute(sql, params).rowcount

    async def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one INSERT; the new row's id."""
        rowid = self._conn.execute(sql, params).lastrowid
        assert rowid is not None
        return rowid

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    async def one(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Row | None:
        row: Row | None = self._conn.execute(sql, params).fetchone()
        return row

    async def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self._conn.execute(sql, params).fetchall())

    async def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = await self.one(sql, params)
        return None if row is None else row[0]


def _connect(path: Path) -> sqlite3.Connection:
    """The connection transactions use: never waits for a lock by itself (busy_timeout 0)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=0)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _begin_waiting(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, waiting up to BUSY_TIMEOUT_MS for another writer (in a worker thread)."""
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    try:
        conn.execute("BEGIN IMMEDIATE")
    finally:
        conn.execute("PRAGMA busy_timeout=0")


async def _begin(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE at once if the write lock is free, else wait for it off the loop."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        return
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY:
            raise
    waiting = asyncio.ensure_future(asyncio.to_thread(_begin_waiting, conn))
    try:
        await asyncio.shield(waiting)
    except asyncio.CancelledError:
        # The thread waits on for the lock regardless: let it finish, then undo its BEGIN.
        with contextlib.suppress(Exception):
            await waiting
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


class Database:
    """The SQLite file. Transactions run one at a time: SQLite has one writer anyway."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: aiosqlite.Connection | None = None
        self._tx_conn: sqlite3.Connection | None = None
        self._lock = asyncio.Lock()
        self._on_outbox: Callable[[frozenset[int]], None] = lambda dropped: None

    async def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute("PRAGMA synchronous=NORMAL")
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        self._conn = conn
        self._tx_conn = await asyncio.to_thread(_connect, self.path)

    async def close(self) -> None:
        if self._tx_conn is not None:
            self._tx_conn.close()
            self._tx_conn = None
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    def on_outbox(self, callback: Callable[[frozenset[int]], None]) -> None:
        """Call `callback` after each commit that wrote to the outbox (wakes the sender), with
        the chats whose queued messages it deleted (the sender forgets them too)."""
        self._on_outbox = callback

    @property
    def connection(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error."""
        if self._tx_conn is None:
            raise RuntimeError("database is not open")
        conn = self._tx_conn
        async with self._lock:
            await _begin(conn)
            tx = Tx(conn)
            try:
                yield tx
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        if tx.wrote_outbox or tx.dropped_chats:
            self._on_outbox(frozenset(tx.dropped_chats))
