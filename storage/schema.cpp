// The migration steps of the conversation database. Released steps are frozen (see
// migrations.h); tests/storage/data/schema-v<N>.sql holds a database of each version.
#include "migrations.h"

#include <array>

namespace hearth::storage {

namespace {

// Version 1: conversations and the message tree.
//
// A conversation's messages form a tree. Editing a user message or regenerating an answer
// adds a sibling (same parent) and never deletes; each message remembers which child is
// shown (active_child_id) and the conversation which root is (active_root_id), so the
// visible chat is the path root -> active child -> ... Triggers keep those pointers honest
// (a child of that message; a root of that conversation) and parents in the conversation.
//
// parent_id has no ON DELETE action on purpose: a cascade along a 10k-message chain would
// recurse 10k levels deep. Messages go with their conversation (one cascaded delete).
constexpr const char* kVersion1 = R"sql(
CREATE TABLE conversations (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,               -- ms since the Unix epoch, UTC
    updated_at      INTEGER NOT NULL,               -- last activity
    pinned          INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    folder          TEXT,
    default_model   TEXT,
    system_prompt   TEXT,
    active_root_id  INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    deleted_at      INTEGER                         -- set while the deletion can be undone
);
CREATE INDEX conversations_by_activity ON conversations(pinned DESC, updated_at DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX conversations_by_active_root ON conversations(active_root_id);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES messages(id),
    active_child_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    role            TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
    content         TEXT NOT NULL DEFAULT '',
    thinking        TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL
                    CHECK (status IN ('streaming', 'done', 'stopped', 'error', 'interrupted')),
    finish_reason   TEXT CHECK (finish_reason IN ('eos', 'length', 'stop', 'error')),
    error           TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
-- Siblings in creation order (parent_id IS ? also finds the roots of a conversation); with
-- active_child_id it covers the whole tree of a conversation, read without the table.
CREATE INDEX messages_by_parent ON messages(conversation_id, parent_id, id, active_child_id);
-- Foreign-key lookups when messages are deleted.
CREATE INDEX messages_by_parent_id ON messages(parent_id);
CREATE INDEX messages_by_active_child ON messages(active_child_id);
-- Answers still being written: found at once when an open recovers them.
CREATE INDEX messages_streaming ON messages(id) WHERE status = 'streaming';

CREATE TRIGGER messages_parent_in_conversation BEFORE INSERT ON messages
WHEN NEW.parent_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM messages p WHERE p.id = NEW.parent_id AND p.conversation_id = NEW.conversation_id)
BEGIN
    SELECT RAISE(ABORT, 'the parent message is not part of this conversation');
END;

CREATE TRIGGER messages_active_child_is_child BEFORE UPDATE OF active_child_id ON messages
WHEN NEW.active_child_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM messages c WHERE c.id = NEW.active_child_id AND c.parent_id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'the active child is not a child of this message');
END;

CREATE TRIGGER conversations_active_root_is_root BEFORE UPDATE OF active_root_id ON conversations
WHEN NEW.active_root_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM messages r
    WHERE r.id = NEW.active_root_id AND r.conversation_id = NEW.id AND r.parent_id IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'the active root is not a first message of this conversation');
END;
)sql";

// Version 2: provenance of assistant messages, one row per message. The seed is a 64-bit
// unsigned value stored with the same bits as SQLite's signed INTEGER.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE provenance (
    message_id              INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    model_name              TEXT,
    model_file              TEXT,
    model_sha256            TEXT,
    architecture            TEXT,
    quant                   TEXT,
    backend                 TEXT,
    device                  TEXT,
    temperature             REAL,
    top_k                   INTEGER,
    top_p                   REAL,
    min_p                   REAL,
    repeat_penalty          REAL,
    frequency_penalty       REAL,
    presence_penalty        REAL,
    penalty_last_n          INTEGER,
    seed                    INTEGER,
    max_tokens              INTEGER,
    context_length          INTEGER,
    system_prompt           TEXT,
    chat_template_sha256    TEXT,
    prompt_tokens           INTEGER,
    completion_tokens       INTEGER,
    time_to_first_token_ms  REAL,
    tokens_per_second       REAL,
    started_at              INTEGER,
    finished_at             INTEGER
);
)sql";

// Version 3: full-text search over the content and thinking of every message, inactive
// branches included. External content (the text lives once, in messages), kept in sync by
// triggers. Messages still streaming are left out of the index and added when they end:
// a checkpoint every 500 ms then rewrites one row and never re-tokenizes the whole answer,
// which keeps it cheap and its time steady.
constexpr const char* kVersion3 = R"sql(
CREATE VIRTUAL TABLE message_search USING fts5(
    content, thinking,
    content = 'messages', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO message_search(rowid, content, thinking)
    SELECT id, content, thinking FROM messages WHERE status <> 'streaming';

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages
WHEN NEW.status <> 'streaming'
BEGIN
    INSERT INTO message_search(rowid, content, thinking)
        VALUES (NEW.id, NEW.content, NEW.thinking);
END;

CREATE TRIGGER messages_search_delete AFTER DELETE ON messages
WHEN OLD.status <> 'streaming'
BEGIN
    INSERT INTO message_search(message_search, rowid, content, thinking)
        VALUES ('delete', OLD.id, OLD.content, OLD.thinking);
END;

CREATE TRIGGER messages_search_update AFTER UPDATE OF content, thinking, status ON messages
WHEN OLD.status <> 'streaming' OR NEW.status <> 'streaming'
BEGIN
    INSERT INTO message_search(message_search, rowid, content, thinking)
        SELECT 'delete', OLD.id, OLD.content, OLD.thinking WHERE OLD.status <> 'streaming';
    INSERT INTO message_search(rowid, content, thinking)
        SELECT NEW.id, NEW.content, NEW.thinking WHERE NEW.status <> 'streaming';
END;
)sql";

