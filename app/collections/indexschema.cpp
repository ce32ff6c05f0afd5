// The index database's schema as migration steps (see storage/migrations.h). It is a cache,
// so a step may also drop and rebuild; released steps are still never edited.
#include "indexschema.h"

#include <array>

namespace hearth::collections {

namespace {

// Version 1: files and their chunks with a full-text index.
//
// chunk_search is contentless (content=''): it holds what searchableText() made of each
// chunk (CJK text as words; version 2: as pairs of characters), which differs from the chunk's
// text, so the text itself lives once, in chunks. Its collection column lets a search be limited to
// the conversation's collections inside FTS5 (a join on files would make SQLite look up every chunk
// of the collection instead of only the matches). contentless_delete lets a row be deleted by
// rowid; a trigger does that when a chunk goes, also through the cascade from its file.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE files (
    id          INTEGER PRIMARY KEY,
    collection  TEXT NOT NULL,             -- the collection's uuid
    path        TEXT NOT NULL,             -- absolute path
    size        INTEGER NOT NULL,          -- bytes
    mtime       INTEGER NOT NULL,          -- ms since the Unix epoch
    sha256      TEXT NOT NULL,             -- lower-case hex of the content
    title       TEXT NOT NULL DEFAULT '',
    pages       INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT '',  -- why it could not be indexed; '' when it was
    UNIQUE (collection, path)
);
CREATE INDEX files_by_hash ON files(collection, sha256);

CREATE TABLE chunks (
    id          INTEGER PRIMARY KEY,
    file_id     INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    page        INTEGER NOT NULL,          -- 1-based
    start       INTEGER NOT NULL,          -- UTF-16 offset of the text in its page
    text        TEXT NOT NULL
);
CREATE INDEX chunks_by_file ON chunks(file_id);

CREATE VIRTUAL TABLE chunk_search USING fts5(
    text,
    collection,                            -- one token: collectionToken(uuid)
    content = '', contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER chunks_search_delete AFTER DELETE ON chunks
BEGIN
    DELETE FROM chunk_search WHERE rowid = OLD.id;
END;
)sql";

// Version 2: CJK text is indexed as pairs of neighbouring characters instead of single
// characters (searchableText). The full-text index holds no text to redo that from, so the
// files with CJK text are forgotten (their chunks and index rows go with them, through the
// cascade and the trigger) and the next pass reads them again as new; other files stay.
// The ranges are isCjk's (GLOB compares code points).
constexpr const char* kVersion2 = R"sql(
DELETE FROM files WHERE id IN (
    SELECT file_id FROM chunks WHERE text GLOB '*[' ||
        char(0x3040) || '-' || char(0x30FF) || char(0x3400) || '-' || char(0x4DBF) ||
        char(0x4E00) || '-' || char(0x9FFF) || char(0xF900) || '-' || char(0xFAFF) ||
        char(0x20000) || '-' || char(0x2FA1F) || ']*'
);
)sql";

constexpr std::array kSteps = {
    storage::Migration{"files, chunks and their full-text index", kVersion1},
    storage::Migration{"pairs of CJK characters in the full-text index", kVersion2},
};

} // namespace

std::span<const storage::Migration> indexMigrations() {
    return kSteps;
}

} // namespace hearth::collections
