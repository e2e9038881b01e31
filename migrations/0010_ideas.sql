-- Ideas for time together (/idea): each idea offered to a pair, the invitation it became, and
-- how it went. 0009 is another branch's; the runner applies steps by name, in order.

-- One row per idea offered. `pass` counts how often the pair has gone through the whole pool:
-- no idea comes twice within a pass. Accepted (answer 'in') rows are the pair's list.
CREATE TABLE pair_ideas (
    id INTEGER PRIMARY KEY,
    pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    idea_id TEXT NOT NULL,
    pass INTEGER NOT NULL,
    offered_to INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    offered_at INTEGER NOT NULL,
    invited_at INTEGER,                -- sent to the partner; NULL: not (yet)
    held INTEGER NOT NULL DEFAULT 0,   -- 1: the invitation waits for a pause to end
    answer TEXT,                       -- 'in' | 'later'; NULL: not answered
    answered_at INTEGER
);
CREATE INDEX pair_ideas_pair ON pair_ideas(pair_id, pass);
CREATE INDEX pair_ideas_held ON pair_ideas(pair_id) WHERE held = 1;

-- "How was it?" for an accepted idea: asked once of each partner, revealed once both shared.
CREATE TABLE idea_stories (
    pair_idea_id INTEGER NOT NULL REFERENCES pair_ideas(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    ask_at INTEGER,                    -- when to ask; NULL once asked, or while a pause holds it
    held INTEGER NOT NULL DEFAULT 0,   -- 1: a pause holds the question back
    text TEXT,
    media TEXT,
    message_id INTEGER,
    shared_at INTEGER,                 -- NULL: not shared yet
    PRIMARY KEY (pair_idea_id, user_id)
);
CREATE INDEX idea_stories_due ON idea_stories(ask_at) WHERE ask_at IS NOT NULL;
CREATE INDEX idea_stories_user ON idea_stories(user_id);