// Version 4: how long the model reasoned before it began the answer ("Thought for 12 s").
constexpr const char* kVersion4 = R"sql(
ALTER TABLE provenance ADD COLUMN thinking_ms REAL;
)sql";

// Version 5: documents attached to messages. Their text is stored once per content
// (content-addressed by the SHA-256 of its UTF-8, so a file attached twice, or to an edited
// message and its original, is one row) and linked to each message that carries it, with
// the name and kind it had there. A text goes with the last link to it (trigger). Pages are
// separated by form feeds (U+000C), which the extracted text of a page never contains.
// Attachments are never changed once stored, so their search index needs no update trigger.
// The text is the last column: SQLite reads a row's columns in order, and a conversation's
// attachments are listed (sizes, pages) without walking the overflow pages of their text.
constexpr const char* kVersion5 = R"sql(
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),  -- lower-case hex
    pages       INTEGER NOT NULL CHECK (pages >= 1),
    bytes       INTEGER NOT NULL CHECK (bytes >= 0),               -- of content, UTF-8
    content     TEXT NOT NULL     -- last: reading the columns before it never touches it
);

CREATE TABLE message_attachments (
    message_id      INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL CHECK (position >= 0),        -- order on the message
    attachment_id   INTEGER NOT NULL REFERENCES attachments(id),
    file_name       TEXT NOT NULL,
    kind            TEXT NOT NULL
                    CHECK (kind IN ('text', 'markdown', 'code', 'pdf', 'html')),
    title           TEXT NOT NULL DEFAULT '',
    source_path     TEXT,                                          -- where it was read from
    tokens          INTEGER,                 -- counted by the model in use when it was sent
    PRIMARY KEY (message_id, position)
) WITHOUT ROWID;
CREATE INDEX message_attachments_by_attachment ON message_attachments(attachment_id);

CREATE TRIGGER message_attachments_release AFTER DELETE ON message_attachments
WHEN NOT EXISTS (SELECT 1 FROM message_attachments WHERE attachment_id = OLD.attachment_id)
BEGIN
    DELETE FROM attachments WHERE id = OLD.attachment_id;
END;

CREATE VIRTUAL TABLE attachment_search USING fts5(
    content,
    content = 'attachments', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER attachments_search_insert AFTER INSERT ON attachments
BEGIN
    INSERT INTO attachment_search(rowid, content) VALUES (NEW.id, NEW.content);
END;

CREATE TRIGGER attachments_search_delete AFTER DELETE ON attachments
BEGIN
    INSERT INTO attachment_search(attachment_search, rowid, content)
        VALUES ('delete', OLD.id, OLD.content);
END;
)sql";

// Version 6: document collections (issue 21). Which collections a conversation searches
// (by the uuid of each collection in the user's settings; a collection removed later is
// simply no longer searched), and for each answer made with document search, the search
// (the collections' names at the time) and the sources given to the model, numbered as
// the prompt numbered them ([1] is number 1) so that the citations in the answer map back
// to files. A search that found nothing has its answer_searches row and no sources.
constexpr const char* kVersion6 = R"sql(
CREATE TABLE conversation_collections (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    collection      TEXT NOT NULL,
    PRIMARY KEY (conversation_id, collection)
) WITHOUT ROWID;

CREATE TABLE answer_searches (
    message_id      INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    collections     TEXT NOT NULL               -- names searched, one per line
);

CREATE TABLE answer_sources (
    message_id      INTEGER NOT NULL REFERENCES answer_searches(message_id) ON DELETE CASCADE,
    number          INTEGER NOT NULL CHECK (number >= 1),
    collection      TEXT NOT NULL,              -- uuid
    path            TEXT NOT NULL,              -- absolute path of the file
    title           TEXT NOT NULL,
    page            INTEGER NOT NULL,           -- 1-based
    pages           INTEGER NOT NULL,           -- of the document; 1: not paged
    start           INTEGER NOT NULL,           -- UTF-16 offset of the passage in its page
    excerpt         TEXT NOT NULL,              -- the passage as the model read it
    PRIMARY KEY (message_id, number)
) WITHOUT ROWID;
)sql";

constexpr std::array kMigrations = {
    Migration{"conversations and the message tree", kVersion1},
    Migration{"provenance of assistant messages", kVersion2},
    Migration{"full-text search", kVersion3},
    Migration{"reasoning time of answers", kVersion4},
    Migration{"attachments", kVersion5},
    Migration{"document collections and answer sources", kVersion6},
};

static_assert(kMigrations.size() == kSchemaVersion);

} // namespace

std::span<const Migration> schema_migrations() {
    return kMigrations;
}

} // namespace hearth::storage
