// Reading a JSON archive into memory, checking everything before anything is written: the
// format and version, every field's presence and type, enum names, times, uuids, and that
// the messages form a tree (parents first, active pointers within it). Internal to
// storage/; import_json() then merges the result into the database.
#pragma once

#include "records.h"
#include "result.h"

#include <QByteArray>
#include <optional>
#include <string>
#include <vector>

namespace hearth::storage::archive {

struct ArchivedMessage {
    Message message;                   // ids (row ids) unset; uuid, fields and provenance filled
    std::optional<std::string> parent; // uuid
    std::optional<std::string> active_child; // uuid
};

struct ArchivedConversation {
    Conversation conversation;              // id unset
    std::optional<std::string> active_root; // uuid
    std::vector<ArchivedMessage> messages;  // parents before children
};

struct Archive {
    std::vector<ArchivedConversation> conversations;
    int64_t message_count = 0;
};

// The archive in `data`, or an error naming the first problem ("conversations[2].messages[7]
// .role: ...").
Result<Archive> read_archive(const QByteArray& data);

} // namespace hearth::storage::archive
