-- A conversation database as Hearth wrote it at schema version 1 (conversations and the
-- message tree), with sample rows. Frozen: the upgrade tests open a copy of it with the
-- current code. Never edit; add schema-v<N>.sql for a new version instead.
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

PRAGMA foreign_keys = ON;
PRAGMA user_version = 1;
