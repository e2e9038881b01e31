-- The weekly recap: when each user gets it, the pauses it shows, and one picture per pair-week.

ALTER TABLE users ADD COLUMN recap_day INTEGER DEFAULT 6;    -- 0 Monday … 6 Sunday; NULL: off
ALTER TABLE users ADD COLUMN recap_time TEXT DEFAULT '19:00'; -- local 'HH:MM'
ALTER TABLE users ADD COLUMN next_recap_at INTEGER;          -- NULL while unpaired or off
ALTER TABLE users ADD COLUMN last_recap_at INTEGER;
ALTER TABLE users ADD COLUMN recap_held TEXT;                -- a week's first day (ISO) held by a pause
CREATE INDEX users_recap_due ON users(next_recap_at) WHERE next_recap_at IS NOT NULL;
-- Paired users of an older version: due now, so the first tick plans their next recap.
UPDATE users SET next_recap_at = 0 WHERE pair_id IS NOT NULL;

-- Every pause, so a week can show its paused days after the pause is over.
CREATE TABLE pauses (
    id INTEGER PRIMARY KEY,
    pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    started_at INTEGER NOT NULL,
    ended_at INTEGER                                         -- NULL: still on
);
CREATE INDEX pauses_pair ON pauses(pair_id, started_at);
-- A pause already on when this runs: its start is not known, so it counts from now.
INSERT INTO pauses (pair_id, started_at)
    SELECT id, CAST(strftime('%s', 'now') AS INTEGER) FROM pairs
    WHERE paused_by IS NOT NULL AND ended_at IS NULL;

-- The picture of a pair's week, uploaded once: Telegram's file_id of its largest size.
CREATE TABLE recaps (
    pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    week TEXT NOT NULL,                                      -- the week's first local day (ISO)
    file_id TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (pair_id, week)
);
-- A week's appreciations, counted per pair.
CREATE INDEX appreciations_pair ON appreciations(pair_id, created_at);
