#include "collectionmanager.h"

#include "bm25retriever.h"
#include "indexworker.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QSettings>
#include <QThread>
#include <QUuid>

using namespace hearth::collections;

namespace {

constexpr int kSettleMs = 1500;
constexpr int kRescanMs = 5 * 60 * 1000;
// inotify watches are a shared, limited resource (8192 per user by default on many
// systems): past this many folders, the periodic pass alone notices changes.
constexpr int kMaxWatchedFolders = 2000;

} // namespace

CollectionManager::CollectionManager(QSettings* settings, QObject* parent)
    : QAbstractListModel(parent), settings_(settings) {
    const int n = settings_->beginReadArray(QStringLiteral("collections"));
    for (int i = 0; i < n; ++i) {
        settings_->setArrayIndex(i);
        Row row;
        row.uuid = settings_->value(QStringLiteral("uuid")).toString();
        row.name = settings_->value(QStringLiteral("name")).toString();
        row.folder = settings_->value(QStringLiteral("folder")).toString();
        if (!row.uuid.isEmpty() && !row.folder.isEmpty()) {
            rows_.append(row);
        }
    }
    settings_->endArray();
    settle_.setSingleShot(true);
    settle_.setInterval(kSettleMs);
    connect(&settle_, &QTimer::timeout, this, [this] {
        for (const QString& uuid : std::as_const(changedCollections_)) {
            if (const int row = rowOf(uuid); row >= 0) {
                queue(row);
            }
        }
        changedCollections_.clear();
    });
    rescan_.setInterval(kRescanMs);
    connect(&rescan_, &QTimer::timeout, this, [this] {
        for (int row = 0; row < count(); ++row) {
            queue(row);
        }
    });
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, this,
            &CollectionManager::onDirectoryChanged);
}

CollectionManager::~CollectionManager() {
    if (thread_) {
        worker_->cancelThrough(nextJob_);
        thread_->quit();
        thread_->wait();
    }
}

void CollectionManager::start(const QString& indexPath, Extractor extractor) {
    if (thread_ || indexPath.isEmpty()) {
        return;
    }
    indexPath_ = indexPath;
    thread_ = new QThread(this);
    thread_->setObjectName(QStringLiteral("Indexing"));
    worker_ = new IndexWorker(indexPath, std::move(extractor));
    worker_->moveToThread(thread_);
    connect(thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &IndexWorker::progress, this, &CollectionManager::onProgress);
    connect(worker_, &IndexWorker::finished, this, &CollectionManager::onFinished);
    connect(worker_, &IndexWorker::failed, this, &CollectionManager::onFailed);
    thread_->start(QThread::LowPriority);
    for (int row = 0; row < count(); ++row) {
        refreshTotals(row);
        watch(rows_[row]);
        queue(row);
    }
    rescan_.start();
}

int CollectionManager::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant CollectionManager::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& r = rows_[index.row()];
    switch (role) {
    case UuidRole:
        return r.uuid;
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case FolderRole:
        return r.folder;
    case StateRole:
        return QVariant::fromValue(r.state);
    case FilesDoneRole:
        return r.progress.filesDone;
    case FilesTotalRole:
        return r.progress.filesTotal;
    case PagesDoneRole:
        return r.progress.pagesDone;
    case SecondsLeftRole:
        return r.progress.secondsLeft;
    case FilesRole:
        return r.totals.files - r.totals.failed;
    case PagesRole:
        return r.totals.pages;
    case FailedFilesRole:
        return r.totals.failed;
    case ErrorRole:
        return r.error;
    case EnabledRole:
        return enabled_.contains(r.uuid);
    default:
        return {};
    }
}

QHash<int, QByteArray> CollectionManager::roleNames() const {
    return {{UuidRole, "uuid"},
            {NameRole, "name"},
            {FolderRole, "folder"},
            {StateRole, "state"},
            {FilesDoneRole, "filesDone"},
            {FilesTotalRole, "filesTotal"},
            {PagesDoneRole, "pagesDone"},
            {SecondsLeftRole, "secondsLeft"},
            {FilesRole, "files"},
            {PagesRole, "pages"},
            {FailedFilesRole, "failedFiles"},
            {ErrorRole, "error"},
            {EnabledRole, "enabled"}};
}

