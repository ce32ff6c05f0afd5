#include "streamingmessage.h"

#include "transaction.h"

#include <utility>

namespace hearth::storage {

namespace {

Error closed_elsewhere(int64_t id) {
    return Error{"the answer " + std::to_string(id) +
                 " is no longer being written (another Hearth marked it interrupted)"};
}

} // namespace

StreamingMessage::StreamingMessage(Database& db, int64_t id, int64_t conversation_id,
                                   std::function<int64_t()> clock,
                                   std::chrono::milliseconds interval)
    : db_(&db), id_(id), conversation_id_(conversation_id), clock_(std::move(clock)),
      interval_(interval), last_commit_(std::chrono::steady_clock::now()) {
    db_->hold_wal_checkpoints();
}

StreamingMessage::StreamingMessage(StreamingMessage&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), id_(other.id_),
      conversation_id_(other.conversation_id_), clock_(std::move(other.clock_)),
      interval_(other.interval_), last_commit_(other.last_commit_),
      content_(std::move(other.content_)), thinking_(std::move(other.thinking_)),
      dirty_(other.dirty_), finished_(other.finished_) {}

StreamingMessage::~StreamingMessage() {
    if (db_ != nullptr && !finished_) {
        // Nobody is left to report an error to; the next open recovers the row anyway.
        (void)finish(MessageStatus::Interrupted, std::nullopt);
    }
}

Result<bool> StreamingMessage::append(std::string_view content, std::string_view thinking) {
    if (finished_) {
        return Error{"the answer " + std::to_string(id_) + " is already finished"};
    }
    content_ += content;
    thinking_ += thinking;
    dirty_ = dirty_ || !content.empty() || !thinking.empty();
    if (!dirty_ || std::chrono::steady_clock::now() - last_commit_ < interval_) {
        return false;
    }
    if (Result<void> r = checkpoint(); !r) {
        return r.error();
    }
    return true;
}

Result<void> StreamingMessage::checkpoint() {
    if (finished_) {
        return Error{"the answer " + std::to_string(id_) + " is already finished"};
    }
    if (!dirty_) {
        return {};
    }
    // One autocommitted UPDATE of one row: in WAL mode with synchronous=NORMAL that is a
    // page write to the log without fsync, well under a millisecond.
    Result<Statement*> stmt =
        db_->cached("UPDATE messages SET content = ?2, thinking = ?3, updated_at = ?4"
                    " WHERE id = ?1 AND status = 'streaming'");
    if (!stmt) {
        return stmt.error();
    }
    (*stmt)->bind(1, id_).bind(2, content_).bind(3, thinking_).bind(4, clock_());
    if (Result<void> r = (*stmt)->run(); !r) {
        return r.error();
    }
    if (db_->changes() == 0) {
        return closed_elsewhere(id_);
    }
    dirty_ = false;
    last_commit_ = std::chrono::steady_clock::now();
    return {};
}

Result<void> StreamingMessage::finish(MessageStatus status, std::optional<FinishReason> reason,
                                      std::string_view error, const GenerationStats& stats) {
    if (finished_) {
        return Error{"the answer " + std::to_string(id_) + " is already finished"};
    }
    if (status == MessageStatus::Streaming) {
        return Error{"an answer cannot finish as still streaming"};
    }
    finished_ = true; // even on failure: the destructor must not try again
    struct Release {
        Database* db;
        ~Release() { db->release_wal_checkpoints(); } // after the commit below
    } release{db_};
    const int64_t time = clock_();
    Result<Transaction> transaction = Transaction::begin(*db_);
    if (!transaction) {
        return transaction.error();
    }
    Result<Statement*> message = db_->cached(
        "UPDATE messages SET content = ?2, thinking = ?3, status = ?4, finish_reason = ?5,"
        " error = ?6, updated_at = ?7 WHERE id = ?1 AND status = 'streaming'");
    if (!message) {
        return message.error();
    }
    std::optional<std::string_view> reason_name;
    if (reason) {
        reason_name = to_string(*reason);
    }
    (*message)
        ->bind(1, id_)
        .bind(2, content_)
        .bind(3, thinking_)
        .bind(4, to_string(status))
        .bind(5, reason_name)
        .bind(6, error)
        .bind(7, time);
    if (Result<void> r = (*message)->run(); !r) {
        return r.error();
    }
    if (db_->changes() == 0) {
        return closed_elsewhere(id_);
    }
    Result<Statement*> provenance =
        db_->cached("UPDATE provenance SET prompt_tokens = coalesce(?2, prompt_tokens),"
                    " completion_tokens = coalesce(?3, completion_tokens),"
                    " time_to_first_token_ms = coalesce(?4, time_to_first_token_ms),"
                    " tokens_per_second = coalesce(?5, tokens_per_second), finished_at = ?6,"
                    " thinking_ms = coalesce(?7, thinking_ms) WHERE message_id = ?1");
    if (!provenance) {
        return provenance.error();
    }
    (*provenance)
        ->bind(1, id_)
        .bind(2, stats.prompt_tokens)
        .bind(3, stats.completion_tokens)
        .bind(4, stats.time_to_first_token_ms)
        .bind(5, stats.tokens_per_second)
        .bind(6, time)
        .bind(7, stats.thinking_ms);
    if (Result<void> r = (*provenance)->run(); !r) {
        return r.error();
    }
    Result<Statement*> touch =
        db_->cached("UPDATE conversations SET updated_at = max(updated_at, ?2) WHERE id = ?1");
    if (!touch) {
        return touch.error();
    }
    (*touch)->bind(1, conversation_id_).bind(2, time);
    if (Result<void> r = (*touch)->run(); !r) {
        return r.error();
    }
    dirty_ = false;
    return transaction->commit();
}

} // namespace hearth::storage
