// An assistant answer being generated. The row exists from the start (status `streaming`);
// append() collects tokens and commits the text as a checkpoint when the last commit is at
// least one interval old (500 ms by default), so a crash loses at most that much; finish()
// commits the final text, status and measurements in one transaction.
//
// Made by ConversationStore::begin_answer; uses the store's connection, so the store must
// outlive it and both belong to one thread. Destroyed unfinished (an early return, an
// error), it commits what it has and marks the answer `interrupted`.
#pragma once

#include "database.h"
#include "records.h"
#include "result.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace hearth::storage {

// Measurements known when generation ends (the rest of Provenance is written at the start).
struct GenerationStats {
    std::optional<int64_t> prompt_tokens;
    std::optional<int64_t> completion_tokens;
    std::optional<double> time_to_first_token_ms;
    std::optional<double> tokens_per_second;
    std::optional<double> thinking_ms;
};

class StreamingMessage {
public:
    StreamingMessage(Database& db, int64_t id, int64_t conversation_id,
                     std::function<int64_t()> clock, std::chrono::milliseconds interval);
    StreamingMessage(StreamingMessage&& other) noexcept;
    StreamingMessage& operator=(StreamingMessage&&) = delete;
    StreamingMessage(const StreamingMessage&) = delete;
    StreamingMessage& operator=(const StreamingMessage&) = delete;
    ~StreamingMessage();

    int64_t id() const { return id_; }
    const std::string& content() const { return content_; }
    const std::string& thinking() const { return thinking_; }

    // Adds generated text; returns whether this call committed a checkpoint.
    Result<bool> append(std::string_view content, std::string_view thinking = {});
    // Commits the text now (when anything is new since the last commit).
    Result<void> checkpoint();
    // Ends the answer: done, stopped or error (with `error` saying what went wrong).
    Result<void> finish(MessageStatus status, std::optional<FinishReason> reason,
                        std::string_view error = {}, const GenerationStats& stats = {});

private:
    Database* db_;
    int64_t id_;
    int64_t conversation_id_;
    std::function<int64_t()> clock_;
    std::chrono::milliseconds interval_;
    std::chrono::steady_clock::time_point last_commit_;
    std::string content_;
    std::string thinking_;
    bool dirty_ = false;
    bool finished_ = false; // also: the hold on WAL checkpoints was released
};

} // namespace hearth::storage
