-- Guess rounds (issue 12): how often a pair gets one, each round's own copy of its options,
-- and each partner's taps: their own answer, then their guess of the partner's.
ALTER TABLE pairs ADD COLUMN guess_every INTEGER NOT NULL DEFAULT 7;  -- days, 0 for never
ALTER TABLE rounds ADD COLUMN options TEXT;  -- a JSON list on guess rounds, NULL on the rest
CREATE TABLE guesses (
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    own INTEGER NOT NULL,  -- the index of the option the user tapped for themself
    guess INTEGER,  -- the index they think the partner tapped, NULL until they guess
    at INTEGER NOT NULL,
    PRIMARY KEY (round_id, user_id)
);
CREATE INDEX guesses_user ON guesses(user_id);
