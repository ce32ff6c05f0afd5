#include "folderindexer.h"

#include "chunker.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <algorithm>

namespace hearth::collections {

namespace {

const QSet<QString>& textSuffixes() {
    static const QSet<QString> s = [] {
        QSet<QString> set;
        for (const char* e :
             {"txt", "text",  "md",    "markdown", "rst",  "org",  "adoc", "tex",  "csv",  "tsv",
              "log", "json",  "xml",   "yaml",     "yml",  "toml", "ini",  "cfg",  "conf", "html",
              "htm", "xhtml", "c",     "h",        "cc",   "cpp",  "cxx",  "hpp",  "hh",   "py",
              "js",  "mjs",   "ts",    "tsx",      "jsx",  "rs",   "go",   "java", "kt",   "swift",
              "rb",  "php",   "cs",    "sh",       "bash", "zsh",  "sql",  "qml",  "lua",  "pl",
              "r",   "m",     "scala", "hs",       "css",  "scss", "cmake"}) {
            set.insert(QLatin1String(e));
        }
        return set;
    }();
    return s;
}

bool isPdf(const QString& path) {
    return QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0;
}

// The SHA-256 of the file, read in blocks; empty when it cannot be read.
QString hashOf(const QString& path, const std::atomic<bool>& cancel) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    while (!file.atEnd() && !cancel.load()) {
        const QByteArray block = file.read(1 << 20);
        if (block.isEmpty() && file.error() != QFileDevice::NoError) {
            return {};
        }
        hash.addData(block);
    }
    return QString::fromLatin1(hash.result().toHex());
}

struct Found {
    QString path;
    qint64 size = 0;
    qint64 mtime = 0;
};

QList<Found> scan(const QString& folder, int maxFiles, const std::atomic<bool>& cancel) {
    QList<Found> found;
    // No FollowSymlinks: a link to a folder is not entered (no loops); links to files are
    // skipped below. Hidden files and folders (.git) are left out.
    QDirIterator it(folder, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext() && found.size() < maxFiles && !cancel.load()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isSymLink() || !info.isFile() || !isIndexable(info.filePath())) {
            continue;
        }
        found.append(
            {info.absoluteFilePath(), info.size(), info.lastModified().toMSecsSinceEpoch()});
    }
    std::sort(found.begin(), found.end(),
              [](const Found& a, const Found& b) { return a.path < b.path; });
    return found;
}

} // namespace

bool isIndexable(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("pdf") || textSuffixes().contains(suffix);
}

