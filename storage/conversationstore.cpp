// ConversationStore: opening, and the conversations themselves. Messages are in
// messagetree.cpp, search in search.cpp.
#include "conversationstore.h"

#include "migrations.h"
#include "rows.h"
#include "transaction.h"

#include <QDateTime>

namespace hearth::storage {

namespace {

Error no_conversation(int64_t id) {
    return Error{"there is no conversation with id " + std::to_string(id)};
}

} // namespace

Result<ConversationStore> ConversationStore::open(const std::string& path,
                                                  const OpenOptions& options) {
    Result<Database> db = Database::open(path, kSchemaVersion);
    if (!db) {
        return db.error();
    }
    if (Result<void> r = migrate(*db, schema_migrations()); !r) {
        return r.error();
    }
    ConversationStore store(std::make_unique<Database>(std::move(db).value()));
    if (options.recover_interrupted) {
        // One statement, so either every cut-off answer is marked or none is. The text they
        // had at their last checkpoint stays; the search triggers index it now.
        Result<Statement*> stmt = store.db_->cached(
            "UPDATE messages SET status = 'interrupted' WHERE status = 'streaming'");
        if (!stmt) {
            return stmt.error();
        }
        if (Result<void> r = (*stmt)->run(); !r) {
            return r.error();
        }
    }
    return store;
}

Result<ConversationStore> ConversationStore::open_for_reading(const std::string& path) {
    Result<Database> db = Database::open_read_only(path);
    if (!db) {
        return db.error();
    }
    Result<int> version = db->user_version();
    if (!version) {
        return Error{version.error().message + " (" + path + ")"};
    }
    if (*version > kSchemaVersion) {
        return Error{"the conversation database " + path + " was written by a newer Hearth " +
                     "(schema version " + std::to_string(*version) + "; this version reads up to " +
                     std::to_string(kSchemaVersion) + "): update Hearth to read it"};
    }
    if (*version < kSchemaVersion) {
        // Upgraded in a private copy, never in the file.
        Result<Database> copy = db->copy_in_memory();
        if (!copy) {
            return copy.error();
        }
        db = std::move(copy);
        if (Result<void> r = migrate(*db, schema_migrations()); !r) {
            return r.error();
        }
    }
    return ConversationStore(std::make_unique<Database>(std::move(db).value()));
}

void ConversationStore::set_clock(std::function<int64_t()> clock) {
    clock_ = std::move(clock);
}

int64_t ConversationStore::now() const {
    return clock_ ? clock_() : QDateTime::currentMSecsSinceEpoch();
}

Result<std::vector<Conversation>>
ConversationStore::list_conversations(const ConversationFilter& filter) {
    // ?1: archived 0 exclude, 1 include, 2 only; ?2: folder or NULL for any.
    Result<Statement*> stmt =
        db_->cached(std::string("SELECT ") + rows::kConversationColumns +
                    " FROM conversations c WHERE c.deleted_at IS NULL"
                    " AND (?1 = 1 OR c.archived = (?1 = 2)) AND (?2 IS NULL OR c.folder = ?2)"
                    " ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC");
    if (!stmt) {
        return stmt.error();
    }
    Statement& s = **stmt;
    s.bind(1, static_cast<int>(filter.archived)).bind(2, filter.folder);
    std::vector<Conversation> list;
    if (Result<void> r = s.for_each_row(
            [&](const Statement& row) { list.push_back(rows::read_conversation(row)); });
        !r) {
        return r.error();
    }
    return list;
}

Result<Conversation> ConversationStore::conversation(int64_t id) {
    Result<Statement*> stmt = db_->cached(std::string("SELECT ") + rows::kConversationColumns +
                                          " FROM conversations c WHERE c.id = ?1");
    if (!stmt) {
        return stmt.error();
    }
    Statement& s = **stmt;
    s.bind(1, id);
    Result<std::optional<Conversation>> c = s.query_one(rows::read_conversation);
    if (!c) {
        return c.error();
    }
    if (!*c) {
        return no_conversation(id);
    }
    return std::move(**c);
}

Result<Conversation> ConversationStore::conversation_by_uuid(std::string_view uuid) {
    Result<Statement*> stmt =
        db_->cached("SELECT id FROM conversations WHERE uuid = ?1 AND deleted_at IS NULL");
    if (!stmt) {
        return stmt.error();
    }
    Statement& s = **stmt;
    s.bind(1, uuid);
    Result<std::optional<int64_t>> id =
        s.query_one([](const Statement& row) { return row.integer(0); });
    if (!id) {
        return id.error();
    }
    if (!*id) {
        return Error{"there is no conversation with id " + std::string(uuid)};
    }
    return conversation(**id);
}

Result<Conversation> ConversationStore::create_conversation(const NewConversation& fields) {
    Result<Statement*> stmt = db_->cached(
        "INSERT INTO conversations (uuid, title, created_at, updated_at, folder, default_model,"
        " system_prompt) VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6)");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)
        ->bind(1, rows::new_uuid())
        .bind(2, fields.title)
        .bind(3, now())
        .bind(4, fields.folder)
        .bind(5, fields.default_model)
        .bind(6, fields.system_prompt);
    if (Result<void> r = (*stmt)->run(); !r) {
        return r.error();
    }
    return conversation(db_->last_insert_id());
}

