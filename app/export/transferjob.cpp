#include "transferjob.h"

#include "databasepath.h"

#include <QtConcurrent/QtConcurrentRun>

using namespace hearth::storage;

hearth::Result<ConversationStore> openStore(const QString& databasePath, StoreAccess access) {
    const std::string path = databasePath.toStdString();
    return access == StoreAccess::Export
               ? ConversationStore::open_for_reading(path)
               : ConversationStore::open(path, {.recover_interrupted = false});
}

hearth::Result<ConversationStore> openUserStore(const QString& dbOption, StoreAccess access) {
    hearth::Result<QString> path = resolveDatabasePath(dbOption, access == StoreAccess::Import);
    if (!path) {
        return path.error();
    }
    return openStore(*path, access);
}

QString describeExport(const ExportOutcome& outcome, const QString& folder) {
    return QStringLiteral("Exported %1 conversation%2 to %3 (%4 file%5)")
        .arg(outcome.conversations)
        .arg(outcome.conversations == 1 ? "" : "s")
        .arg(folder)
        .arg(outcome.files.size())
        .arg(outcome.files.size() == 1 ? "" : "s");
}

QString describeImport(const ImportSummary& s, const QString& file) {
    return QStringLiteral("Imported %1: %2 conversation%3 added, %4 merged; %5 message%6 added, "
                          "%7 already present")
        .arg(file)
        .arg(s.conversations_added)
        .arg(s.conversations_added == 1 ? "" : "s")
        .arg(s.conversations_merged)
        .arg(s.messages_added)
        .arg(s.messages_added == 1 ? "" : "s")
        .arg(s.messages_skipped);
}

TransferJob* TransferJob::startExport(const QString& databasePath, ExportFormat format,
                                      const QString& folder, std::optional<int64_t> conversation,
                                      QObject* parent, ExportScope scope) {
    auto* job = new TransferJob(parent);
    job->start([=](const Progress& progress) -> hearth::Result<QString> {
        hearth::Result<ConversationStore> store = openStore(databasePath, StoreAccess::Export);
        if (!store) {
            return store.error();
        }
        hearth::Result<ExportOutcome> outcome =
            exportConversations(*store, format, folder, conversation, progress, scope);
        if (!outcome) {
            return outcome.error();
        }
        job->files_ = outcome->files;
        return describeExport(*outcome, folder);
    });
    return job;
}

TransferJob* TransferJob::startImport(const QString& databasePath, const QString& file,
                                      QObject* parent, OnConflict onConflict) {
    auto* job = new TransferJob(parent);
    job->start([=](const Progress& progress) -> hearth::Result<QString> {
        hearth::Result<ConversationStore> store = openStore(databasePath, StoreAccess::Import);
        if (!store) {
            return store.error();
        }
        hearth::Result<ImportSummary> summary =
            import_json_file(*store, file.toStdString(), progress, onConflict);
        if (!summary) {
            return summary.error();
        }
        job->summary_ = *summary;
        return describeImport(*summary, file);
    });
    return job;
}

// The work starts once control is back in the event loop, so whoever created the job has
// connected to its signals before the first one can be emitted.
void TransferJob::start(std::function<hearth::Result<QString>(const Progress&)> work) {
    QMetaObject::invokeMethod(
        this,
        [this, work = std::move(work)] {
            future_ = QtConcurrent::run([this, work] {
                const Progress progress = [this](int64_t done, int64_t total) {
                    emit this->progress(done, total);
                    return !cancelled_.load();
                };
                hearth::Result<QString> result = work(progress);
                emit finished(result.ok(), result.ok()
                                               ? *result
                                               : QString::fromStdString(result.error().message));
            });
        },
        Qt::QueuedConnection);
}

TransferJob::~TransferJob() {
    cancel();
    future_.waitForFinished();
}
