// Export or import on a worker thread (QThreadPool via QtConcurrent), so the window stays
// responsive with large archives. The job opens its own connection to the database (a
// connection belongs to one thread) without recovering interrupted answers: the app's own
// connection may be streaming one at that moment.
//
// The work begins when control returns to the event loop, so signals connected right after
// start*() are never missed. progress() and finished() are emitted from the worker thread;
// connections to objects of the GUI thread are therefore queued, and arrive there in order.
// Destroying the job cancels it and waits for the worker.
#pragma once

#include "exporter.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <optional>

class TransferJob : public QObject {
    Q_OBJECT

public:
    // Exports into `folder` (see exporter.h), one conversation or all.
    static TransferJob* startExport(const QString& databasePath, ExportFormat format,
                                    const QString& folder, std::optional<int64_t> conversation,
                                    QObject* parent = nullptr,
                                    ExportScope scope = Export::ShownBranch);
    // Imports a Hearth JSON archive.
    static TransferJob*
    startImport(const QString& databasePath, const QString& file, QObject* parent = nullptr,
                hearth::storage::OnConflict onConflict = hearth::storage::OnConflict::RejectFile);
    ~TransferJob() override;

    // Asks the worker to stop; finished() then reports the cancellation. An import cancelled
    // this way writes nothing.
    void cancel() { cancelled_ = true; }
    bool wasCancelled() const { return cancelled_; }
    bool isRunning() const { return future_.isRunning(); }
    // Blocks until the worker is done (tests, and the command line).
    void wait() { future_.waitForFinished(); }
    // The files an export wrote; complete once finished() has arrived.
    QStringList files() const { return files_; }
    // What an import did; set once finished() has arrived with ok.
    const hearth::storage::ImportSummary& summary() const { return summary_; }

signals:
    void progress(qint64 done, qint64 total);
    // `message` says what was done ("Exported 3 conversations to ...") or what went wrong.
    void finished(bool ok, const QString& message);

private:
    explicit TransferJob(QObject* parent) : QObject(parent) {}
    void start(std::function<hearth::Result<QString>(const hearth::storage::Progress&)> work);

    QFuture<void> future_;
    QStringList files_;                      // written by the worker before it emits finished()
    hearth::storage::ImportSummary summary_; // likewise
    std::atomic<bool> cancelled_ = false;
};

// How an export or an import opens the user's database.
enum class StoreAccess {
    Export, // read-only: an export changes nothing in or beside the database
    Import, // writable; answers left streaming stay as they are for the app to recover
};
// The database at `databasePath` (a resolved path), opened for `access`.
hearth::Result<hearth::storage::ConversationStore> openStore(const QString& databasePath,
                                                             StoreAccess access);
// The database the command line names (--db, else the default; see resolveDatabasePath),
// opened for `access`; an import may create it.
hearth::Result<hearth::storage::ConversationStore> openUserStore(const QString& dbOption,
                                                                 StoreAccess access);

// The summaries TransferJob and the command line print.
QString describeExport(const ExportOutcome& outcome, const QString& folder);
QString describeImport(const hearth::storage::ImportSummary& summary, const QString& file);
