-- The weekly recap: when each user gets it, and one picture per pair-week (the pauses it
-- shows are in 0005).

ALTER TABLE users ADD COLUMN recap_day INTEGER DEFAULT 6;    -- 0 Monday … 6 Sunday; NULL: off
ALTER TABLE users ADD COLUMN recap_time TEXT DEFAULT '19:00'; -- local 'HH:MM'
ALTER TABLE users ADD COLUMN next_recap_at INTEGER;          -- NULL while unpaired or off
ALTER TABLE users ADD COLUMN last_recap_at INTEGER;
ALTER TABLE users ADD COLUMN recap_held TEXT;                -- a week's first day (ISO) held by a pause
CREATE INDEX users_recap_due ON users(next_recap_at) WHERE next_recap_at IS NOT NULL;
-- Paired users of an older version: due now, so the first tick plans their next recap.
UPDATE users SET next_recap_at = 0 WHERE pair_id IS NOT NULL;

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
