#include "downloadmanager.h"

#include "catalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QStorageInfo>
#include <QTimer>
#include <algorithm>

DownloadManager::DownloadManager(QNetworkAccessManager* network, QObject* parent)
    : QAbstractListModel(parent), network_(network) {
    settings_.freeSpace = [](const QString& path) -> qint64 {
        const QStorageInfo volume(path);
        return volume.isValid() && volume.isReady() ? volume.bytesAvailable() : -1;
    };
    whenLanguageChanges(this, [this] {
        if (count() > 0) {
            emit dataChanged(index(0), index(count() - 1), {ErrorRole});
        }
    });
}

DownloadManager::~DownloadManager() {
    for (const Item& item : std::as_const(items_)) {
        disconnect(item.job, nullptr, this, nullptr);
        keep(item);
    }
}

void DownloadManager::keep(const Item& item) {
    // A failed download waits for the user after a restart instead of failing again, and
    // still says that it failed.
    item.job->setFailed(item.state == Failed, item.offline);
    item.job->stop(item.state == Paused || item.state == Failed);
}

void DownloadManager::setModelsFolder(const QString& folder) {
    const QString path = QDir::cleanPath(QDir(folder).absolutePath());
    if (path == folder_) {
        return;
    }
    beginResetModel();
    dropAll();
    folder_ = path;
    QDir().mkpath(folder_);
    // Unfinished downloads of this folder continue where they stopped, unless paused or
    // failed.
    for (PartialDownload& partial : loadPartials(folder_)) {
        const bool failed = partial.failed, offline = partial.offline;
        addJob(std::move(partial), failed ? Failed : partial.paused ? Paused : Queued);
        if (failed) {
            Item& item = items_.last();
            item.offline = offline;
            item.error =
                offline ? TrText(staticMetaObject.className(),
                                 QT_TR_NOOP("You seem to have been offline: the download could "
                                            "not reach its server. Connect to the internet and "
                                            "try again, or use a model file you already have."))
                        : TrText(staticMetaObject.className(),
                                 QT_TR_NOOP("This download had failed when Hearth was closed. "
                                            "Try again."));
        }
    }
    endResetModel();
    emit countChanged();
    emit modelsFolderChanged();
    schedule();
}

void DownloadManager::releaseFolder() {
    beginResetModel();
    dropAll();
    folder_.clear();
    endResetModel();
    emit countChanged();
    emit modelsFolderChanged();
    if (lastActiveCount_ != 0) {
        lastActiveCount_ = 0;
        emit activeCountChanged();
    }
}

void DownloadManager::dropAll() {
    for (const Item& item : std::as_const(items_)) {
        disconnect(item.job, nullptr, this, nullptr);
        keep(item);
        item.job->deleteLater();
    }
    items_.clear();
}

void DownloadManager::setSslConfiguration(const QSslConfiguration& configuration) {
    settings_.ssl = configuration;
}

void DownloadManager::setFreeSpaceProvider(std::function<qint64(const QString&)> provider) {
    settings_.freeSpace = std::move(provider);
}

void DownloadManager::setTransferTimeout(int milliseconds) {
    settings_.transferTimeoutMs = milliseconds;
}

void DownloadManager::setRetryPolicy(int initialMs, int maxMs, int maxAttempts) {
    retryInitialMs_ = std::max(1, initialMs);
    retryMaxMs_ = std::max(retryInitialMs_, maxMs);
    retryMaxAttempts_ = std::max(1, maxAttempts);
}

void DownloadManager::setMaxConcurrent(int count) {
    count = std::clamp(count, 1, 8);
    if (count != maxConcurrent_) {
        maxConcurrent_ = count;
        emit maxConcurrentChanged();
        schedule();
    }
}

TrText DownloadManager::spaceProblem(const QString& what, qint64 bytes) const {
    PartialDownload planned;
    planned.fileName = what;
    planned.expectedSize = bytes;
    return DownloadJob(folder_, planned).spaceProblem(settings_);
}

