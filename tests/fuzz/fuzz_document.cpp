// libFuzzer target: the text of documents (app/documents) from bytes a user drops or pastes.
// The first input byte picks the file name the bytes arrive under (.txt .md .html .cpp
// .pdf; bytes that start like a PDF go to Qt PDF whatever their name); the rest is the file.
// Whatever the bytes, the result is text or a typed error with a message; text has pages
// numbered from 1, a title, no more than the character limit, and no control characters
// but tab and line feed. A violation aborts.
#include "documenttext.h"

#include <array>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::array<QString, 5> kNames = {"a.txt", "a.md", "a.html", "a.cpp", "a.pdf"};
    if (size == 0) {
        return 0;
    }
    const QString& name = kNames[data[0] % kNames.size()];
    const QByteArray bytes(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    const DocumentResult result = extractDocumentBytes(bytes, name);
    if (!result.ok()) {
        if (result.error().message().isEmpty()) {
            std::abort();
        }
        return 0;
    }
    const DocumentText& doc = result.value();
    if (doc.pages.isEmpty() || doc.title.isEmpty() ||
        doc.characterCount() > kMaxDocumentCharacters) {
        std::abort();
    }
    for (qsizetype i = 0; i < doc.pages.size(); ++i) {
        if (doc.pages[i].number != i + 1) {
            std::abort();
        }
        for (const QChar c : doc.pages[i].text) {
            if (c.unicode() < 0x20 && c != u'\t' && c != u'\n') {
                std::abort();
            }
        }
    }
    return 0;
}
