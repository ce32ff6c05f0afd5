// What the conversation store holds, as plain structs: a conversation, the messages of its
// tree, and the provenance of each assistant answer. Times are milliseconds since the Unix
// epoch (UTC); text is UTF-8. Ids are SQLite row ids of this database; uuids identify the
// same conversation or message across databases (export, import, merge).
#pragma once

#include "sampling_params.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::storage {

enum class Role { System, User, Assistant };

// streaming: being written (checkpointed as it grows); done: the model finished;
// stopped: the user stopped it; error: generation failed (see Message::error);
// interrupted: the app ended while it was streaming (found on the next open).
enum class MessageStatus { Streaming, Done, Stopped, Error, Interrupted };

// Why generation ended: end-of-sequence token, token limit, a stop string, or an error.
enum class FinishReason { Eos, Length, Stop, Error };

// The names used in the database and in exported files.
std::string_view to_string(Role role);
std::string_view to_string(MessageStatus status);
std::string_view to_string(FinishReason reason);
std::optional<Role> role_from_string(std::string_view text);
std::optional<MessageStatus> status_from_string(std::string_view text);
std::optional<FinishReason> finish_reason_from_string(std::string_view text);

// What a document attached to a message was: its text came from a plain text file, Markdown,
// source code, a PDF or HTML.
enum class AttachmentKind { Text, Markdown, Code, Pdf, Html };
std::string_view to_string(AttachmentKind kind);
std::optional<AttachmentKind> attachment_kind_from_string(std::string_view text);

// How an assistant message was made: enough to reproduce or explain it later. Fields the
// generator did not know stay empty (nullopt).
struct Provenance {
    // The model
    std::optional<std::string> model_name;   // display name, e.g. "Qwen3 1.7B"
    std::optional<std::string> model_file;   // file name, e.g. "Qwen3-1.7B-Q4_K_M.gguf"
    std::optional<std::string> model_sha256; // lower-case hex of the file
    std::optional<std::string> architecture; // GGUF general.architecture, e.g. "qwen3"
    std::optional<std::string> quant;        // e.g. "Q4_K_M"
    std::optional<std::string> backend;      // "cpu" or "vulkan"
    std::optional<std::string> device;       // e.g. "AMD Radeon RX 7600 (RADV NAVI33)"
    // Sampling: the fields of sampling_params.h's table (columns and archive keys are their
    // `name`s, in the table's order), and the seed.
    SamplingValues sampling;
    std::optional<uint64_t> seed;
    std::optional<int64_t> max_tokens;
    // Context
    std::optional<int64_t> context_length;
    std::optional<std::string> system_prompt;        // as sent to the model
    std::optional<std::string> chat_template_sha256; // of the template text
    // Measurements, filled when the message is finished
    std::optional<int64_t> prompt_tokens;
    std::optional<int64_t> completion_tokens;
    std::optional<double> time_to_first_token_ms;
    std::optional<double> tokens_per_second;
    std::optional<double> thinking_ms; // reasoning before the answer began (thinking models)
    std::optional<int64_t> started_at;
    std::optional<int64_t> finished_at;

    bool operator==(const Provenance&) const = default;
};

// A document attached to a message: its name and kind there, and its stored text (shared by
// every message that carries the same text; read with ConversationStore::attachment_pages).
struct Attachment {
    int64_t id = 0;     // row of the stored text (0: not stored yet)
    std::string sha256; // of the text (the pages joined by form feeds, UTF-8), lower-case hex
    std::string file_name;
    AttachmentKind kind = AttachmentKind::Text;
    std::string title;                      // the document's own title, or ""
    std::optional<std::string> source_path; // the file it was read from, if any
    std::optional<int64_t> tokens;          // as the model in use when it was sent counted
    int64_t pages = 0;
    int64_t bytes = 0; // of the text, UTF-8

    bool operator==(const Attachment&) const = default;
};

// An attachment to store with a new message: `info`'s name, kind, title, source path and
// tokens, and the text of each page. Without pages, `info.id` names text already stored
// (an edited message keeps the files of the one it replaces).
struct NewAttachment {
    Attachment info;
    std::vector<std::string> pages;
};

// The address of a text: SHA-256 of the pages joined by form feeds (U+000C), lower-case hex.
std::string attachment_sha256(const std::vector<std::string>& pages);

struct Message {
    int64_t id = 0;
    std::string uuid;
    int64_t conversation_id = 0;
    std::optional<int64_t> parent_id;       // nullopt: a root (first turn or an edit of it)
    std::optional<int64_t> active_child_id; // which answer/continuation is shown
    Role role = Role::User;
    std::string content;
    std::string thinking; // reasoning text of thinking models, shown collapsed
    MessageStatus status = MessageStatus::Done;
    std::optional<FinishReason> finish_reason;
    std::string error; // what went wrong, for status Error
    int64_t created_at = 0;
    int64_t updated_at = 0;
    std::optional<Provenance> provenance; // assistant messages
    std::vector<Attachment> attachments;  // in the order they were attached

    // Position among the messages sharing its parent, oldest first, for "‹ 2/3 ›". Filled
    // by ConversationStore::active_path and siblings; 0/0 elsewhere.
    int sibling_index = 0;
    int sibling_count = 0;
};

struct Conversation {
    int64_t id = 0;
    std::string uuid;
    std::string title;
    int64_t created_at = 0;
    int64_t updated_at = 0; // last activity: new message, rename, ...
    bool pinned = false;
    bool archived = false;
    std::optional<std::string> folder;
    std::optional<std::string> default_model;
    std::optional<std::string> system_prompt;
    std::optional<int64_t> active_root_id;
    std::optional<int64_t> deleted_at; // set while a deletion can still be undone
};

struct SearchHit {
    int64_t conversation_id = 0;
    std::string conversation_title;
    int64_t message_id = 0;
    Role role = Role::User;
    // An excerpt with each match between kHighlightStart and kHighlightEnd (control
    // characters that chat text does not contain); snippet_html() turns it into markup.
    std::string snippet;
    bool in_thinking = false; // the match is in the thinking text, not the content
    std::string attachment;   // the match is in this file attached to the message, if not ""
};

inline constexpr char kHighlightStart = '\x02';
inline constexpr char kHighlightEnd = '\x03';

// The snippet with HTML special characters escaped and matches in <b>...</b>.
std::string snippet_html(std::string_view snippet);

} // namespace hearth::storage
