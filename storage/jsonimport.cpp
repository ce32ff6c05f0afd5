// Importing a JSON archive: read and check the whole file (archivereader.cpp), then merge it
// in one transaction. Conversations and messages are matched by uuid: a new one is added
// with its own times and fields, one already present is skipped, so importing the same
// file twice changes nothing. A message that would contradict the database (present in
// another conversation, or under another parent) rejects the whole file, or with
// OnConflict::SkipConversation only its conversation: each one is then merged inside a
// savepoint that is rolled back when it fails.
#include "answersources.h"
#include "archivereader.h"
#include "jsonarchive.h"
#include "rows.h"
#include "transaction.h"

#include <QFile>
#include <unordered_map>

namespace hearth::storage {

namespace {

// Progress is reported every this many messages.
constexpr int64_t kProgressEvery = 256;

Result<std::optional<int64_t>> find_conversation(Database& db, const std::string& uuid) {
    Result<Statement*> stmt = db.cached("SELECT id FROM conversations WHERE uuid = ?1");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)->bind(1, uuid);
    return (*stmt)->query_one([](const Statement& row) { return row.integer(0); });
}

Result<int64_t> insert_conversation(Database& db, const Conversation& c) {
    Result<Statement*> stmt = db.cached(
        "INSERT INTO conversations (uuid, title, created_at, updated_at, pinned, archived,"
        " folder, default_model, system_prompt) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)
        ->bind(1, c.uuid)
        .bind(2, c.title)
        .bind(3, c.created_at)
        .bind(4, c.updated_at)
        .bind(5, c.pinned)
        .bind(6, c.archived)
        .bind(7, c.folder)
        .bind(8, c.default_model)
        .bind(9, c.system_prompt);
    if (Result<void> r = (*stmt)->run(); !r) {
        return r.error();
    }
    return db.last_insert_id();
}

// A message already in the database: its row, conversation and parent's uuid.
struct Existing {
    int64_t id;
    int64_t conversation_id;
    std::optional<std::string> parent;
};

Result<std::optional<Existing>> find_message(Database& db, const std::string& uuid) {
    Result<Statement*> stmt =
        db.cached("SELECT m.id, m.conversation_id, p.uuid FROM messages m"
                  " LEFT JOIN messages p ON p.id = m.parent_id WHERE m.uuid = ?1");
    if (!stmt) {
        return stmt.error();
    }
    Statement& s = **stmt;
    s.bind(1, uuid);
    return s.query_one([](const Statement& row) {
        return Existing{row.integer(0), row.integer(1), row.optional_text(2)};
    });
}

Result<int64_t> insert_message(Database& db, int64_t conversation_id,
                               std::optional<int64_t> parent_id, const Message& m) {
    Result<Statement*> stmt = db.cached(
        "INSERT INTO messages (uuid, conversation_id, parent_id, role, content, thinking, status,"
        " finish_reason, error, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!stmt) {
        return stmt.error();
    }
    std::optional<std::string_view> reason;
    if (m.finish_reason) {
        reason = to_string(*m.finish_reason);
    }
    (*stmt)
        ->bind(1, m.uuid)
        .bind(2, conversation_id)
        .bind(3, parent_id)
        .bind(4, to_string(m.role))
        .bind_in_place(5, m.content) // the record outlives the insert
        .bind_in_place(6, m.thinking)
        .bind(7, to_string(m.status))
        .bind(8, reason)
        .bind(9, m.error)
        .bind(10, m.created_at)
        .bind(11, m.updated_at);
    if (Result<void> r = (*stmt)->run(); !r) {
        return r.error();
    }
    const int64_t id = db.last_insert_id();
    if (m.provenance) {
        if (Result<void> r = rows::insert_provenance(db, id, *m.provenance); !r) {
            return r.error();
        }
    }
    return id;
}

// Sets an active pointer only where none is set: a new message gets the archive's choice;
// a message already in the database keeps the one the user made there.
Result<void> set_if_unset(Database& db, const char* sql, int64_t row, int64_t target) {
    Result<Statement*> stmt = db.cached(sql);
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)->bind(1, row).bind(2, target);
    return (*stmt)->run();
}

class Merger {
public:
    Merger(Database& db, const Progress& progress, int64_t total)
        : db_(db), progress_(progress), total_(total) {}

