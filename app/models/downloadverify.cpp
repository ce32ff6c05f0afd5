// The last step of a download: the finished .part file is hashed on a worker thread,
// compared with the published SHA-256 and only then renamed into the models folder.
#include "downloadjob.h"

#include <QCryptographicHash>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <filesystem>

namespace {

// Runs on a worker thread: the hex SHA-256 of a file, or an empty result when it cannot be
// read. Stops early (no result) when the job cancels it, so quitting never waits for a
// multi-gigabyte hash.
void sha256OfFile(QPromise<QByteArray>& promise, const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        promise.addResult(QByteArray());
        return;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    while (!file.atEnd()) {
        if (promise.isCanceled()) {
            return;
        }
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0) {
            promise.addResult(QByteArray());
            return;
        }
        hash.addData(QByteArrayView(buffer.constData(), n));
    }
    promise.addResult(hash.result().toHex());
}

} // namespace

void DownloadJob::verify() {
    dropReply();
    file_.flush();
    file_.close();
    saveSidecar();
    setPhase(Phase::Verifying);
    updateSpeed(true);
    if (partial_.expectedSha256().isEmpty()) {
        deletePartialFiles();
        endAttempt(Outcome::Fatal,
                   message(QT_TR_NOOP("Hearth cannot check this download: neither the catalog "
                                      "nor the server gives its SHA-256, so it was deleted.")));
        return;
    }
    hashWatcher_.setFuture(QtConcurrent::run(sha256OfFile, file_.fileName()));
}

void DownloadJob::onHashed() {
    if (phase_ != Phase::Verifying || hashWatcher_.isCanceled() ||
        hashWatcher_.future().resultCount() == 0) {
        return; // stopped or discarded while hashing
    }
    const QByteArray actual = hashWatcher_.result();
    if (actual.isEmpty()) {
        endAttempt(Outcome::Retry,
                   message(QT_TR_NOOP("Could not read the downloaded file back to check it.")));
        return;
    }
    if (actual != partial_.expectedSha256()) {
        deletePartialFiles();
        endAttempt(Outcome::Fatal,
                   message(QT_TR_NOOP("The downloaded file is damaged: its SHA-256 does not "
                                      "match the published one. It was deleted; try again.")));
        return;
    }
    // rename(2) within one folder tree and file system: the model appears whole or not at all.
    std::error_code error;
    std::filesystem::rename(QFile::encodeName(file_.fileName()).toStdString(),
                            QFile::encodeName(finalPath()).toStdString(), error);
    if (error) {
        endAttempt(Outcome::Fatal,
                   message(QT_TR_NOOP("Could not move the finished file into the models folder: "
                                      "%1"),
                           {QString::fromStdString(error.message())}));
        return;
    }
    QFile::remove(partialSidecarPath(modelsFolder_, partial_.fileName));
    setPhase(Phase::Done);
    endAttempt(Outcome::Completed);
}
