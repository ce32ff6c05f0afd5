#include "indexdatabase.h"

#include "indexschema.h"
#include "transaction.h"

#include <QFile>

namespace hearth::collections {

namespace {

std::string utf8(const QString& s) {
    return s.toStdString();
}

QString qt(const std::string& s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

constexpr const char* kFileColumns =
    "id, collection, path, size, mtime, sha256, title, pages, error";

IndexedFile readFile(const storage::Statement& s) {
    IndexedFile f;
    f.id = s.integer(0);
    f.collection = qt(s.text(1));
    f.path = qt(s.text(2));
    f.size = s.integer(3);
    f.mtime = s.integer(4);
    f.sha256 = qt(s.text(5));
    f.title = qt(s.text(6));
    f.pages = int(s.integer(7));
    f.error = qt(s.text(8));
    return f;
}

Result<storage::Database> openAndMigrate(const QString& path) {
    const int newest = int(indexMigrations().size());
    Result<storage::Database> db = storage::Database::open(utf8(path), newest);
    if (!db) {
        return db.error();
    }
    if (Result<void> r = storage::migrate(*db, indexMigrations()); !r) {
        return r.error();
    }
    return db;
}

} // namespace

bool isCjk(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF) || // hiragana, katakana
           (c >= 0x3400 && c <= 0x4DBF) || // CJK extension A
           (c >= 0x4E00 && c <= 0x9FFF) || // CJK unified ideographs
           (c >= 0xF900 && c <= 0xFAFF) || // compatibility ideographs
           (c >= 0x20000 && c <= 0x2FA1F); // extensions B and later
}

QString searchableText(const QString& text) {
    // Pairs of neighbouring CJK characters, as words of their own; a character alone in
    // its run stays one. "东京分店" -> " 东京  京分  分店 ".
    QString out;
    out.reserve(text.size() * 2);
    const qsizetype n = text.size();
    qsizetype previous = -1; // the CJK character before this one, if it was one
    qsizetype previousLength = 0;
    bool alone = false; // `previous` begins its run and is in no pair yet
    for (qsizetype i = 0; i < n; ++i) {
        char32_t c = text[i].unicode();
        qsizetype length = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < n && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
            length = 2;
        }
        if (isCjk(c)) {
            if (previous >= 0) {
                out += QLatin1Char(' ');
                out += QStringView(text).mid(previous, i + length - previous);
                out += QLatin1Char(' ');
            }
            alone = previous < 0;
            previous = i;
            previousLength = length;
        } else {
            if (alone) {
                out += QLatin1Char(' ');
                out += QStringView(text).mid(previous, previousLength);
                out += QLatin1Char(' ');
            }
            previous = -1;
            alone = false;
            out += QStringView(text).mid(i, length);
        }
        i += length - 1;
    }
    if (alone) {
        out += QLatin1Char(' ');
        out += QStringView(text).mid(previous, previousLength);
    }
    return out;
}

QString collectionToken(const QString& uuid) {
    QString token = QStringLiteral("c");
    for (QChar c : uuid) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            token += c.toLower();
        }
    }
    return token;
}

Result<IndexDatabase> IndexDatabase::open(const QString& path) {
    Result<storage::Database> db = openAndMigrate(path);
    if (!db) {
        // A cache: start again rather than refuse (a damaged file, a newer Hearth's index).
        for (const char* suffix : {"", "-wal", "-shm"}) {
            QFile::remove(path + QLatin1String(suffix));
        }
        db = openAndMigrate(path);
        if (!db) {
            return db.error();
        }
    }
    return IndexDatabase(std::make_unique<storage::Database>(std::move(*db)), path);
}

Result<std::optional<IndexedFile>> IndexDatabase::file(const QString& collection,
                                                       const QString& path) {
    auto s = db_->cached(std::string("SELECT ") + kFileColumns +
                         " FROM files WHERE collection = ?1 AND path = ?2");
    if (!s) {
        return s.error();
    }
    (*s)->bind(1, utf8(collection)).bind(2, utf8(path));
    return (*s)->query_one(readFile);
}

Result<QList<IndexedFile>> IndexDatabase::files(const QString& collection) {
    auto s = db_->cached(std::string("SELECT ") + kFileColumns +
                         " FROM files WHERE collection = ?1 ORDER BY path");
    if (!s) {
        return s.error();
    }
    (*s)->bind(1, utf8(collection));
    QList<IndexedFile> list;
    if (Result<void> r = (*s)->for_each_row([&](const auto& row) { list.append(readFile(row)); });
        !r) {
        return r.error();
    }
    return list;
}