Result<IndexSummary> FolderIndexer::run(const QString& collection, const QString& folder,
                                        const std::atomic<bool>& cancel,
                                        const std::function<void(const IndexProgress&)>& progress) {
    QElapsedTimer clock;
    clock.start();
    IndexSummary summary;
    if (!QFileInfo(folder).isDir()) {
        return Error{"the folder " + folder.toStdString() + " cannot be found"};
    }
    const QList<Found> found = scan(folder, limits_.maxFiles, cancel);
    QSet<QString> onDisk;
    qint64 bytesTotal = 0;
    for (const Found& f : found) {
        onDisk.insert(f.path);
        bytesTotal += f.size;
    }
    IndexProgress state;
    state.collection = collection;
    state.filesTotal = int(found.size());
    qint64 bytesDone = 0;
    QSet<QString> renamedFrom;

    for (const Found& f : found) {
        if (cancel.load()) {
            summary.cancelled = true;
            break;
        }
        auto existing = index_.file(collection, f.path);
        if (!existing) {
            return existing.error();
        }
        const bool same = *existing && (*existing)->size == f.size && (*existing)->mtime == f.mtime;
        if (same) {
            ++summary.unchanged;
        } else {
            IndexedFile row;
            row.collection = collection;
            row.path = f.path;
            row.size = f.size;
            row.mtime = f.mtime;
            row.title = QFileInfo(f.path).fileName();
            const qint64 limit = isPdf(f.path) ? limits_.maxPdfBytes : limits_.maxTextBytes;
            QList<StoredChunk> chunks;
            bool store = true;
            if (f.size > limit) {
                row.error = QStringLiteral("too large (%1 MB; the limit is %2 MB)")
                                .arg(f.size >> 20)
                                .arg(limit >> 20);
                row.sha256 = QStringLiteral("size:%1").arg(f.size);
            } else {
                row.sha256 = hashOf(f.path, cancel);
                if (cancel.load()) {
                    summary.cancelled = true;
                    break;
                }
                if (row.sha256.isEmpty()) {
                    // Gone since the scan (the next pass forgets it), or unreadable.
                    if (!QFileInfo::exists(f.path)) {
                        bytesDone += f.size;
                        continue;
                    }
                    row.error = QStringLiteral("cannot be read");
                }
            }
            if (row.error.isEmpty() && *existing && (*existing)->sha256 == row.sha256) {
                // Touched, not changed.
                store = false;
                if (auto r = index_.updateFileState((*existing)->id, f.path, f.size, f.mtime); !r) {
                    return r.error();
                }
                ++summary.unchanged;
            } else if (row.error.isEmpty() && !*existing) {
                auto twin = index_.fileWithHash(collection, row.sha256);
                if (!twin) {
                    return twin.error();
                }
                if (*twin && !onDisk.contains((*twin)->path) && (*twin)->error.isEmpty()) {
                    // Renamed or moved: the same bytes under a new path.
                    store = false;
                    renamedFrom.insert((*twin)->path);
                    if (auto r = index_.updateFileState((*twin)->id, f.path, f.size, f.mtime); !r) {
                        return r.error();
                    }
                    ++summary.renamed;
                }
            }
            if (store) {
                if (row.error.isEmpty()) {
                    Result<ExtractedDocument> doc = extractor_(f.path, cancel);
                    if (!doc) {
                        row.error = QString::fromStdString(doc.error().message);
                    } else {
                        if (!doc->title.trimmed().isEmpty()) {
                            row.title = doc->title.trimmed();
                        }
                        row.pages = int(doc->pages.size());
                        chunks = chunkPages(doc->pages);
                        state.pagesDone += row.pages;
                        summary.pages += row.pages;
                    }
                    // Changed while it was read: stored as it was read, and marked so that
                    // the next pass reads it again.
                    const QFileInfo after(f.path);
                    if (!after.exists() || after.lastModified().toMSecsSinceEpoch() != f.mtime ||
                        after.size() != f.size) {
                        row.mtime = -1;
                    }
                }
                if (auto r = index_.storeFile(row, chunks); !r) {
                    return r.error();
                }
                if (!row.error.isEmpty()) {
                    ++summary.failed;
                } else if (*existing) {
                    ++summary.updated;
                } else {
                    ++summary.added;
                }
            }
        }
        bytesDone += f.size;
        ++state.filesDone;
        if (bytesDone > 0 && clock.elapsed() > 500) {
            state.secondsLeft = double(clock.elapsed()) / 1000.0 * double(bytesTotal - bytesDone) /
                                double(bytesDone);
        }
        if (progress) {
            progress(state);
        }
    }

    // Files no longer in the folder (not after a cancelled pass: its list may be partial).
    if (!summary.cancelled && !cancel.load()) {
        auto indexed = index_.files(collection);
        if (!indexed) {
            return indexed.error();
        }
        for (const IndexedFile& f : std::as_const(*indexed)) {
            if (!onDisk.contains(f.path)) {
                if (auto r = index_.removeFile(f.id); !r) {
                    return r.error();
                }
                ++summary.removed;
            }
        }
    } else {
        summary.cancelled = true;
    }
    summary.seconds = double(clock.elapsed()) / 1000.0;
    return summary;
}

} // namespace hearth::collections