bool CollectionManager::indexing() const {
    return std::any_of(rows_.begin(), rows_.end(), [](const Row& r) {
        return r.state == State::Queued || r.state == State::Indexing;
    });
}

QString CollectionManager::folderPath(const QUrl& url) const {
    return url.isLocalFile() ? url.toLocalFile() : url.toString();
}

QString CollectionManager::add(const QString& folder, const QString& name) {
    const QUrl url(folder);
    const QString path =
        QFileInfo(url.isLocalFile() ? url.toLocalFile() : folder).absoluteFilePath();
    if (!QFileInfo(path).isDir()) {
        return {};
    }
    Row row;
    row.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    row.name = name.trimmed().isEmpty() ? QFileInfo(path).fileName() : name.trimmed();
    row.folder = path;
    beginInsertRows({}, count(), count());
    rows_.append(row);
    endInsertRows();
    save();
    emit countChanged();
    if (thread_) {
        watch(rows_.last());
        queue(count() - 1);
    }
    return row.uuid;
}

void CollectionManager::rename(const QString& uuid, const QString& name) {
    const int row = rowOf(uuid);
    if (row < 0 || name.trimmed().isEmpty()) {
        return;
    }
    rows_[row].name = name.trimmed();
    changed(row, {NameRole, Qt::DisplayRole});
    save();
}

void CollectionManager::remove(const QString& uuid) {
    const int row = rowOf(uuid);
    if (row < 0) {
        return;
    }
    if (worker_) {
        worker_->cancelThrough(rows_[row].job);
        QMetaObject::invokeMethod(worker_, &IndexWorker::forget, Qt::QueuedConnection, uuid);
    }
    beginRemoveRows({}, row, row);
    rows_.removeAt(row);
    endRemoveRows();
    save();
    emit countChanged();
    emit indexingChanged();
    if (enabled_.removeAll(uuid) > 0) {
        emit enabledChanged();
        emit enabledEdited(enabled_);
    }
}

void CollectionManager::reindex(const QString& uuid) {
    if (const int row = rowOf(uuid); row >= 0) {
        queue(row);
    }
}

void CollectionManager::cancel(const QString& uuid) {
    const int row = rowOf(uuid);
    if (row < 0 || rows_[row].job == 0 || !worker_) {
        return;
    }
    worker_->cancelThrough(rows_[row].job);
    rows_[row].again = false;
}

void CollectionManager::setEnabled(const QString& uuid, bool on) {
    if (rowOf(uuid) < 0 || enabled_.contains(uuid) == on) {
        return;
    }
    if (on) {
        enabled_.append(uuid);
    } else {
        enabled_.removeAll(uuid);
    }
    changed(rowOf(uuid), {EnabledRole});
    emit enabledChanged();
    emit enabledEdited(enabled_);
}

void CollectionManager::showEnabled(const QStringList& uuids) {
    QStringList known;
    for (const QString& uuid : uuids) {
        if (rowOf(uuid) >= 0) {
            known.append(uuid);
        }
    }
    if (known == enabled_) {
        return;
    }
    enabled_ = known;
    if (count() > 0) {
        emit dataChanged(index(0), index(count() - 1), {EnabledRole});
    }
    emit enabledChanged();
}

QStringList CollectionManager::namesOf(const QStringList& uuids) const {
    QStringList names;
    for (const QString& uuid : uuids) {
        if (const int row = rowOf(uuid); row >= 0) {
            names.append(rows_[row].name);
        }
    }
    return names;
}

IndexDatabase* CollectionManager::readIndex() {
    if (!reader_ && !indexPath_.isEmpty()) {
        if (auto db = IndexDatabase::open(indexPath_)) {
            reader_ = std::make_unique<IndexDatabase>(std::move(*db));
        }
    }
    return reader_.get();
}

