// Splits a document's pages into overlapping chunks for the index: about 180 words
// (~250 tokens) each, the next one starting 150 words later so that a sentence cut at one
// chunk's end is whole in the next. Chunks never cross a page boundary, so every chunk has
// one page to cite and to open. A chunk ends at a sentence end when one falls in its last
// quarter. Text without spaces (Chinese, Japanese) counts each ideograph as a word, and no
// chunk is longer than kMaxChunkChars, so a page of one enormous "word" is still cut.
#pragma once

#include "indexdatabase.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hearth::collections {

struct ChunkSizes {
    int words = 180;  // words per chunk
    int overlap = 30; // words shared with the next chunk
    int maxChars = 1600;
};

// `pages`: the text of page 1, 2, ... (a text file is one page).
QList<StoredChunk> chunkPages(const QStringList& pages, const ChunkSizes& sizes = {});

} // namespace hearth::collections