Result<void> ConversationStore::update_conversation(int64_t id, std::string_view sql_set,
                                                    const std::function<void(Statement&)>& bind) {
    Result<Statement*> stmt =
        db_->cached("UPDATE conversations SET " + std::string(sql_set) + " WHERE id = ?1");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)->bind(1, id);
    bind(**stmt);
    if (Result<void> r = (*stmt)->run(); !r) {
        return r.error();
    }
    if (db_->changes() == 0) {
        return no_conversation(id);
    }
    return {};
}

Result<void> ConversationStore::rename(int64_t id, std::string_view title) {
    return update_conversation(id, "title = ?2", [&](Statement& s) { s.bind(2, title); });
}

Result<void> ConversationStore::set_pinned(int64_t id, bool pinned) {
    return update_conversation(id, "pinned = ?2", [&](Statement& s) { s.bind(2, pinned); });
}

Result<void> ConversationStore::set_archived(int64_t id, bool archived) {
    return update_conversation(id, "archived = ?2", [&](Statement& s) { s.bind(2, archived); });
}

Result<void> ConversationStore::set_folder(int64_t id, const std::optional<std::string>& folder) {
    return update_conversation(id, "folder = ?2", [&](Statement& s) { s.bind(2, folder); });
}

Result<void> ConversationStore::set_default_model(int64_t id,
                                                  const std::optional<std::string>& model) {
    return update_conversation(id, "default_model = ?2", [&](Statement& s) { s.bind(2, model); });
}

Result<void> ConversationStore::set_system_prompt(int64_t id,
                                                  const std::optional<std::string>& prompt) {
    return update_conversation(id, "system_prompt = ?2", [&](Statement& s) { s.bind(2, prompt); });
}

Result<void> ConversationStore::touch(int64_t conversation_id, int64_t time) {
    return update_conversation(conversation_id, "updated_at = max(updated_at, ?2)",
                               [&](Statement& s) { s.bind(2, time); });
}

Result<void> ConversationStore::delete_conversation(int64_t id) {
    return update_conversation(id, "deleted_at = coalesce(deleted_at, ?2)",
                               [&](Statement& s) { s.bind(2, now()); });
}

Result<void> ConversationStore::undo_delete(int64_t id) {
    return update_conversation(id, "deleted_at = NULL", [](Statement&) {});
}

Result<int64_t> ConversationStore::purge_deleted(int64_t deleted_before) {
    // Messages, their provenance and their search entries go with the conversation
    // (foreign-key cascades fire the search triggers).
    Result<Transaction> transaction = Transaction::begin(*db_);
    if (!transaction) {
        return transaction.error();
    }
    Result<Statement*> stmt =
        db_->cached("DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at < ?1");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)->bind(1, deleted_before);
    if (Result<void> r = (*stmt)->run(); !r) {
        return r.error();
    }
    const int64_t purged = db_->changes();
    if (Result<void> r = transaction->commit(); !r) {
        return r.error();
    }
    return purged;
}

} // namespace hearth::storage
