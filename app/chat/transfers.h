// Exports and imports started from the window, one at a time, on a worker thread
// (TransferJob): their progress, cancelling, and the report of the last import. Owned by
// ChatController (ChatController.transfers in QML), which starts exports through it and
// reloads its conversation list after an import.
//
// The import from Settings → Storage skips a conversation that contradicts the database
// (OnConflict::SkipConversation) and lists it as failed, with the reason; a damaged archive
// is refused whole with what is wrong in it. An import only adds, inside one transaction:
// failing or cancelling leaves the database as it was.
#pragma once

#include "exportformat.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <optional>

class TransferJob;

class Transfers : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ChatController.transfers")
    Q_PROPERTY(Activity activity READ activity NOTIFY activityChanged)
    Q_PROPERTY(qint64 done READ done NOTIFY progressChanged)   // conversations for an export,
    Q_PROPERTY(qint64 total READ total NOTIFY progressChanged) // messages for an import
    // The last import: what happened, and its counts.
    Q_PROPERTY(Outcome importOutcome READ importOutcome NOTIFY importReportChanged)
    Q_PROPERTY(int importAdded READ importAdded NOTIFY importReportChanged)
    Q_PROPERTY(int importMerged READ importMerged NOTIFY importReportChanged)   // new messages
    Q_PROPERTY(int importSkipped READ importSkipped NOTIFY importReportChanged) // duplicates
    // "Title: reason" for each conversation left out.
    Q_PROPERTY(QStringList importFailures READ importFailures NOTIFY importReportChanged)
    Q_PROPERTY(QString importError READ importError NOTIFY importReportChanged) // refused whole

public:
    enum Activity { Idle, Exporting, Importing };
    Q_ENUM(Activity)
    enum Outcome { NoImport, Imported, Refused, Cancelled };
    Q_ENUM(Outcome)

    explicit Transfers(QObject* parent);
    ~Transfers() override;
    // The user's database (a resolved path); nothing starts before it is set.
    void setDatabasePath(const QString& path) { databasePath_ = path; }

    Activity activity() const { return activity_; }
    qint64 done() const { return done_; }
    qint64 total() const { return total_; }
    Outcome importOutcome() const { return outcome_; }
    int importAdded() const { return added_; }
    int importMerged() const { return merged_; }
    int importSkipped() const { return skipped_; }
    QStringList importFailures() const { return failures_; }
    QString importError() const { return error_; }

    // Starts an export (nullopt: every conversation); false while another transfer runs.
    bool startExport(std::optional<int64_t> conversation, Export::Format format,
                     Export::Scope scope, const QString& folder);
    // Imports a Hearth JSON archive (a path or a file:// URL); false while another runs.
    Q_INVOKABLE bool importArchive(const QString& file);
    // Stops the running transfer: an import then writes nothing, an export stops after the
    // file it is writing.
    Q_INVOKABLE void cancel();

signals:
    void activityChanged();
    void progressChanged();
    void importReportChanged();
    // An export ended: ok, the error or a summary, and the files it wrote.
    void exportFinished(bool ok, bool cancelled, const QString& message, const QStringList& files);
    // An import added something; the conversation list is out of date.
    void imported();

private:
    void begin(TransferJob* job, Activity activity);
    void end();

    QString databasePath_;
    QPointer<TransferJob> job_;
    Activity activity_ = Idle;
    qint64 done_ = 0;
    qint64 total_ = 0;
    Outcome outcome_ = NoImport;
    int added_ = 0;
    int merged_ = 0;
    int skipped_ = 0;
    QStringList failures_;
    QString error_;
};
