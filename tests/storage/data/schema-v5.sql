-- A conversation database as Hearth wrote it at schema version 5 (version 4 plus attached
-- documents), with the sample rows of version 2. Frozen: the upgrade tests open a copy of it
-- with the current code. Never edit; add schema-v<N>.sql for a new version instead.
PRAGMA foreign_keys = OFF;

CREATE TABLE conversations (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    pinned          INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    folder          TEXT,
    default_model   TEXT,
    system_prompt   TEXT,
    active_root_id  INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    deleted_at      INTEGER
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
CREATE INDEX messages_by_parent ON messages(conversation_id, parent_id, id, active_child_id);
CREATE INDEX messages_by_parent_id ON messages(parent_id);
CREATE INDEX messages_by_active_child ON messages(active_child_id);
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

-- Sample data: a conversation with a regenerated answer (two siblings, the second shown),
-- one whose answer was cut off mid-stream, and one waiting in its undo window.
INSERT INTO conversations (id, uuid, title, created_at, updated_at, pinned, archived, folder,
                           default_model, system_prompt, active_root_id, deleted_at) VALUES
    (1, '10000000-0000-4000-8000-000000000001', 'Sourdough', 1700000000000, 1700000300000,
     1, 0, 'kitchen', 'Qwen3 1.7B', 'Answer briefly.', NULL, NULL),
    (2, '10000000-0000-4000-8000-000000000002', 'Interrupted', 1700000400000, 1700000500000,
     0, 0, NULL, NULL, NULL, NULL, NULL),
    (3, '10000000-0000-4000-8000-000000000003', 'Deleted', 1700000600000, 1700000600000,
     0, 1, NULL, NULL, NULL, NULL, 1700000700000);
INSERT INTO messages (id, uuid, conversation_id, parent_id, active_child_id, role, content,
                      thinking, status, finish_reason, error, created_at, updated_at) VALUES
    (1, '20000000-0000-4000-8000-000000000001', 1, NULL, NULL, 'user',
     'How do I feed a sourdough starter?', '', 'done', NULL, '', 1700000100000, 1700000100000),
    (2, '20000000-0000-4000-8000-000000000002', 1, 1, NULL, 'assistant',
     'Equal weights of flour and water, daily.', '', 'done', 'eos', '', 1700000200000,
     1700000200000),
    (3, '20000000-0000-4000-8000-000000000003', 1, 1, NULL, 'assistant',
     'Discard half, then add flour and water 1:1:1.', 'They asked about feeding.', 'done',
     'eos', '', 1700000300000, 1700000300000),
    (4, '20000000-0000-4000-8000-000000000004', 2, NULL, NULL, 'user',
     'Write a haiku about autumn', '', 'done', NULL, '', 1700000400000, 1700000400000),
    (5, '20000000-0000-4000-8000-000000000005', 2, 4, NULL, 'assistant',
     'Crimson maple leaves', '', 'streaming', NULL, '', 1700000450000, 1700000500000),
    (6, '20000000-0000-4000-8000-000000000006', 3, NULL, NULL, 'user',
     'forget this', '', 'done', NULL, '', 1700000600000, 1700000600000);
UPDATE messages SET active_child_id = 3 WHERE id = 1;
UPDATE messages SET active_child_id = 5 WHERE id = 4;
UPDATE conversations SET active_root_id = 1 WHERE id = 1;
UPDATE conversations SET active_root_id = 4 WHERE id = 2;
UPDATE conversations SET active_root_id = 6 WHERE id = 3;

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

-- Provenance of the shown answer (the seed has all 64 bits set: stored as -1) and of the
-- cut-off one.
INSERT INTO provenance VALUES
    (3, 'Qwen3 1.7B', 'Qwen3-1.7B-Q4_K_M.gguf',
     'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'qwen3', 'Q4_K_M',
     'vulkan', 'llvmpipe (LLVM 19.1.7, 256 bits)', 0.7, 40, 0.95, 0.05, 1.1, 0.0, 0.0, 64, -1,
     NULL, 4096, 'Answer briefly.',
     'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 31, 17, 120.5, 35.25,
     1700000290000, 1700000300000),
    (5, 'Llama 3.2 1B', 'Llama-3.2-1B-Instruct-Q8_0.gguf', NULL, 'llama', 'Q8_0', 'cpu', NULL,
     0.8, 40, 0.95, 0.05, 1.0, 0.0, 0.0, 64, 42, 512, 2048, NULL, NULL, NULL, NULL, NULL, NULL,
     1700000450000, NULL);

PRAGMA foreign_keys = ON;
-- Version 3: full-text search, as the step wrote it (index filled from the rows above).
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

-- Version 4: the reasoning time of answers, as the step wrote it.
ALTER TABLE provenance ADD COLUMN thinking_ms REAL;
UPDATE provenance SET thinking_ms = 1250.5 WHERE message_id = (SELECT min(message_id) FROM provenance);

CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),  -- lower-case hex
    pages       INTEGER NOT NULL CHECK (pages >= 1),
    bytes       INTEGER NOT NULL CHECK (bytes >= 0)                -- of the text, UTF-8
);
CREATE TABLE attachment_texts (
    id          INTEGER PRIMARY KEY REFERENCES attachments(id) ON DELETE CASCADE,
    content     TEXT NOT NULL
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
    content = 'attachment_texts', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER attachment_texts_search_insert AFTER INSERT ON attachment_texts
BEGIN
    INSERT INTO attachment_search(rowid, content) VALUES (NEW.id, NEW.content);
END;

CREATE TRIGGER attachment_texts_search_delete AFTER DELETE ON attachment_texts
BEGIN
    INSERT INTO attachment_search(attachment_search, rowid, content)
        VALUES ('delete', OLD.id, OLD.content);
END;

PRAGMA user_version = 5;
