"""One Duet per database: an OS lock on a file beside it, which the kernel frees if we die."""

import fcntl
import os
from pathlib import Path


class DatabaseInUse(Exception):
    """Another process holds the database's lock."""

    def __init__(self, database: Path, pid: str) -> None:
        super().__init__(f"{database} is in use by another Duet (pid {pid})")
        self.database = database
        self.pid = pid


class DatabaseLock:
    """Held from start-up to shutdown; a second holder is refused at once, not queued."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = database.with_name(database.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise DatabaseInUse naming the process that has it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise DatabaseInUse(self.database, holder) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
