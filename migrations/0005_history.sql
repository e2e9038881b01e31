-- Our story: paging through a pair's revealed rounds, and the pauses /stats makes room for.

-- /history walks a pair's revealed rounds newest first, one page (one index seek) at a time.
CREATE INDEX rounds_revealed ON rounds(pair_id, revealed_at, id) WHERE revealed_at IS NOT NULL;

-- Every pause a pair took (the one on now has no end yet): a paused week is not held against
-- their weeks in a row.
CREATE TABLE pauses (
    id INTEGER PRIMARY KEY,
    pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    started_at INTEGER NOT NULL,
    ended_at INTEGER
);
CREATE INDEX pauses_pair ON pauses(pair_id, started_at);

-- A pause already on when this runs began at an unrecorded moment: count it from now.
INSERT INTO pauses (pair_id, started_at)
    SELECT id, CAST(strftime('%s', 'now') AS INTEGER) FROM pairs
    WHERE paused_by IS NOT NULL AND ended_at IS NULL;

-- A history page reads its round's follow-ups; until now they were found by author only.
CREATE INDEX follow_ups_round ON follow_ups(round_id, id);
