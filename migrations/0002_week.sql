-- The rest of a pair's week: appreciation, reactions, reminders, pauses, settings.

ALTER TABLE users ADD COLUMN reminder_time TEXT DEFAULT '20:00';  -- local 'HH:MM'; NULL: off
ALTER TABLE users ADD COLUMN next_reminder_at INTEGER;      -- the one reminder of the newest round
ALTER TABLE users ADD COLUMN reminder_round_id INTEGER;
CREATE INDEX users_reminder_due ON users(next_reminder_at) WHERE next_reminder_at IS NOT NULL;

ALTER TABLE pairs ADD COLUMN appreciation_every INTEGER NOT NULL DEFAULT 7;  -- days; 0: never
ALTER TABLE pairs ADD COLUMN paused_by INTEGER;
ALTER TABLE pairs ADD COLUMN paused_until INTEGER;          -- NULL: not paused
ALTER TABLE pairs ADD COLUMN pause_note TEXT;
CREATE INDEX pairs_pause_ends ON pairs(paused_until) WHERE paused_until IS NOT NULL;

-- Quick appreciations; held (delivered_at NULL) while the pair is paused.
CREATE TABLE appreciations (
    id INTEGER PRIMARY KEY,
    pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    sender_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    recipient_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    text TEXT,
    media TEXT,
    message_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    delivered_at INTEGER,
    reaction TEXT
);
CREATE INDEX appreciations_sender ON appreciations(sender_id, created_at);
CREATE INDEX appreciations_held ON appreciations(pair_id) WHERE delivered_at IS NULL;

-- A reaction to a partner's revealed answer; one per person and round, changeable.
CREATE TABLE reactions (
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    emoji TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (round_id, user_id)
);

-- Follow-up replies to a reveal, relayed to the partner.
CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    text TEXT,
    media TEXT,
    message_id INTEGER NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX follow_ups_user ON follow_ups(user_id);
