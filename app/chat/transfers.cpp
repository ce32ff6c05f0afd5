#include "transfers.h"

#include "localpath.h"
#include "transferjob.h"

Transfers::Transfers(QObject* parent) : QObject(parent) {}

Transfers::~Transfers() {
    delete job_; // cancels and waits for the worker
}

void Transfers::begin(TransferJob* job, Activity activity) {
    job_ = job;
    done_ = total_ = 0;
    activity_ = activity;
    connect(job, &TransferJob::progress, this, [this](qint64 done, qint64 total) {
        done_ = done;
        total_ = total;
        emit progressChanged();
    });
    emit progressChanged();
    emit activityChanged();
}

void Transfers::end() {
    if (job_) {
        job_->deleteLater();
    }
    job_ = nullptr;
    activity_ = Idle;
    emit activityChanged();
}

bool Transfers::startExport(std::optional<int64_t> conversation, Export::Format format,
                            Export::Scope scope, const QString& folder) {
    if (activity_ != Idle || databasePath_.isEmpty()) {
        return false;
    }
    TransferJob* job =
        TransferJob::startExport(databasePath_, format, folder, conversation, this, scope);
    begin(job, Exporting);
    connect(job, &TransferJob::finished, this, [this, job](bool ok, const QString& message) {
        const bool cancelled = !ok && job->wasCancelled();
        const QStringList files = job->files();
        end();
        emit exportFinished(ok, cancelled, message, files);
    });
    return true;
}

bool Transfers::importArchive(const QString& file) {
    if (activity_ != Idle || databasePath_.isEmpty()) {
        return false;
    }
    TransferJob* job = TransferJob::startImport(databasePath_, localPath(file), this,
                                                hearth::storage::OnConflict::SkipConversation);
    begin(job, Importing);
    connect(job, &TransferJob::finished, this, [this, job](bool ok, const QString& message) {
        const hearth::storage::ImportSummary& s = job->summary();
        failures_.clear();
        error_.clear();
        added_ = merged_ = skipped_ = 0;
        if (ok) {
            outcome_ = Imported;
            added_ = int(s.conversations_added);
            skipped_ = int(s.conversations_unchanged);
            merged_ = int(s.conversations_merged - s.conversations_unchanged);
            for (const hearth::storage::ImportFailure& f : s.failed) {
                failures_ << QString::fromStdString(f.title) + QStringLiteral(": ") +
                                 QString::fromStdString(f.reason);
            }
        } else {
            outcome_ = job->wasCancelled() ? Cancelled : Refused;
            error_ = message;
        }
        end();
        emit importReportChanged();
        if (ok && (added_ > 0 || merged_ > 0)) {
            emit imported();
        }
    });
    return true;
}

void Transfers::cancel() {
    if (job_) {
        job_->cancel();
    }
}
