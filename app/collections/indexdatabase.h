// The document index: one SQLite file beside the conversation database
// ("collections-index.db"), holding for every collection the files found in its folder
// and their text in overlapping chunks, with a full-text index over the chunks. It is a
// cache: everything in it can be rebuilt from the folders, so a file that cannot be opened
// (damaged, from a newer Hearth) is deleted and made again rather than reported.
//
// Collections themselves (name, folder) are the user's settings (CollectionManager keeps
// them); here they are only the uuid each file row belongs to.
//
// One IndexDatabase is one connection: the indexing worker writes through its own, the
// GUI thread reads (retrieval) through another; WAL lets both run at once.
#pragma once

#include "database.h"
#include "result.h"

#include <QList>
#include <QString>
#include <cstdint>
#include <memory>
#include <optional>

namespace hearth::collections {

// What the index knows about one file of a collection.
struct IndexedFile {
    int64_t id = 0;
    QString collection; // uuid
    QString path;       // absolute
    int64_t size = 0;
    int64_t mtime = 0; // ms since the epoch
    QString sha256;    // lower-case hex of the content
    QString title;
    int pages = 0;
    QString error; // why it could not be indexed; empty when it was
};

// One chunk as stored: text of page `page` (1-based) from UTF-16 offset `start`.
struct StoredChunk {
    int page = 1;
    int start = 0;
    QString text;
};

struct IndexTotals {
    int files = 0;
    int pages = 0;
    int chunks = 0;
    int failed = 0; // files that could not be read
};

class IndexDatabase {
public:
    // Opens or creates the index at `path`; an unreadable or newer file is replaced.
    static Result<IndexDatabase> open(const QString& path);

    Result<std::optional<IndexedFile>> file(const QString& collection, const QString& path);
    Result<QList<IndexedFile>> files(const QString& collection);
    // A file of the collection with this content hash, for a rename (same bytes, new path).
    Result<std::optional<IndexedFile>> fileWithHash(const QString& collection,
                                                    const QString& sha256);

    // Replaces the file's row and chunks (or adds them) in one transaction.
    Result<void> storeFile(const IndexedFile& file, const QList<StoredChunk>& chunks);
    // Updates what changed without the content changing (mtime touched; a rename).
    Result<void> updateFileState(int64_t id, const QString& path, int64_t size, int64_t mtime);
    Result<void> removeFile(int64_t id);
    Result<void> removeCollection(const QString& collection);
    Result<IndexTotals> totals(const QString& collection);

    storage::Database& database() { return *db_; }
    QString path() const { return path_; }

private:
    IndexDatabase(std::unique_ptr<storage::Database> db, QString path)
        : db_(std::move(db)), path_(std::move(path)) {}
    std::unique_ptr<storage::Database> db_;
    QString path_;
};

// The text as the full-text index sees it: CJK ideographs and kana, which are written
// without spaces (the unicode61 tokenizer would take a whole sentence as one word), become
// the pairs of neighbouring characters, each a word ("东京分店": 东京, 京分, 分店), and a
// character alone between other text stays one. Without a dictionary this is how a search
// tells 东京 from 北京: most Chinese words are two characters, and a pair that spans two
// words is rare enough to weigh little.
QString searchableText(const QString& text);
// A collection's uuid as one word for the full-text index's collection column.
QString collectionToken(const QString& uuid);
bool isCjk(char32_t c);

} // namespace hearth::collections
