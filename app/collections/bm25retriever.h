// Keyword retrieval: SQLite FTS5's BM25 ranks the chunks that share words with the
// question (the 60 best are candidates), then a re-ranking rewards chunks that contain
// more of the question's words, contain them next to each other as in the question
// (phrases), and close together (proximity). Candidates with too few of the question's
// words are dropped as irrelevant; of overlapping chunks (neighbours on a page, copies of
// a file) only the best is kept; the rest fill the token budget, best first.
#pragma once

#include "indexdatabase.h"
#include "retriever.h"

namespace hearth::collections {

class Bm25Retriever : public Retriever {
public:
    explicit Bm25Retriever(IndexDatabase& index) : index_(index) {}
    Result<QList<Passage>> retrieve(const RetrievalQuery& query) override;

private:
    IndexDatabase& index_;
};

// The words of a question that are searched for: lower case, without common words of
// English and German; in CJK text each pair of neighbouring characters (see
// searchableText). In the question's order.
QStringList queryTerms(const QString& question);

} // namespace hearth::collections
