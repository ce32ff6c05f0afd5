// The indexing thread's object: FolderIndexer passes, one at a time, with their progress
// sent back as queued signals. It opens its own connection to the index on its thread.
// Jobs are numbered by the caller; cancelThrough(n) cancels the running job if its number
// is n or lower, and makes queued ones up to n return at once (a queued call cannot be
// taken back).
#pragma once

#include "folderindexer.h"

#include <QObject>
#include <atomic>
#include <memory>
#include <optional>

namespace hearth::collections {

class IndexWorker : public QObject {
    Q_OBJECT

public:
    IndexWorker(QString indexPath, Extractor extractor, QObject* parent = nullptr);
    ~IndexWorker() override;

    // Thread-safe.
    void cancelThrough(quint64 job) {
        cancelledThrough_.store(job);
        if (running_.load() <= job) {
            cancelRunning_.store(true);
        }
    }

public slots:
    void index(quint64 job, const QString& collection, const QString& folder);
    void forget(const QString& collection);

signals:
    void progress(quint64 job, const hearth::collections::IndexProgress& progress);
    void finished(quint64 job, const QString& collection,
                  const hearth::collections::IndexSummary& summary);
    void failed(quint64 job, const QString& collection, const QString& error);

private:
    bool openIndex(quint64 job, const QString& collection);

    QString indexPath_;
    Extractor extractor_;
    std::unique_ptr<IndexDatabase> index_;
    std::atomic<quint64> cancelledThrough_{0};
    std::atomic<quint64> running_{0};
    std::atomic<bool> cancelRunning_{false};
};

} // namespace hearth::collections
