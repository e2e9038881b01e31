-- Duet's first schema. Instants are INTEGER unix seconds (UTC); local times are TEXT 'HH:MM'.

CREATE TABLE pairs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'couple' CHECK (kind IN ('couple', 'friends')),
    seed INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    ended_at INTEGER
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,              -- the Telegram user id, also the private chat id
    first_name TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'en',
    timezone TEXT NOT NULL,
    prompt_time TEXT NOT NULL,
    pair_id INTEGER REFERENCES pairs(id),
    next_prompt_at INTEGER,              -- NULL while the user is not paired
    last_prompt_at INTEGER,
    awaiting TEXT,                       -- 'time' | 'timezone' while a typed value is expected
    unreachable INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX users_due ON users(next_prompt_at) WHERE next_prompt_at IS NOT NULL;
CREATE INDEX users_pair ON users(pair_id) WHERE pair_id IS NOT NULL;

CREATE TABLE invites (
    code TEXT PRIMARY KEY,
    inviter_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX invites_inviter ON invites(inviter_id);

CREATE TABLE wrong_codes (
    user_id INTEGER NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX wrong_codes_user ON wrong_codes(user_id, at);

CREATE TABLE rounds (
    id INTEGER PRIMARY KEY,
    pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    prompt_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    theme TEXT NOT NULL,
    depth INTEGER NOT NULL,
    text TEXT NOT NULL,                  -- as the pack said it then, with {partner} unfilled
    opened_at INTEGER NOT NULL,
    revealed_at INTEGER
);
CREATE INDEX rounds_pair ON rounds(pair_id, id);

CREATE TABLE round_deliveries (
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    delivered_at INTEGER NOT NULL,
    PRIMARY KEY (round_id, user_id)
);

-- Which bot message showed which round's prompt, so a reply to it answers that round.
CREATE TABLE prompt_messages (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    message_id INTEGER NOT NULL,
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, message_id)
);

CREATE TABLE answers (
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    media TEXT,                          -- NULL for text; voice | video_note | photo | video
    text TEXT,                           -- the text, or the caption of media
    message_id INTEGER NOT NULL,         -- the user's message, copied to the partner at the reveal
    answered_at INTEGER NOT NULL,
    PRIMARY KEY (round_id, user_id)
);

-- AUTOINCREMENT: ids never come back after the table empties; the sender reads "after id N".
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    lane INTEGER NOT NULL,
    notice TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX outbox_chat ON outbox(chat_id, id);

CREATE TABLE told_groups (
    chat_id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL
);

-- Prompts swapped away before anyone answered: used, so they do not come back soon.
CREATE TABLE swapped_prompts (
    round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    prompt_id TEXT NOT NULL,
    PRIMARY KEY (round_id, prompt_id)
);
