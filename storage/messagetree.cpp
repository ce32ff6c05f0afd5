// ConversationStore: the message tree. Adding a message under a parent makes it that
// parent's active child (or the conversation's active root), in the same transaction, so
// the shown path is always whole.
#include "conversationstore.h"
#include "rows.h"
#include "streamingmessage.h"
#include "transaction.h"

#include <QDateTime>
#include <unordered_map>

namespace hearth::storage {

namespace {

constexpr const char* kFromMessages =
    " FROM messages m LEFT JOIN provenance p ON p.message_id = m.id";
const std::string kSelectMessage = "SELECT " + rows::message_columns() + kFromMessages;

// Position among siblings, appended to message_columns() as the columns at
// kMessageColumnCount and the one after.
constexpr const char* kSiblingColumns =
    ", (SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id"
    " AND s.parent_id IS m.parent_id AND s.id < m.id)"
    ", (SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id"
    " AND s.parent_id IS m.parent_id)";

Result<std::vector<Message>> read_all(Statement& s, bool with_siblings) {
    std::vector<Message> messages;
    Result<void> read = s.for_each_row([&](const Statement& row) {
        Message m = rows::read_message(row);
        if (with_siblings) {
            m.sibling_index = static_cast<int>(row.integer(rows::kMessageColumnCount));
            m.sibling_count = static_cast<int>(row.integer(rows::kMessageColumnCount + 1));
        }
        messages.push_back(std::move(m));
    });
    if (!read) {
        return read.error();
    }
    return messages;
}

} // namespace

Result<int64_t> ConversationStore::insert_message(int64_t conversation_id,
                                                  std::optional<int64_t> parent_id, Role role,
                                                  std::string_view content,
                                                  std::string_view thinking, MessageStatus status) {
    const int64_t time = now();
    Result<Statement*> insert = db_->cached(
        "INSERT INTO messages (uuid, conversation_id, parent_id, role, content, thinking, "
        "status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
    if (!insert) {
        return insert.error();
    }
    (*insert)
        ->bind(1, rows::new_uuid())
        .bind(2, conversation_id)
        .bind(3, parent_id)
        .bind(4, to_string(role))
        .bind(5, content)
        .bind(6, thinking)
        .bind(7, to_string(status))
        .bind(8, time);
    if (Result<void> r = (*insert)->run(); !r) {
        return r.error();
    }
    const int64_t id = db_->last_insert_id();
    Result<Statement*> activate =
        parent_id ? db_->cached("UPDATE messages SET active_child_id = ?2 WHERE id = ?1")
                  : db_->cached("UPDATE conversations SET active_root_id = ?2 WHERE id = ?1");
    if (!activate) {
        return activate.error();
    }
    (*activate)->bind(1, parent_id.value_or(conversation_id)).bind(2, id);
    if (Result<void> r = (*activate)->run(); !r) {
        return r.error();
    }
    if (Result<void> r = touch(conversation_id, time); !r) {
        return r.error();
    }
    return id;
}

Result<Message> ConversationStore::add_message(int64_t conversation_id,
                                               std::optional<int64_t> parent_id, Role role,
                                               std::string_view content, std::string_view thinking,
                                               std::span<const NewAttachment> attachments) {
    Result<Transaction> transaction = Transaction::begin(*db_);
    if (!transaction) {
        return transaction.error();
    }
    Result<int64_t> inserted =
        insert_message(conversation_id, parent_id, role, content, thinking, MessageStatus::Done);
    if (!inserted) {
        return inserted.error();
    }
    if (Result<void> r = rows::insert_attachments(*db_, *inserted, attachments); !r) {
        return r.error();
    }
    if (Result<void> r = transaction->commit(); !r) {
        return r.error();
    }
    return message(*inserted);
}

Result<StreamingMessage> ConversationStore::begin_answer(int64_t conversation_id, int64_t parent_id,
                                                         const Provenance& provenance,
                                                         const StreamingOptions& options) {
    Result<Transaction> transaction = Transaction::begin(*db_);
    if (!transaction) {
        return transaction.error();
    }
    Result<int64_t> inserted = insert_message(conversation_id, parent_id, Role::Assistant, {}, {},
                                              MessageStatus::Streaming);
    if (!inserted) {
        return inserted.error();
    }
    Provenance started = provenance;
    if (!started.started_at) {
        started.started_at = now();
    }
    if (Result<void> r = rows::insert_provenance(*db_, *inserted, started); !r) {
        return r.error();
    }
    if (Result<void> r = transaction->commit(); !r) {
        return r.error();
    }
    std::function<int64_t()> clock = clock_;
    if (!clock) {
        clock = [] { return QDateTime::currentMSecsSinceEpoch(); };
    }
    return StreamingMessage(*db_, *inserted, conversation_id, std::move(clock),
                            options.checkpoint_interval);
}

Result<Message> ConversationStore::message(int64_t id) {
    Result<Statement*> stmt = db_->cached(kSelectMessage + " WHERE m.id = ?1");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)->bind(1, id);
    Result<std::vector<Message>> found = read_all(**stmt, false);
    if (!found) {
        return found.error();
    }
    if (found->empty()) {
        return Error{"there is no message with id " + std::to_string(id)};
    }
    if (Result<void> r = load_attachments(found->front().conversation_id, *found); !r) {
        return r.error();
    }
    return std::move(found->front());
}

Result<std::optional<Message>> ConversationStore::message_by_uuid(std::string_view uuid) {
    Result<Statement*> stmt = db_->cached(kSelectMessage + " WHERE m.uuid = ?1");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)->bind(1, uuid);
    Result<std::vector<Message>> found = read_all(**stmt, false);
    if (!found) {
        return found.error();
    }
    if (found->empty()) {
        return std::optional<Message>();
    }
    return std::optional<Message>(std::move(found->front()));
}

