// Hearth's lossless JSON format: every conversation with its whole message tree (all
// branches), every field and the provenance of each answer. The layout is documented in
// README.md ("Conversation archive format"); in short:
//
//   { "format": "hearth-conversations", "version": 1, "exported_at": TIME,
//     "conversations": [ { "id": UUID, "title", "created_at", "updated_at", "pinned",
//       "archived", "folder", "default_model", "system_prompt", "active_root": UUID|null,
//       "collections": [COLLECTION_UUID, ...],
//       "messages": [ { "id": UUID, "parent": UUID|null, "active_child": UUID|null, "role",
//         "status", "finish_reason", "error", "created_at", "updated_at", "content",
//         "thinking", "provenance": {...}|null, "attachments": [ { "sha256", "name", "kind",
//         "title", "source_path", "tokens", "pages": [TEXT, ...] }, ... ],
//         "document_search": null | { "collections": [NAME, ...], "sources": [ { "number",
//           "collection", "path", "title", "page", "pages", "start", "excerpt" }, ... ] }
//       }, ... ] }, ... ] }
//
// TIME is ISO 8601 in UTC with milliseconds ("2025-03-01T09:30:00.000Z"). Messages come
// parents first. Rows are matched across databases by uuid, never by row id, so importing a
// file twice, or a file that overlaps the database, adds only what is missing.
#pragma once

#include "conversationstore.h"
#include "result.h"

#include <QByteArray>
#include <QIODevice>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace hearth::storage {

inline constexpr const char* kArchiveFormat = "hearth-conversations";
// 2: provenance.thinking_ms; 3: attachments; 4: collections and document_search
inline constexpr int kArchiveVersion = 4;

// Called as work advances (done of total units); return false to cancel.
using Progress = std::function<bool(int64_t done, int64_t total)>;

// Writes the given conversations (all when `ids` is empty) from one consistent snapshot.
// Messages still streaming are written as `interrupted`, which is what they are in a copy.
Result<void> export_json(ConversationStore& store, std::span<const int64_t> ids, QIODevice& out,
                         int64_t exported_at, const Progress& progress = {});

// A conversation of the archive that was left out, and why.
struct ImportFailure {
    std::string title;
    std::string reason;
};

struct ImportSummary {
    int64_t conversations_added = 0;
    int64_t conversations_merged = 0;    // already there; missing messages were added
    int64_t conversations_unchanged = 0; // of the merged: every message was there already
    int64_t messages_added = 0;
    int64_t messages_skipped = 0;      // already there
    std::vector<ImportFailure> failed; // only with OnConflict::SkipConversation
};

// What a conversation that contradicts the database does to the import (a message already in
// another conversation, or under another parent).
enum class OnConflict {
    RejectFile,       // nothing is written (the command line)
    SkipConversation, // that conversation is left out and reported, the others are added
};

// Validates the whole archive, then adds it in one transaction: a file with any problem is
// rejected with a message naming the field, and nothing is written. Cancelling writes nothing.
Result<ImportSummary> import_json(ConversationStore& store, const QByteArray& data,
                                  const Progress& progress = {},
                                  OnConflict on_conflict = OnConflict::RejectFile);
// The same from a file.
Result<ImportSummary> import_json_file(ConversationStore& store, const std::string& path,
                                       const Progress& progress = {},
                                       OnConflict on_conflict = OnConflict::RejectFile);

// "2025-03-01T09:30:00.000Z" and back; nullopt for text not in exactly that form.
std::string iso_time(int64_t ms_since_epoch);
std::optional<int64_t> parse_iso_time(std::string_view text);

} // namespace hearth::storage
