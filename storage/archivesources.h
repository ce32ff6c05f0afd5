// Reading the document search of an archive (version 4): the collections a conversation
// searches and the search behind an answer, checked like every other field (archivefields.h):
// a damaged or lying block is the first problem of its conversation, naming its place.
// Internal to archivereader.cpp.
#pragma once

#include "answersources.h"
#include "archivefields.h"
#include "records.h"

#include <optional>
#include <string>
#include <vector>

namespace hearth::storage::archive {

// The array `key` of one-line texts that are not empty (collection names or uuids).
std::vector<std::string> read_names(Fields& f, const char* key);
// The message's "document_search": nullopt when it is missing (versions 1 to 3) or null.
std::optional<AnswerSearch> read_document_search(Fields& parent, Role role);

} // namespace hearth::storage::archive