bool DownloadManager::enqueue(const Request& request, TrText* error) {
    auto refuse = [error](const TrText& message) {
        if (error != nullptr) {
            *error = message;
        }
        return false;
    };
    const QString fileName = request.url.fileName();
    if (request.url.scheme() != QLatin1String("https") || !isSafeModelFileName(fileName)) {
        return refuse(message(QT_TR_NOOP("Only .gguf files from https:// addresses can be "
                                         "downloaded.")));
    }
    if (folder_.isEmpty()) {
        return refuse(message(QT_TR_NOOP("No models folder is set.")));
    }
    if (const int row = indexOf(fileName); row >= 0) {
        if (items_[row].state != Done) {
            return refuse(message(QT_TR_NOOP("%1 is already being downloaded."), {fileName}));
        }
        removeRow(row);
    }
    if (QFileInfo::exists(QDir(folder_).filePath(fileName))) {
        return refuse(message(QT_TR_NOOP("%1 is already in the models folder."), {fileName}));
    }
    PartialDownload partial;
    partial.url = request.url;
    partial.fileName = fileName;
    partial.catalogId = request.catalogId;
    partial.expectedSize = request.size;
    partial.sizeApproximate = request.sizeApproximate;
    partial.sha256 = request.sha256.toLower();
    // Checked before a single request: a download that cannot fit is refused at once.
    if (const TrText problem = DownloadJob(folder_, partial).spaceProblem(settings_);
        !problem.isEmpty()) {
        return refuse(problem);
    }
    // The empty partial and its record make the queue itself survive a restart.
    QDir().mkpath(partialFolder(folder_));
    QFile part(partialDataPath(folder_, fileName));
    if (!part.open(QIODevice::WriteOnly | QIODevice::Truncate) || !savePartial(folder_, partial)) {
        return refuse(
            message(QT_TR_NOOP("Cannot write to %1: %2"),
                    {QDir::toNativeSeparators(partialFolder(folder_)), part.errorString()}));
    }
    part.close();
    beginInsertRows({}, count(), count());
    addJob(std::move(partial), Queued);
    endInsertRows();
    emit countChanged();
    schedule();
    return true;
}

void DownloadManager::pause(const QString& fileName) {
    const int row = indexOf(fileName);
    if (row < 0 || items_[row].state == Done || items_[row].state == Paused) {
        return;
    }
    items_[row].job->stop(true);
    setState(row, Paused);
    schedule();
}

void DownloadManager::resume(const QString& fileName) {
    const int row = indexOf(fileName);
    if (row < 0 || (items_[row].state != Paused && items_[row].state != Failed)) {
        return;
    }
    items_[row].failures = 0;
    setState(row, Queued);
    schedule();
}

void DownloadManager::retryModel(const QString& catalogId) {
    for (int row = 0; row < count(); ++row) {
        if (items_[row].state == Failed && items_[row].job->partial().catalogId == catalogId) {
            resume(items_[row].job->partial().fileName);
        }
    }
}

void DownloadManager::cancel(const QString& fileName) {
    const int row = indexOf(fileName);
    if (row < 0) {
        return;
    }
    items_[row].job->discard();
    removeRow(row);
    schedule();
}

void DownloadManager::pauseAll() {
    for (const Item& item : std::as_const(items_)) {
        if (item.state != Done && item.state != Failed) {
            pause(item.job->partial().fileName);
        }
    }
}

void DownloadManager::clearFinished() {
    for (int row = count() - 1; row >= 0; --row) {
        if (items_[row].state == Done) {
            removeRow(row);
        }
    }
}

int DownloadManager::indexOf(const QString& fileName) const {
    for (int row = 0; row < count(); ++row) {
        if (items_[row].job->partial().fileName == fileName) {
            return row;
        }
    }
    return -1;
}

int DownloadManager::activeCount() const {
    return int(std::count_if(items_.begin(), items_.end(), [](const Item& item) {
        return item.state == Downloading || item.state == Retrying || item.state == Verifying;
    }));
}

DownloadManager::State DownloadManager::state(const QString& fileName) const {
    const int row = indexOf(fileName);
    return row >= 0 ? items_[row].state : Failed;
}

QString DownloadManager::errorText(const QString& fileName) const {
    const int row = indexOf(fileName);
    return row >= 0 ? items_[row].error.toString() : QString();
}

TrText DownloadManager::message(const char* source, QList<TrText> args) {
    return TrText(staticMetaObject.className(), source, std::move(args));
}

void DownloadManager::addJob(PartialDownload partial, State state) {
    auto* job = new DownloadJob(folder_, std::move(partial), this);
    connect(job, &DownloadJob::progressed, this, [this, job] {
        if (const int row = rowOf(job); row >= 0) {
            emit dataChanged(index(row), index(row),
                             {BytesDoneRole, BytesTotalRole, ProgressRole, SpeedRole, EtaRole});
        }
    });
    connect(job, &DownloadJob::phaseChanged, this, [this, job] {
        const int row = rowOf(job);
        if (row >= 0 && job->phase() == DownloadJob::Phase::Verifying) {
            setState(row, Verifying);
        }
    });
    connect(job, &DownloadJob::finished, this,
            [this, job](DownloadJob::Outcome outcome) { onJobFinished(job, outcome); });
    items_.append(Item{job, state, 0, {}, false});
}

