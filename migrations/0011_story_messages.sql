-- Which "how was it?" message shows which accepted idea, per chat: a reply to one shares how
-- that idea went, as "Share how it went" does (like prompt_messages for rounds).
CREATE TABLE story_messages (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    message_id INTEGER NOT NULL,
    pair_idea_id INTEGER NOT NULL REFERENCES pair_ideas(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, message_id)
);
CREATE INDEX story_messages_idea ON story_messages(pair_idea_id);
