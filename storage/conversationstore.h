// The user's conversations: the API the app (and the command line) use to list, read,
// write, branch and search them. One ConversationStore is one connection; use it from one
// thread (a background export or import opens its own).
//
// Writes commit before they return: a user message is on disk before generation starts.
// An assistant answer is written through a StreamingMessage, which commits a checkpoint of
// the text at most every 500 ms and the final state at the end; an answer cut off by a
// crash is found as `streaming` on the next open and marked `interrupted`, text kept.
#pragma once

#include "database.h"
#include "records.h"
#include "result.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::storage {

class StreamingMessage;

// What active_path reads of the files attached to the messages on the path: their names and
// sizes (Listed; a prompt needs them), or nothing (Deferred: every Message::attachments is
// left empty, for a reader that asks attachments_of for the messages it shows, as the chat
// view does for the rows on screen; opening a conversation then costs the same with files
// as without).
enum class PathFiles { Listed, Deferred };

struct OpenOptions {
    // Marks messages left `streaming` by an earlier run as `interrupted`. Only the app, the
    // one writer of streaming messages, should: an export or import from the command line
    // would otherwise cut off an answer that the running app is still writing.
    bool recover_interrupted = true;
};

struct NewConversation {
    std::string title;
    std::optional<std::string> folder;
    std::optional<std::string> default_model;
    std::optional<std::string> system_prompt;
};

struct ConversationFilter {
    enum class Archived { Exclude, Include, Only };
    Archived archived = Archived::Exclude;
    std::optional<std::string> folder; // only this folder
};

struct StreamingOptions {
    std::chrono::milliseconds checkpoint_interval{500};
};

class ConversationStore {
public:
    // Opens or creates the database, upgrades its schema, and (see OpenOptions) recovers
    // interrupted answers. A database from a newer Hearth is refused and left untouched.
    static Result<ConversationStore> open(const std::string& path, const OpenOptions& options = {});
    // Opens an existing database to read it (an export): nothing in or beside the file is
    // created or changed (see Database::open_read_only), so this works on a read-only disk
    // and beside a running app. A database of an older schema is upgraded in a copy in
    // memory; one from a newer Hearth is refused.
    static Result<ConversationStore> open_for_reading(const std::string& path);

    // The time source, ms since the epoch (tests make it deterministic).
    void set_clock(std::function<int64_t()> clock);
    int64_t now() const;

    // Conversations, newest activity first with pinned ones on top; deleted ones (still in
    // their undo window) are left out.
    Result<std::vector<Conversation>> list_conversations(const ConversationFilter& filter = {});
    Result<Conversation> conversation(int64_t id);
    Result<Conversation> conversation_by_uuid(std::string_view uuid);
    Result<Conversation> create_conversation(const NewConversation& fields);
    Result<void> rename(int64_t id, std::string_view title);
    Result<void> set_pinned(int64_t id, bool pinned);
    Result<void> set_archived(int64_t id, bool archived);
    Result<void> set_folder(int64_t id, const std::optional<std::string>& folder);
    Result<void> set_default_model(int64_t id, const std::optional<std::string>& model);
    Result<void> set_system_prompt(int64_t id, const std::optional<std::string>& prompt);

    // Deletion with an undo window: delete_conversation hides it at once, undo_delete
    // brings it back, purge_deleted removes for good those deleted before a time (the app
    // calls it when the undo notice closes, and at start for anything left over).
    Result<void> delete_conversation(int64_t id);
    Result<void> undo_delete(int64_t id);
    Result<int64_t> purge_deleted(int64_t deleted_before);

    // Adds a message under `parent_id` (nullopt: a first message) and makes it the active
    // child, so an edit or a second answer becomes a sibling and is shown. Committed on
    // return.
    // `attachments` are stored with it, in the same transaction (see attachments.cpp).
    Result<Message> add_message(int64_t conversation_id, std::optional<int64_t> parent_id,
                                Role role, std::string_view content, std::string_view thinking = {},
                                std::span<const NewAttachment> attachments = {});
    // Starts an assistant answer under `parent_id`, inserted as `streaming` and committed.
    Result<StreamingMessage> begin_answer(int64_t conversation_id, int64_t parent_id,
                                          const Provenance& provenance,
                                          const StreamingOptions& options = {});

    Result<Message> message(int64_t id);
    Result<std::optional<Message>> message_by_uuid(std::string_view uuid);
    // The messages shown: from the active root along active children, with each one's
    // position among its siblings.
    Result<std::vector<Message>> active_path(int64_t conversation_id,
                                             PathFiles files = PathFiles::Listed);
    // The messages sharing `message_id`'s parent (itself included), oldest first.
    Result<std::vector<Message>> siblings(int64_t message_id);
    // Shows `message_id` instead of its siblings (the "‹ 2/3 ›" buttons). The path below
    // it follows that message's own active children.
    Result<void> set_active_child(int64_t message_id);
    // Every message of a conversation, every branch, parents before children.
    Result<std::vector<Message>> all_messages(int64_t conversation_id);

    // Full-text search of content and thinking in all branches, best match first (ranked
    // among the 1000 most recent matches, which keeps common words fast). Words are
    // matched as typed, the last one as a prefix; no query syntax is interpreted.
    // Attached files are searched too (SearchHit::attachment names the file).
    Result<std::vector<SearchHit>> search(std::string_view text, int limit = 50);

    // The text of a stored attachment (Attachment::id), page by page. Messages carry only
    // the attachments' names and sizes, so opening a conversation reads no document text.
    Result<std::vector<std::string>> attachment_pages(int64_t attachment_id);
    // The attachments (names and sizes, no text) of each of `message_ids`, in that order
    // (an empty list for a message without files or an unknown id). One query, one lookup
    // of the primary key per message, whatever the length of the conversation.
    Result<std::vector<std::vector<Attachment>>>
    attachments_of(std::span<const int64_t> message_ids);

    Database& database() { return *db_; }

private:
    explicit ConversationStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}
    Result<void> update_conversation(int64_t id, std::string_view sql_set,
                                     const std::function<void(Statement&)>& bind);
    Result<void> touch(int64_t conversation_id, int64_t time);
    // Fills Message::attachments of `messages` (all of `conversation_id`, or any subset).
    Result<void> load_attachments(int64_t conversation_id, std::vector<Message>& messages);
    // Adds the attached files' matches to the messages' `hits` (whose BM25 scores are
    // `ranks`) and keeps the best `limit` (search.cpp).
    Result<std::vector<SearchHit>> merge_attachment_hits(std::vector<SearchHit> hits,
                                                         std::vector<double> ranks,
                                                         const std::string& query, int limit);
    // Inserts and activates a message inside the caller's transaction; returns its id.
    Result<int64_t> insert_message(int64_t conversation_id, std::optional<int64_t> parent_id,
                                   Role role, std::string_view content, std::string_view thinking,
                                   MessageStatus status);

    // Behind a pointer so that moving the store leaves StreamingMessage's pointer valid.
    std::unique_ptr<Database> db_;
    std::function<int64_t()> clock_;
};

} // namespace hearth::storage