hearth::Result<QList<Passage>>
CollectionManager::retrieve(const QString& question, const QStringList& uuids, int tokenBudget) {
    IndexDatabase* index = readIndex();
    if (!index) {
        return hearth::Error{"the document index cannot be opened"};
    }
    Bm25Retriever retriever(*index);
    RetrievalQuery query;
    query.text = question;
    query.collections = uuids;
    query.tokenBudget = tokenBudget;
    return retriever.retrieve(query);
}

int CollectionManager::rowOf(const QString& uuid) const {
    for (int i = 0; i < count(); ++i) {
        if (rows_[i].uuid == uuid) {
            return i;
        }
    }
    return -1;
}

void CollectionManager::changed(int row, const QList<int>& roles) {
    if (row >= 0) {
        emit dataChanged(index(row), index(row), roles);
    }
}

void CollectionManager::save() {
    settings_->beginWriteArray(QStringLiteral("collections"), count());
    for (int i = 0; i < count(); ++i) {
        settings_->setArrayIndex(i);
        settings_->setValue(QStringLiteral("uuid"), rows_[i].uuid);
        settings_->setValue(QStringLiteral("name"), rows_[i].name);
        settings_->setValue(QStringLiteral("folder"), rows_[i].folder);
    }
    settings_->endArray();
}

void CollectionManager::queue(int row) {
    Row& r = rows_[row];
    if (!worker_) {
        return;
    }
    if (r.job != 0) {
        r.again = r.state == State::Indexing; // a queued pass will see the change anyway
        return;
    }
    r.job = nextJob_++;
    r.state = State::Queued;
    r.error.clear();
    r.progress = {};
    changed(row);
    emit indexingChanged();
    QMetaObject::invokeMethod(worker_, &IndexWorker::index, Qt::QueuedConnection, r.job, r.uuid,
                              r.folder);
}

void CollectionManager::watch(const Row& row) {
    // The folder and its sub-folders, without following links (as the pass reads them).
    QStringList folders{row.folder};
    QDirIterator it(row.folder, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext() && watcher_.directories().size() + folders.size() < kMaxWatchedFolders) {
        it.next();
        if (!it.fileInfo().isSymLink()) {
            folders.append(it.filePath());
        }
    }
    watcher_.addPaths(folders); // ones already watched are skipped quietly
}

void CollectionManager::onDirectoryChanged(const QString& path) {
    for (const Row& r : std::as_const(rows_)) {
        if (path == r.folder || path.startsWith(r.folder + QLatin1Char('/'))) {
            changedCollections_.insert(r.uuid);
            watch(r); // new sub-folders
        }
    }
    settle_.start();
}

void CollectionManager::onProgress(quint64 job, const IndexProgress& progress) {
    const int row = rowOf(progress.collection);
    if (row < 0 || rows_[row].job != job) {
        return;
    }
    rows_[row].state = State::Indexing;
    rows_[row].progress = progress;
    changed(row, {StateRole, FilesDoneRole, FilesTotalRole, PagesDoneRole, SecondsLeftRole});
}

void CollectionManager::onFinished(quint64 job, const QString& uuid, const IndexSummary& summary) {
    const int row = rowOf(uuid);
    if (row >= 0 && rows_[row].job == job) {
        Row& r = rows_[row];
        r.job = 0;
        r.state = State::Idle;
        r.progress = {};
        refreshTotals(row);
        changed(row);
        if (r.again) {
            r.again = false;
            queue(row);
        }
    }
    emit indexingChanged();
    emit passFinished(uuid, summary);
}

void CollectionManager::onFailed(quint64 job, const QString& uuid, const QString& error) {
    const int row = rowOf(uuid);
    if (row >= 0 && rows_[row].job == job) {
        rows_[row].job = 0;
        rows_[row].again = false;
        rows_[row].state = State::Failed;
        rows_[row].error = error;
        changed(row);
    }
    emit indexingChanged();
    IndexSummary failed;
    failed.cancelled = true;
    emit passFinished(uuid, failed);
}

void CollectionManager::refreshTotals(int row) {
    if (IndexDatabase* index = readIndex()) {
        if (auto totals = index->totals(rows_[row].uuid)) {
            rows_[row].totals = *totals;
        }
    }
}
