"""A consistent copy of the live database, taken through SQLite's backup API."""

import sqlite3
from pathlib import Path


def backup_to(source: Path, target: Path) -> None:
    """Copy the database at `source` to `target` page by page while the bot may be writing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    live = sqlite3.connect(source)
    copy = sqlite3.connect(target)
    try:
        with copy:
            live.backup(copy)
    finally:
        copy.close()
        live.close()