    Result<void> merge(const archive::ArchivedConversation& a, const std::string& where);
    // merge() inside a savepoint; a conflict rolls it back and is recorded in summary.failed.
    Result<void> merge_or_skip(const archive::ArchivedConversation& a, const std::string& where);
    ImportSummary summary;

private:
    bool cancelled_ = false;
    Database& db_;
    const Progress& progress_;
    int64_t total_;
    int64_t done_ = 0;
};

Result<void> Merger::merge(const archive::ArchivedConversation& a, const std::string& where) {
    Result<std::optional<int64_t>> existing = find_conversation(db_, a.conversation.uuid);
    if (!existing) {
        return existing.error();
    }
    int64_t conversation_id = 0;
    const int64_t added_before = summary.messages_added;
    if (*existing) {
        conversation_id = **existing;
        ++summary.conversations_merged;
        // Importing a conversation brings it back if it was waiting to be purged.
        Result<Statement*> stmt = db_.cached("UPDATE conversations SET deleted_at = NULL,"
                                             " updated_at = max(updated_at, ?2) WHERE id = ?1");
        if (!stmt) {
            return stmt.error();
        }
        (*stmt)->bind(1, conversation_id).bind(2, a.conversation.updated_at);
        if (Result<void> r = (*stmt)->run(); !r) {
            return r.error();
        }
    } else {
        Result<int64_t> id = insert_conversation(db_, a.conversation);
        if (!id) {
            return id.error();
        }
        conversation_id = *id;
        ++summary.conversations_added;
        // A conversation already here keeps the collections the user chose for it here.
        if (Result<void> r = insert_conversation_collections(db_, conversation_id, a.collections);
            !r) {
            return r;
        }
    }
    std::unordered_map<std::string, int64_t> row_of;
    for (const archive::ArchivedMessage& m : a.messages) {
        Result<std::optional<Existing>> found = find_message(db_, m.message.uuid);
        if (!found) {
            return found.error();
        }
        if (*found) {
            const Existing& e = **found;
            if (e.conversation_id != conversation_id) {
                return Error{where + ": message " + m.message.uuid +
                             " is already in another conversation of this database"};
            }
            if (e.parent != m.parent) {
                return Error{where + ": message " + m.message.uuid +
                             " has a different parent in this database"};
            }
            row_of.emplace(m.message.uuid, e.id);
            ++summary.messages_skipped;
        } else {
            std::optional<int64_t> parent_id;
            if (m.parent) {
                parent_id = row_of.at(*m.parent); // the reader checked: an earlier message
            }
            Result<int64_t> id = insert_message(db_, conversation_id, parent_id, m.message);
            if (id) {
                if (Result<void> r = rows::insert_attachments(db_, *id, m.attachments); !r) {
                    id = r.error();
                }
                if (m.search && id) {
                    if (Result<void> r = insert_answer_search(db_, *id, *m.search); !r) {
                        id = r.error();
                    }
                }
            }
            if (!id) {
                return Error{where + ": cannot add message " + m.message.uuid + ": " +
                             id.error().message};
            }
            row_of.emplace(m.message.uuid, *id);
            ++summary.messages_added;
        }
        if (++done_ % kProgressEvery == 0 && progress_ && !progress_(done_, total_)) {
            cancelled_ = true;
            return Error{"the import was cancelled; nothing was added"};
        }
    }
    for (const archive::ArchivedMessage& m : a.messages) {
        if (m.active_child) {
            if (Result<void> r =
                    set_if_unset(db_,
                                 "UPDATE messages SET active_child_id = ?2"
                                 " WHERE id = ?1 AND active_child_id IS NULL",
                                 row_of.at(m.message.uuid), row_of.at(*m.active_child));
                !r) {
                return r.error();
            }
        }
    }
    if (*existing && summary.messages_added == added_before) {
        ++summary.conversations_unchanged;
    }
    if (a.active_root) {
        return set_if_unset(db_,
                            "UPDATE conversations SET active_root_id = ?2"
                            " WHERE id = ?1 AND active_root_id IS NULL",
                            conversation_id, row_of.at(*a.active_root));
    }
    return {};
}

Result<void> Merger::merge_or_skip(const archive::ArchivedConversation& a,
                                   const std::string& where) {
    if (Result<void> r = db_.exec("SAVEPOINT import_conversation"); !r) {
        return r;
    }
    const ImportSummary before = summary;
    const int64_t done_before = done_;
    Result<void> merged = merge(a, where);
    if (!merged && !cancelled_) {
        if (Result<void> r = db_.exec("ROLLBACK TO import_conversation"); !r) {
            return r;
        }
        summary = before;
        done_ = done_before + int64_t(a.messages.size());
        summary.failed.push_back({a.conversation.title, merged.error().message});
        merged = {};
    }
    if (!merged) {
        return merged; // cancelled: the whole transaction is rolled back
    }
    return db_.exec("RELEASE import_conversation");
}

} // namespace

namespace {

Result<ImportSummary> import_archive(ConversationStore& store, Result<archive::Archive> archive,
                                     const Progress& progress, OnConflict on_conflict) {
    if (!archive) {
        return archive.error();
    }
    Result<Transaction> transaction = Transaction::begin(store.database());
    if (!transaction) {
        return transaction.error();
    }
    Merger merger(store.database(), progress, archive->message_count);
    for (size_t i = 0; i < archive->conversations.size(); ++i) {
        const std::string where = "conversations[" + std::to_string(i) + "]";
        const archive::ArchivedConversation& a = archive->conversations[i];
        if (Result<void> r = on_conflict == OnConflict::SkipConversation
                                 ? merger.merge_or_skip(a, where)
                                 : merger.merge(a, where);
            !r) {
            return r.error();
        }
    }
    if (Result<void> r = transaction->commit(); !r) {
        return r.error();
    }
    if (progress) {
        progress(archive->message_count, archive->message_count);
    }
    return merger.summary;
}

} // namespace

Result<ImportSummary> import_json(ConversationStore& store, const QByteArray& data,
                                  const Progress& progress, OnConflict on_conflict) {
    return import_archive(store, archive::read_archive(std::string_view(data)), progress,
                          on_conflict);
}

Result<ImportSummary> import_json_file(ConversationStore& store, const std::string& path,
                                       const Progress& progress, OnConflict on_conflict) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{"cannot read " + path + ": " + file.errorString().toStdString()};
    }
    // Refused before reading: memory for the text and its records is about twice its size.
    if (file.size() > qint64(archive::kMaxArchiveBytes)) {
        return Error{path + ": " + archive::too_large(uint64_t(file.size())).message};
    }
    Result<archive::Archive> archive = Error{""};
    {
        const QByteArray data = file.readAll();
        if (file.error() != QFileDevice::NoError) {
            return Error{"cannot read " + path + ": " + file.errorString().toStdString()};
        }
        archive = archive::read_archive(std::string_view(data));
    } // the text is freed before the records go into the database
    Result<ImportSummary> summary =
        import_archive(store, std::move(archive), progress, on_conflict);
    if (!summary) {
        return Error{path + ": " + summary.error().message};
    }
    return summary;
}

} // namespace hearth::storage
