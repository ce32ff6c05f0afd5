// Reading a JSON archive into memory, checking everything before anything is written: the
// format and version, every field's presence and type, enum names, times, uuids, and that
// the messages form a tree (parents first, active pointers within it). Internal to
// storage/; import_json() then merges the result into the database.
#pragma once

#include "answersources.h"
#include "records.h"
#include "result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::storage::archive {

struct ArchivedMessage {
    Message message;                   // ids (row ids) unset; uuid, fields and provenance filled
    std::optional<std::string> parent; // uuid
    std::optional<std::string> active_child; // uuid
    std::vector<NewAttachment> attachments;  // with their text; sha256 checked against it
    std::optional<AnswerSearch> search;      // answers made with document search (version 4)
};

struct ArchivedConversation {
    Conversation conversation;              // id unset
    std::optional<std::string> active_root; // uuid
    std::vector<std::string> collections;   // searched, by uuid (version 4)
    std::vector<ArchivedMessage> messages;  // parents before children
};

struct Archive {
    std::vector<ArchivedConversation> conversations;
    int64_t message_count = 0;
};

// The largest archive read: importing needs about three times its size in memory (the text,
// then the records made from it, which go into the database after the text is freed).
inline constexpr uint64_t kMaxArchiveBytes = uint64_t(1) << 30;
Error too_large(uint64_t bytes);

// The archive in `data`, or an error naming the first problem ("conversations[2].messages[7]
// .role: ...", or where the text stops being JSON). Read strictly (jsonreader.h): text that
// is not UTF-8, lone surrogates and keys given twice are refused, not repaired.
Result<Archive> read_archive(std::string_view data);

} // namespace hearth::storage::archive
