// Brings a collection's part of the index up to date with its folder: one pass that finds
// the folder's documents, re-indexes those whose size or modification time changed (and
// whose content hash really did), recognizes a renamed or moved file by its hash and only
// updates its path, and forgets files that are gone. Runs on the indexing thread; the
// caller's flag cancels it between files (and between pages of an extraction's chunks).
//
// Untrusted input: symbolic links are not followed (no loops, nothing outside the folder),
// only regular files with a known document extension are read, files above the size limits
// are recorded as too large without being read, a file that vanishes or changes while it is
// read is picked up again by the next pass, and a failed extraction is recorded with its
// reason (no chunks) so that it is not retried until the file changes.
#pragma once

#include "indexdatabase.h"
#include "result.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>

namespace hearth::collections {

// A document's text, page by page (a file without pages is one page).
struct ExtractedDocument {
    QString title;
    QStringList pages;
};
// Reads the document at `path`; may stop early (an error) once `cancel` is true.
using Extractor =
    std::function<Result<ExtractedDocument>(const QString& path, const std::atomic<bool>& cancel)>;
// The app's extractor: hearth_documents (text, Markdown, code, HTML, PDF through Qt PDF).
Extractor documentExtractor();

struct IndexLimits {
    qint64 maxTextBytes = 32ll << 20; // text, Markdown, code, HTML
    qint64 maxPdfBytes = 512ll << 20; // PDF
    int maxFiles = 100000;            // per collection; the rest are left out
};

struct IndexProgress {
    QString collection;
    int filesDone = 0;
    int filesTotal = 0;
    int pagesDone = 0;       // pages extracted in this pass
    double secondsLeft = -1; // -1: not known yet
};

struct IndexSummary {
    int added = 0;
    int updated = 0;
    int renamed = 0;
    int removed = 0;
    int unchanged = 0;
    int failed = 0;
    int pages = 0; // pages extracted in this pass
    double seconds = 0;
    bool cancelled = false;
};

// Whether `path` names a kind of document the index reads (by its extension).
bool isIndexable(const QString& path);

class FolderIndexer {
public:
    FolderIndexer(IndexDatabase& index, Extractor extractor, IndexLimits limits = {})
        : index_(index), extractor_(std::move(extractor)), limits_(limits) {}

    Result<IndexSummary> run(const QString& collection, const QString& folder,
                             const std::atomic<bool>& cancel,
                             const std::function<void(const IndexProgress&)>& progress = {});

private:
    IndexDatabase& index_;
    Extractor extractor_;
    IndexLimits limits_;
};

} // namespace hearth::collections

Q_DECLARE_METATYPE(hearth::collections::IndexProgress)
Q_DECLARE_METATYPE(hearth::collections::IndexSummary)
