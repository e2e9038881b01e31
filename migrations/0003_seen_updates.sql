-- Telegram re-delivers updates whose offset was not confirmed (a restart): each is handled once.
CREATE TABLE seen_updates (
    update_id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL
);
CREATE INDEX seen_updates_at ON seen_updates(at);
