-- A pack that needs both partners (`consent = "both"`, such as Closer): each partner's own
-- yes. The pack is on for the pair only while both rows say yes (pair_packs does not count for
-- it). A row stays when
-- consent is withdrawn (given = 0): it remembers that the partner was told once, never again.
CREATE TABLE pack_consents (
    pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    pack_id TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    given INTEGER NOT NULL,
    PRIMARY KEY (pair_id, pack_id, user_id)
);
CREATE INDEX pack_consents_user ON pack_consents(user_id);

