-- A recap picture is kept under what it shows (a digest of its facts) as well as its pair and
-- week: partners in zones far apart see different local days in one week. SQLite cannot alter
-- a primary key, so the table is made anew; the old rows are only a cache of uploads and go.
DROP TABLE recaps;
CREATE TABLE recaps (
    pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
    week TEXT NOT NULL,                                      -- the week's first local day (ISO)
    digest TEXT NOT NULL,                                    -- tg/picture.py's digest()
    file_id TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (pair_id, week, digest)
);
