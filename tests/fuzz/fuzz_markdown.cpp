// libFuzzer target: the Markdown block splitter. The input is an answer's text; it is split
// at once and, as when it streams in, in pieces whose sizes the input's own bytes choose.
// Both ways must give the same blocks (the splitter promises that appending never changes a
// finished block), and the blocks may hold no more than the text. A difference aborts.
#include "blocksplitter.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const QList<MessageBlock> whole = BlockSplitter::split(text);

    BlockSplitter streamed;
    qsizetype at = 0;
    for (size_t i = 0; at < text.size(); ++i) {
        // Piece lengths 1 to 16 from the input's bytes, cycling.
        const qsizetype n = 1 + (size > 0 ? data[i % size] % 16 : 0);
        const qsizetype first = streamed.append(QStringView(text).mid(at, n));
        if (first > streamed.blocks().size()) {
            std::abort();
        }
        at += n;
    }
    streamed.finish();
    if (streamed.blocks() != whole) {
        std::abort();
    }
    // Blocks hold the text's characters and nothing more (fence lines and carriage returns
    // are dropped; prose ends its last line with a line break the text may lack).
    qsizetype kept = 0;
    for (const MessageBlock& b : whole) {
        kept += b.text.size() + b.language.size();
    }
    if (kept > text.size() + 1) {
        std::abort();
    }
    return 0;
}