Result<std::optional<IndexedFile>> IndexDatabase::fileWithHash(const QString& collection,
                                                               const QString& sha256) {
    auto s = db_->cached(std::string("SELECT ") + kFileColumns +
                         " FROM files WHERE collection = ?1 AND sha256 = ?2 LIMIT 1");
    if (!s) {
        return s.error();
    }
    (*s)->bind(1, utf8(collection)).bind(2, utf8(sha256));
    return (*s)->query_one(readFile);
}

Result<void> IndexDatabase::storeFile(const IndexedFile& file, const QList<StoredChunk>& chunks) {
    Result<storage::Transaction> transaction = storage::Transaction::begin(*db_);
    if (!transaction) {
        return transaction.error();
    }
    auto remove = db_->cached("DELETE FROM files WHERE collection = ?1 AND path = ?2");
    if (!remove) {
        return remove.error();
    }
    if (auto r = (*remove)->bind(1, utf8(file.collection)).bind(2, utf8(file.path)).run(); !r) {
        return r;
    }
    auto insert = db_->cached("INSERT INTO files (collection, path, size, mtime, sha256, title, "
                              "pages, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!insert) {
        return insert.error();
    }
    (*insert)
        ->bind(1, utf8(file.collection))
        .bind(2, utf8(file.path))
        .bind(3, file.size)
        .bind(4, file.mtime)
        .bind(5, utf8(file.sha256))
        .bind(6, utf8(file.title))
        .bind(7, file.pages)
        .bind(8, utf8(file.error));
    if (auto r = (*insert)->run(); !r) {
        return r;
    }
    const int64_t fileId = db_->last_insert_id();
    const QString token = collectionToken(file.collection);
    auto chunk =
        db_->cached("INSERT INTO chunks (file_id, page, start, text) VALUES (?1, ?2, ?3, ?4)");
    if (!chunk) {
        return chunk.error();
    }
    auto search =
        db_->cached("INSERT INTO chunk_search (rowid, text, collection) VALUES (?1, ?2, ?3)");
    if (!search) {
        return search.error();
    }
    for (const StoredChunk& c : chunks) {
        (*chunk)->bind(1, fileId).bind(2, c.page).bind(3, c.start).bind(4, utf8(c.text));
        if (auto r = (*chunk)->run(); !r) {
            return r;
        }
        (*search)
            ->bind(1, db_->last_insert_id())
            .bind(2, utf8(searchableText(c.text)))
            .bind(3, utf8(token));
        if (auto r = (*search)->run(); !r) {
            return r;
        }
    }
    return transaction->commit();
}

Result<void> IndexDatabase::updateFileState(int64_t id, const QString& path, int64_t size,
                                            int64_t mtime) {
    auto s = db_->cached("UPDATE files SET path = ?2, size = ?3, mtime = ?4 WHERE id = ?1");
    if (!s) {
        return s.error();
    }
    return (*s)->bind(1, id).bind(2, utf8(path)).bind(3, size).bind(4, mtime).run();
}

Result<void> IndexDatabase::removeFile(int64_t id) {
    auto s = db_->cached("DELETE FROM files WHERE id = ?1");
    if (!s) {
        return s.error();
    }
    return (*s)->bind(1, id).run();
}

Result<void> IndexDatabase::removeCollection(const QString& collection) {
    auto s = db_->cached("DELETE FROM files WHERE collection = ?1");
    if (!s) {
        return s.error();
    }
    return (*s)->bind(1, utf8(collection)).run();
}

Result<IndexTotals> IndexDatabase::totals(const QString& collection) {
    auto s = db_->cached("SELECT count(*), coalesce(sum(pages), 0), "
                         "coalesce(sum(error <> ''), 0), "
                         "(SELECT count(*) FROM chunks c JOIN files f ON f.id = c.file_id "
                         " WHERE f.collection = ?1) "
                         "FROM files WHERE collection = ?1");
    if (!s) {
        return s.error();
    }
    (*s)->bind(1, utf8(collection));
    auto row = (*s)->query_one([](const storage::Statement& r) {
        IndexTotals t;
        t.files = int(r.integer(0));
        t.pages = int(r.integer(1));
        t.failed = int(r.integer(2));
        t.chunks = int(r.integer(3));
        return t;
    });
    if (!row) {
        return row.error();
    }
    return row->value_or(IndexTotals{});
}

} // namespace hearth::collections
