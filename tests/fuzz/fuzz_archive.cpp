// libFuzzer target: the JSON archive reader (jsonreader.h, archivereader.h) on any bytes.
// A crash, a sanitizer report or a hang is a bug; refusing the input is expected. An archive
// that is accepted must hold what it claims: messages counted as read, each conversation's
// messages after their parents.
#include "archivereader.h"

#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace hearth::storage::archive;
    hearth::Result<Archive> archive =
        read_archive(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!archive) {
        return 0;
    }
    int64_t messages = 0;
    for (const ArchivedConversation& c : archive->conversations) {
        std::set<std::string> earlier;
        for (const ArchivedMessage& m : c.messages) {
            if (m.parent && !earlier.contains(*m.parent)) {
                std::abort();
            }
            earlier.insert(m.message.uuid);
            ++messages;
        }
    }
    if (messages != archive->message_count) {
        std::abort();
    }
    return 0;
}
