// Retrieval for a question: the best passages of the enabled collections, within a token
// budget. An interface, so that an embedding search (or a hybrid of both) can take the place
// of the keyword search later without the chat code changing.
#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <cstdint>

namespace hearth::collections {

struct RetrievalQuery {
    QString text;            // the user's question
    QStringList collections; // uuids to search
    int tokenBudget = 1500;  // estimated tokens of passage text, all passages together
    int maxPassages = 6;
};

struct Passage {
    int64_t chunkId = 0;
    QString collection; // uuid
    QString path;       // absolute path of the file
    QString title;      // the document's title, or its file name
    int page = 1;       // 1-based
    int pages = 1;      // of the whole document (1: not paged, no page to cite)
    int start = 0;      // UTF-16 offset in the page's text
    QString text;
    double score = 0; // higher is better; comparable within one retrieval only
};

class Retriever {
public:
    virtual ~Retriever() = default;
    // Best first; empty when nothing relevant was found (never a weak match to fill space).
    virtual Result<QList<Passage>> retrieve(const RetrievalQuery& query) = 0;
};

// A rough token count for budgeting before the model's tokenizer is at hand: one token per
// three bytes of UTF-8, which over-counts English (about four per token) and matches CJK
// (three bytes, about one token per character), so a budget is never overrun by much.
int estimateTokens(const QString& text);

} // namespace hearth::collections
