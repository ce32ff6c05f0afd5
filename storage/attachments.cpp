// ConversationStore: documents attached to messages (schema version 5 in schema.cpp). The
// text is content-addressed: a text already stored (same SHA-256) is linked, not stored
// again; the trigger message_attachments_release removes a text with its last link, so
// deleting (purging) the messages that carry it deletes it.
#include "conversationstore.h"
#include "rows.h"

#include <QCryptographicHash>
#include <array>
#include <unordered_map>
#include <utility>

namespace hearth::storage {

namespace {

// Stored in the database and written to archives: never change one, only add.
constexpr std::array<std::pair<AttachmentKind, std::string_view>, 5> kKinds = {{
    {AttachmentKind::Text, "text"},
    {AttachmentKind::Markdown, "markdown"},
    {AttachmentKind::Code, "code"},
    {AttachmentKind::Pdf, "pdf"},
    {AttachmentKind::Html, "html"},
}};

constexpr char kPageSeparator = '\f';

std::string joined(const std::vector<std::string>& pages) {
    std::string text;
    for (size_t i = 0; i < pages.size(); ++i) {
        if (i > 0) {
            text += kPageSeparator;
        }
        text += pages[i];
    }
    return text;
}

} // namespace

std::string_view to_string(AttachmentKind kind) {
    for (const auto& [value, name] : kKinds) {
        if (value == kind) {
            return name;
        }
    }
    return {};
}

std::optional<AttachmentKind> attachment_kind_from_string(std::string_view text) {
    for (const auto& [value, name] : kKinds) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

std::string attachment_sha256(const std::vector<std::string>& pages) {
    const std::string text = joined(pages);
    return QCryptographicHash::hash(QByteArrayView(text.data(), qsizetype(text.size())),
                                    QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

Result<void> rows::insert_attachments(Database& db, int64_t message_id,
                                      std::span<const NewAttachment> attachments) {
    for (size_t position = 0; position < attachments.size(); ++position) {
        const NewAttachment& a = attachments[position];
        int64_t text_id = a.info.id;
        if (!a.pages.empty()) {
            for (const std::string& page : a.pages) {
                if (page.find(kPageSeparator) != std::string::npos) {
                    return Error{"the text of attachment " + a.info.file_name +
                                 " contains a form feed, which separates pages"};
                }
            }
            const std::string text = joined(a.pages);
            const std::string sha = attachment_sha256(a.pages);
            Result<Statement*> insert =
                db.cached("INSERT INTO attachments (sha256, pages, bytes) VALUES (?1, ?2, ?3)"
                          " ON CONFLICT (sha256) DO NOTHING");
            if (!insert) {
                return insert.error();
            }
            (*insert)->bind(1, sha).bind(2, int64_t(a.pages.size())).bind(3, int64_t(text.size()));
            if (Result<void> r = (*insert)->run(); !r) {
                return r.error();
            }
            if (db.changes() == 1) { // new: its text goes in beside it
                text_id = db.last_insert_id();
                Result<Statement*> content =
                    db.cached("INSERT INTO attachment_texts (id, content) VALUES (?1, ?2)");
                if (!content) {
                    return content.error();
                }
                (*content)->bind(1, text_id).bind(2, text);
                if (Result<void> r = (*content)->run(); !r) {
                    return r.error();
                }
            } else { // stored before: linked again
                Result<Statement*> find = db.cached("SELECT id FROM attachments WHERE sha256 = ?1");
                if (!find) {
                    return find.error();
                }
                (*find)->bind(1, sha);
                Result<std::optional<int64_t>> id =
                    (*find)->query_one([](const Statement& row) { return row.integer(0); });
                if (!id || !*id) {
                    return Error{"cannot store attachment " + a.info.file_name};
                }
                text_id = **id;
            }
        }
        Result<Statement*> link = db.cached(
            "INSERT INTO message_attachments (message_id, position, attachment_id, file_name,"
            " kind, title, source_path, tokens) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!link) {
            return link.error();
        }
        (*link)
            ->bind(1, message_id)
            .bind(2, int64_t(position))
            .bind(3, text_id)
            .bind(4, a.info.file_name)
            .bind(5, to_string(a.info.kind))
            .bind(6, a.info.title)
            .bind(7, a.info.source_path)
            .bind(8, a.info.tokens);
        if (Result<void> r = (*link)->run(); !r) {
            return Error{"cannot store attachment " + a.info.file_name + ": " + r.error().message};
        }
    }
    return {};
}

namespace {

// The columns of a message's attachment, as attachment_from reads them (column 0 is the
// message's id).
constexpr const char* kAttachmentColumns =
    "SELECT ma.message_id, a.id, a.sha256, ma.file_name, ma.kind, ma.title, ma.source_path,"
    " ma.tokens, a.pages, a.bytes FROM message_attachments ma"
    " JOIN attachments a ON a.id = ma.attachment_id";

Attachment attachment_from(const Statement& row) {
    Attachment a;
    a.id = row.integer(1);
    a.sha256 = row.text(2);
    a.file_name = row.text(3);
    a.kind = attachment_kind_from_string(row.text(4)).value_or(AttachmentKind::Text);
    a.title = row.text(5);
    a.source_path = row.optional_text(6);
    a.tokens = row.optional_integer(7);
    a.pages = row.integer(8);
    a.bytes = row.integer(9);
    return a;
}

} // namespace

Result<void> ConversationStore::load_attachments(int64_t conversation_id,
                                                 std::vector<Message>& messages) {
    if (messages.empty()) {
        return {};
    }
    // One message: its own links (the primary key's prefix). More: every link of the
    // conversation in one pass, which costs the same however long the path.
    Result<Statement*> stmt =
        messages.size() == 1
            ? db_->cached(std::string(kAttachmentColumns) +
                          " WHERE ma.message_id = ?1 ORDER BY ma.position")
            : db_->cached(std::string(kAttachmentColumns) +
                          " JOIN messages m ON m.id = ma.message_id WHERE m.conversation_id = ?1"
                          " ORDER BY ma.message_id, ma.position");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)->bind(1, messages.size() == 1 ? messages.front().id : conversation_id);
    std::unordered_map<int64_t, Message*> by_id;
    for (Message& m : messages) {
        m.attachments.clear();
        by_id.emplace(m.id, &m);
    }
    return (*stmt)->for_each_row([&](const Statement& row) {
        if (auto it = by_id.find(row.integer(0)); it != by_id.end()) {
            it->second->attachments.push_back(attachment_from(row));
        }
    });
}

Result<std::vector<std::vector<Attachment>>>
ConversationStore::attachments_of(std::span<const int64_t> message_ids) {
    std::vector<std::vector<Attachment>> lists(message_ids.size());
    if (message_ids.empty()) {
        return lists;
    }
    std::string ids = "[";
    std::unordered_map<int64_t, std::vector<size_t>> places; // an id may be asked twice
    for (size_t i = 0; i < message_ids.size(); ++i) {
        ids += (i ? "," : "") + std::to_string(message_ids[i]);
        places[message_ids[i]].push_back(i);
    }
    ids += "]";
    Result<Statement*> stmt =
        db_->cached(std::string(kAttachmentColumns) +
                    " WHERE ma.message_id IN (SELECT value FROM json_each(?1))"
                    " ORDER BY ma.message_id, ma.position");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)->bind(1, ids);
    Result<void> read = (*stmt)->for_each_row([&](const Statement& row) {
        if (auto it = places.find(row.integer(0)); it != places.end()) {
            for (size_t place : it->second) {
                lists[place].push_back(attachment_from(row));
            }
        }
    });
    if (!read) {
        return read.error();
    }
    return lists;
}

Result<std::vector<std::string>> ConversationStore::attachment_pages(int64_t attachment_id) {
    Result<Statement*> stmt = db_->cached("SELECT content FROM attachment_texts WHERE id = ?1");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)->bind(1, attachment_id);
    Result<std::optional<std::string>> text =
        (*stmt)->query_one([](const Statement& row) { return row.text(0); });
    if (!text) {
        return text.error();
    }
    if (!*text) {
        return Error{"there is no attachment with id " + std::to_string(attachment_id)};
    }
    std::vector<std::string> pages;
    size_t start = 0;
    while (true) {
        const size_t end = (*text)->find(kPageSeparator, start);
        pages.push_back((*text)->substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return pages;
}

} // namespace hearth::storage
