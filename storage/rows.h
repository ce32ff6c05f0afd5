// Reading and writing rows of the conversation tables: the column lists and their order in
// one place, shared by the store, the streaming writer and the JSON import. Internal to
// storage/.
#pragma once

#include "database.h"
#include "records.h"
#include "result.h"

#include <span>
#include <string>

namespace hearth::storage::rows {

// SELECT list of a conversation, read by read_conversation (12 columns).
inline constexpr const char* kConversationColumns =
    "c.id, c.uuid, c.title, c.created_at, c.updated_at, c.pinned, c.archived, c.folder, "
    "c.default_model, c.system_prompt, c.active_root_id, c.deleted_at";

// SELECT list of a message with its provenance (13 + 8 + the sampling fields + 12 columns),
// read by read_message. Use with "FROM messages m LEFT JOIN provenance p ON p.message_id =
// m.id". The sampling columns come from the table in sampling_params.h.
const std::string& message_columns();
inline constexpr int kFirstSamplingColumn = 21;
inline constexpr int kMessageColumnCount = kFirstSamplingColumn + int(kSamplingFields.size()) + 12;

Conversation read_conversation(const Statement& stmt);
// Reads the message_columns() starting at column 0. Unknown role/status names (a database
// edited by hand) are read as user/interrupted rather than failing the whole conversation.
Message read_message(const Statement& stmt);

// Stores `attachments` of `message_id` (attachments.cpp): each text once by its SHA-256,
// then the links in order. Refuses a page holding a form feed (the page separator).
Result<void> insert_attachments(Database& db, int64_t message_id,
                                std::span<const NewAttachment> attachments);

// Inserts the provenance row of `message_id`.
Result<void> insert_provenance(Database& db, int64_t message_id, const Provenance& provenance);

// A new random identifier: 32 lower-case hex digits in the 8-4-4-4-12 layout.
std::string new_uuid();
// Whether `text` has that layout (what imports accept as an id).
bool is_uuid(std::string_view text);

} // namespace hearth::storage::rows
