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
};

Result<void> set_conversation_collections(Database& db, int64_t conversation_id,
                                          const std::vector<std::string>& collections);
// By uuid, ascending.
Result<std::vector<std::string>> conversation_collections(Database& db, int64_t conversation_id);

// Records the search behind assistant message `message_id` (replacing any earlier one).
Result<void> save_answer_search(Database& db, int64_t message_id, const AnswerSearch& search);
// nullopt: the answer was made without document search.
Result<std::optional<AnswerSearch>> answer_search(Database& db, int64_t message_id);

} // namespace hearth::storage
