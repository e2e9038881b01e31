"""Pure values and rules of Duet: no I/O, no Telegram, no SQLite."""
