#include "chunker.h"

#include <algorithm>

namespace hearth::collections {

namespace {

// A word of a page: UTF-16 offsets [begin, end).
struct Span {
    int begin = 0;
    int end = 0;
};

bool isCjkAt(const QString& text, int i, int* length) {
    const QChar c = text.at(i);
    if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
        *length = 2;
        return isCjk(QChar::surrogateToUcs4(c, text.at(i + 1)));
    }
    *length = 1;
    return isCjk(c.unicode());
}

// Words split at white space, each CJK character a word of its own; a run of other
// characters longer than maxChars is cut into pieces of that length.
QList<Span> words(const QString& text, int maxChars) {
    QList<Span> out;
    int i = 0;
    const int n = int(text.size());
    while (i < n) {
        if (text.at(i).isSpace()) {
            ++i;
            continue;
        }
        int length = 1;
        if (isCjkAt(text, i, &length)) {
            out.append({i, i + length});
            i += length;
            continue;
        }
        const int begin = i;
        while (i < n && !text.at(i).isSpace() && i - begin < maxChars) {
            int l = 1;
            if (isCjkAt(text, i, &l)) {
                break;
            }
            i += l;
        }
        out.append({begin, i});
    }
    return out;
}

bool endsSentence(const QString& text, const Span& word) {
    const QChar last = text.at(word.end - 1);
    return last == QLatin1Char('.') || last == QLatin1Char('!') || last == QLatin1Char('?') ||
           last == QChar(0x3002) || last == QChar(0xFF01) || last == QChar(0xFF1F);
}

} // namespace

QList<StoredChunk> chunkPages(const QStringList& pages, const ChunkSizes& sizes) {
    QList<StoredChunk> chunks;
    const int step = std::max(1, sizes.words - sizes.overlap);
    for (int p = 0; p < pages.size(); ++p) {
        const QString& text = pages.at(p);
        const QList<Span> w = words(text, sizes.maxChars);
        int first = 0;
        while (first < w.size()) {
            // As many words as fit both limits, at least one.
            int last = first;
            while (last + 1 < w.size() && last + 1 - first < sizes.words &&
                   w[last + 1].end - w[first].begin <= sizes.maxChars) {
                ++last;
            }
            const bool pageEnds = last + 1 >= w.size();
            if (!pageEnds) {
                // Prefer a sentence end in the last quarter.
                const int floor = first + (last - first) * 3 / 4;
                for (int k = last; k > floor; --k) {
                    if (endsSentence(text, w[k])) {
                        last = k;
                        break;
                    }
                }
            }
            const int begin = w[first].begin;
            chunks.append({p + 1, begin, text.mid(begin, w[last].end - begin)});
            if (pageEnds) {
                break;
            }
            // The next chunk overlaps this one, but always moves forward.
            const int length = last - first + 1;
            first += std::max(1, std::min(step, length - sizes.overlap));
        }
    }
    return chunks;
}

} // namespace hearth::collections
