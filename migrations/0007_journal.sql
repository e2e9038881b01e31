-- Our journal (/export): who was in which pair after it ends, media to fetch, exports per day.

-- Members of each pair, kept after the pair ends (users.pair_id is cleared then) so either
-- partner can still export it for a while; a member's row goes with the member.
CREATE TABLE pair_members (
    pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (pair_id, user_id)
);
CREATE INDEX pair_members_user ON pair_members(user_id, pair_id);
INSERT INTO pair_members (pair_id, user_id) SELECT pair_id, id FROM users WHERE pair_id IS NOT NULL;
INSERT OR IGNORE INTO pair_members (pair_id, user_id)
    SELECT DISTINCT r.pair_id, a.user_id FROM answers a JOIN rounds r ON r.id = a.round_id;

-- Telegram's file_id of a media answer, so the journal can fetch it (getFile); NULL for
-- words and for media answers kept before this column existed.
ALTER TABLE answers ADD COLUMN file_id TEXT;

-- One row per /export, for the daily limit.
CREATE TABLE exports (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at INTEGER NOT NULL
);
CREATE INDEX exports_user ON exports(user_id, at);

-- Ended pairs are deleted with all their rounds a while after they end: found by this index.
CREATE INDEX pairs_ended ON pairs(ended_at) WHERE ended_at IS NOT NULL;
