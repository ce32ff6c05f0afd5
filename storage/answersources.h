// Document search in the conversation database (schema version 6): which collections a
// conversation searches, and the search and numbered sources behind each answer made with
// it. Free functions over the store's Database, so that ConversationStore's interface stays
// about messages. Collections are named by the uuid the app's settings give them.
#pragma once

#include "database.h"
#include "result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hearth::storage {

struct AnswerSource {
    int number = 0; // as the prompt numbered it: [1] is 1
    std::string collection;
    std::string path;
    std::string title;
    int page = 1;  // 1-based
    int pages = 1; // of the document; 1: not paged
    int start = 0; // UTF-16 offset of the passage in its page
    std::string excerpt;

    bool operator==(const AnswerSource&) const = default;
};

struct AnswerSearch {
    std::vector<std::string> collections; // the names searched
    std::vector<AnswerSource> sources;    // by number; empty: nothing relevant was found

    bool operator==(const AnswerSearch&) const = default;
};

Result<void> set_conversation_collections(Database& db, int64_t conversation_id,
                                          const std::vector<std::string>& collections);
// The same inside the caller's transaction (the JSON import's), adding to what is there.
Result<void> insert_conversation_collections(Database& db, int64_t conversation_id,
                                             const std::vector<std::string>& collections);
// By uuid, ascending.
Result<std::vector<std::string>> conversation_collections(Database& db, int64_t conversation_id);

// Records the search behind assistant message `message_id` (replacing any earlier one).
Result<void> save_answer_search(Database& db, int64_t message_id, const AnswerSearch& search);
// nullopt: the answer was made without document search.
Result<std::optional<AnswerSearch>> answer_search(Database& db, int64_t message_id);
// The same rows written inside the caller's transaction (the JSON import's): the search
// row, then its sources. Fails on a number given twice or below 1 (the table's keys).
Result<void> insert_answer_search(Database& db, int64_t message_id, const AnswerSearch& search);

// The source numbers cited in an answer, ascending and once each: "[1]", "[2, 3]",
// "[1][4]" and "[2-3]" style. Numbers outside 1..count are ignored (a source that was not
// given is never shown). Shared by the chat view and the readable exports.
std::vector<int> cited_numbers(const std::string& answer, int count);

} // namespace hearth::storage
