-- Which packs a pair turned on or off, over the library's defaults; and the pair's own questions.

CREATE TABLE pair_packs (
    pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    pack_id TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    PRIMARY KEY (pair_id, pack_id)
);

-- A question a partner wrote with /ask: it becomes the pair's next round, once.
CREATE TABLE own_questions (
    id INTEGER PRIMARY KEY,
    pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX own_questions_waiting ON own_questions(pair_id, id) WHERE used_at IS NULL;