Result<std::vector<Message>> ConversationStore::active_path(int64_t conversation_id,
                                                            PathFiles files) {
    // Three steps, each cheap at 10k messages: the tree's shape from the covering index
    // messages_by_parent alone (no table reads); the walk root -> active child -> ... with
    // every message's place among its siblings; then the rows on the path, in one query.
    Result<Statement*> root = db_->cached("SELECT active_root_id FROM conversations WHERE id = ?1");
    if (!root) {
        return root.error();
    }
    (*root)->bind(1, conversation_id);
    Result<std::optional<std::optional<int64_t>>> found =
        (*root)->query_one([](const Statement& row) { return row.optional_integer(0); });
    if (!found) {
        return found.error();
    }
    const std::optional<int64_t> first = found->value_or(std::nullopt);
    if (!first) {
        return std::vector<Message>();
    }
    Result<Statement*> shape =
        db_->cached("SELECT parent_id, id, active_child_id FROM messages INDEXED BY"
                    " messages_by_parent WHERE conversation_id = ?1 ORDER BY parent_id, id");
    if (!shape) {
        return shape.error();
    }
    struct Node {
        std::optional<int64_t> parent;
        int64_t id;
        std::optional<int64_t> active_child;
    };
    std::vector<Node> tree; // siblings adjacent, oldest first
    (*shape)->bind(1, conversation_id);
    if (Result<void> r = (*shape)->for_each_row([&](const Statement& row) {
            tree.push_back({row.optional_integer(0), row.integer(1), row.optional_integer(2)});
        });
        !r) {
        return r.error();
    }
    struct Place {
        std::optional<int64_t> active_child;
        int index;
        int count;
    };
    std::unordered_map<int64_t, Place> places;
    places.reserve(tree.size());
    for (size_t begin = 0; begin < tree.size();) {
        size_t end = begin + 1;
        while (end < tree.size() && tree[end].parent == tree[begin].parent) {
            ++end;
        }
        for (size_t k = begin; k < end; ++k) {
            places[tree[k].id] = {tree[k].active_child, static_cast<int>(k - begin),
                                  static_cast<int>(end - begin)};
        }
        begin = end;
    }
    std::vector<int64_t> path;
    std::string ids = "[";
    // The bound on the length only guards against a cycle in a hand-edited file (the
    // triggers keep this code from making one).
    for (std::optional<int64_t> id = first;
         id && places.contains(*id) && path.size() <= tree.size(); id = places[*id].active_child) {
        ids += (path.empty() ? "" : ",") + std::to_string(*id);
        path.push_back(*id);
    }
    ids += "]";
    Result<Statement*> rows =
        db_->cached(kSelectMessage + " WHERE m.id IN (SELECT value FROM json_each(?1))");
    if (!rows) {
        return rows.error();
    }
    (*rows)->bind(1, ids);
    Result<std::vector<Message>> read = read_all(**rows, false);
    if (!read) {
        return read.error();
    }
    std::unordered_map<int64_t, Message*> by_id;
    for (Message& m : *read) {
        by_id.emplace(m.id, &m);
    }
    std::vector<Message> messages;
    messages.reserve(path.size());
    for (int64_t id : path) {
        auto it = by_id.find(id);
        if (it == by_id.end()) {
            break;
        }
        Message m = std::move(*it->second);
        m.sibling_index = places[id].index;
        m.sibling_count = places[id].count;
        messages.push_back(std::move(m));
    }
    if (files == PathFiles::Deferred) {
        return messages;
    }
    if (Result<void> r = load_attachments(conversation_id, messages); !r) {
        return r.error();
    }
    return messages;
}

Result<std::vector<Message>> ConversationStore::siblings(int64_t message_id) {
    Result<Statement*> stmt =
        db_->cached("SELECT " + rows::message_columns() + kSiblingColumns + kFromMessages +
                    " JOIN messages me ON me.id = ?1 WHERE m.conversation_id = me.conversation_id"
                    " AND m.parent_id IS me.parent_id ORDER BY m.id");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)->bind(1, message_id);
    Result<std::vector<Message>> found = read_all(**stmt, true);
    if (found && found->empty()) {
        return Error{"there is no message with id " + std::to_string(message_id)};
    }
    return found;
}

Result<void> ConversationStore::set_active_child(int64_t message_id) {
    Result<Message> m = message(message_id);
    if (!m) {
        return m.error();
    }
    Result<Statement*> stmt =
        m->parent_id ? db_->cached("UPDATE messages SET active_child_id = ?2 WHERE id = ?1")
                     : db_->cached("UPDATE conversations SET active_root_id = ?2 WHERE id = ?1");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)->bind(1, m->parent_id.value_or(m->conversation_id)).bind(2, message_id);
    return (*stmt)->run();
}

Result<std::vector<Message>> ConversationStore::all_messages(int64_t conversation_id) {
    // Row ids grow with insertion and a parent is always inserted before its children.
    Result<Statement*> stmt =
        db_->cached(kSelectMessage + " WHERE m.conversation_id = ?1 ORDER BY m.id");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)->bind(1, conversation_id);
    Result<std::vector<Message>> messages = read_all(**stmt, false);
    if (messages) {
        if (Result<void> r = load_attachments(conversation_id, *messages); !r) {
            return r.error();
        }
    }
    return messages;
}

} // namespace hearth::storage
