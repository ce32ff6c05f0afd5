#include "indexworker.h"

#include <QElapsedTimer>

namespace hearth::collections {

IndexWorker::IndexWorker(QString indexPath, Extractor extractor, QObject* parent)
    : QObject(parent), indexPath_(std::move(indexPath)), extractor_(std::move(extractor)) {
    qRegisterMetaType<IndexProgress>();
    qRegisterMetaType<IndexSummary>();
}

IndexWorker::~IndexWorker() = default;

bool IndexWorker::openIndex(quint64 job, const QString& collection) {
    if (index_) {
        return true;
    }
    Result<IndexDatabase> db = IndexDatabase::open(indexPath_);
    if (!db) {
        emit failed(job, collection, QString::fromStdString(db.error().message));
        return false;
    }
    index_ = std::make_unique<IndexDatabase>(std::move(*db));
    return true;
}

void IndexWorker::index(quint64 job, const QString& collection, const QString& folder) {
    cancelRunning_.store(false);
    running_.store(job);
    if (job <= cancelledThrough_.load()) {
        IndexSummary summary;
        summary.cancelled = true;
        emit finished(job, collection, summary);
        return;
    }
    if (!openIndex(job, collection)) {
        return;
    }
    FolderIndexer indexer(*index_, extractor_);
    // Progress goes out at most ~10 times a second (and for the last file).
    QElapsedTimer sent;
    sent.start();
    Result<IndexSummary> summary =
        indexer.run(collection, folder, cancelRunning_, [&](const IndexProgress& p) {
            if (sent.elapsed() >= 100 || p.filesDone == p.filesTotal) {
                sent.restart();
                emit progress(job, p);
            }
        });
    if (!summary) {
        emit failed(job, collection, QString::fromStdString(summary.error().message));
        return;
    }
    emit finished(job, collection, *summary);
}

void IndexWorker::forget(const QString& collection) {
    if (openIndex(0, collection)) {
        if (Result<void> r = index_->removeCollection(collection); !r) {
            emit failed(0, collection, QString::fromStdString(r.error().message));
        }
    }
}

} // namespace hearth::collections
