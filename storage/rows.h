// Reading and writing rows of the conversation tables: the column lists and their order in
// one place, shared by the store, the streaming writer and the JSON import. Internal to
// storage/.
#pragma once

#include "database.h"
#include "records.h"
#include "result.h"

#include <string>

namespace hearth::storage::rows {

// SELECT list of a conversation, read by read_conversation (12 columns).
inline constexpr const char* kConversationColumns =
    "c.id, c.uuid, c.title, c.created_at, c.updated_at, c.pinned, c.archived, c.folder, "
    "c.default_model, c.system_prompt, c.active_root_id, c.deleted_at";

// SELECT list of a message with its provenance (13 + 26 columns), read by read_message.
// Use with "FROM messages m LEFT JOIN provenance p ON p.message_id = m.id".
inline constexpr const char* kMessageColumns =
    "m.id, m.uuid, m.conversation_id, m.parent_id, m.active_child_id, m.role, m.content, "
    "m.thinking, m.status, m.finish_reason, m.error, m.created_at, m.updated_at, "
    "p.message_id, p.model_name, p.model_file, p.model_sha256, p.architecture, p.quant, "
    "p.backend, p.device, p.temperature, p.top_k, p.top_p, p.min_p, p.repeat_penalty, "
    "p.frequency_penalty, p.presence_penalty, p.penalty_last_n, p.seed, p.max_tokens, "
    "p.context_length, p.system_prompt, p.chat_template_sha256, p.prompt_tokens, "
    "p.completion_tokens, p.time_to_first_token_ms, p.tokens_per_second, p.started_at, "
    "p.finished_at, p.thinking_ms";
inline constexpr int kMessageColumnCount = 41;

Conversation read_conversation(const Statement& stmt);
// Reads the kMessageColumns starting at column 0. Unknown role/status names (a database
// edited by hand) are read as user/interrupted rather than failing the whole conversation.
Message read_message(const Statement& stmt);

// Inserts the provenance row of `message_id`.
Result<void> insert_provenance(Database& db, int64_t message_id, const Provenance& provenance);

// A new random identifier: 32 lower-case hex digits in the 8-4-4-4-12 layout.
std::string new_uuid();
// Whether `text` has that layout (what imports accept as an id).
bool is_uuid(std::string_view text);

} // namespace hearth::storage::rows