void DownloadManager::schedule() {
    for (int row = 0; row < count() && activeCount() < maxConcurrent_; ++row) {
        if (items_[row].state == Queued) {
            startItem(row);
        }
    }
}

void DownloadManager::startItem(int row) {
    DownloadJob* job = items_[row].job;
    if (const TrText problem = job->spaceProblem(settings_); !problem.isEmpty()) {
        setState(row, Failed, problem);
        emit downloadFailed(job->partial().fileName, problem.toString());
        return;
    }
    setState(row, Downloading, items_[row].error, items_[row].offline);
    job->start(network(), settings_); // may finish at once (verification only, or an error)
}

void DownloadManager::onJobFinished(DownloadJob* job, DownloadJob::Outcome outcome) {
    const int row = rowOf(job);
    if (row < 0) {
        return;
    }
    Item& item = items_[row];
    const QString fileName = job->partial().fileName;
    switch (outcome) {
    case DownloadJob::Outcome::Completed:
        item.failures = 0;
        setState(row, Done);
        emit downloadFinished(fileName, job->finalPath());
        break;
    case DownloadJob::Outcome::Fatal:
        setState(row, Failed, job->error());
        emit downloadFailed(fileName, job->error().toString());
        break;
    case DownloadJob::Outcome::Retry: {
        // Failures count in a row: an attempt that brought bytes resets the count, so a
        // flaky connection that keeps making progress is never given up on.
        item.failures = job->receivedThisAttempt() ? 1 : item.failures + 1;
        const bool offline = job->offline() && !job->receivedThisAttempt();
        const int limit =
            offline ? std::min(kOfflineAttempts, retryMaxAttempts_) : retryMaxAttempts_;
        if (item.failures > limit) {
            // Offline, the message already says what to do; otherwise how often it tried.
            const TrText error = offline ? job->error()
                                         : message(QT_TR_NOOP("%1 (gave up after %2 attempts)"),
                                                   {job->error(), QString::number(item.failures)});
            setState(row, Failed, error, offline);
            emit downloadFailed(fileName, error.toString());
        } else {
            setState(row, Retrying, job->error(), offline);
            retryLater(job);
        }
        break;
    }
    case DownloadJob::Outcome::Stopped:
        break;
    }
    QTimer::singleShot(0, this, &DownloadManager::schedule);
}

void DownloadManager::retryLater(DownloadJob* job) {
    const int failures = items_[rowOf(job)].failures;
    const qint64 delay =
        std::min<qint64>(qint64(retryInitialMs_) << std::min(failures - 1, 20), retryMaxMs_);
    QTimer::singleShot(int(delay), this, [this, guard = QPointer<DownloadJob>(job)] {
        const int row = guard ? rowOf(guard) : -1;
        if (row >= 0 && items_[row].state == Retrying) {
            setState(row, Downloading, items_[row].error, items_[row].offline);
            guard->start(network(), settings_);
        }
    });
}

void DownloadManager::setState(int row, State state, const TrText& error, bool offline) {
    Item& item = items_[row];
    item.state = state;
    item.error = error;
    item.offline = offline;
    emit dataChanged(
        index(row), index(row),
        {StateRole, ErrorRole, AttemptRole, SpeedRole, EtaRole, ProgressRole, OfflineRole});
    if (const int active = activeCount(); active != lastActiveCount_) {
        lastActiveCount_ = active;
        emit activeCountChanged();
    }
}

void DownloadManager::removeRow(int row) {
    DownloadJob* job = items_[row].job;
    disconnect(job, nullptr, this, nullptr);
    beginRemoveRows({}, row, row);
    items_.removeAt(row);
    endRemoveRows();
    job->deleteLater();
    emit countChanged();
    if (const int active = activeCount(); active != lastActiveCount_) {
        lastActiveCount_ = active;
        emit activeCountChanged();
    }
}

int DownloadManager::rowOf(const DownloadJob* job) const {
    for (int row = 0; row < count(); ++row) {
        if (items_[row].job == job) {
            return row;
        }
    }
    return -1;
}

QNetworkAccessManager* DownloadManager::network() {
    if (!network_) {
        network_ = new QNetworkAccessManager(this);
    }
    return network_;
}
