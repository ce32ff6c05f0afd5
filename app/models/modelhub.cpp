#include "modelhub.h"

#include "appinfo.h"
#include "localpath.h"
#include "machinespeed.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>
#include <filesystem>
#include <utility>

namespace {

const QString kFolderKey = QStringLiteral("models/folder");
const QString kImportedKey = QStringLiteral("models/imported");

// Moves one file: rename(2) when both folders share a file system, else copy then delete.
bool moveFile(const QString& from, const QString& to) {
    std::error_code error;
    std::filesystem::rename(QFile::encodeName(from).toStdString(),
                            QFile::encodeName(to).toStdString(), error);
    if (!error) {
        return true;
    }
    const QString temporary = to + QStringLiteral(".moving");
    if (!QFile::copy(from, temporary)) {
        QFile::remove(temporary);
        return false;
    }
    std::filesystem::rename(QFile::encodeName(temporary).toStdString(),
                            QFile::encodeName(to).toStdString(), error);
    if (error) {
        QFile::remove(temporary);
        return false;
    }
    return QFile::remove(from);
}

} // namespace

ModelHub::ModelHub(QObject* parent) : ModelHub(Options{}, parent) {}

double ModelHub::readBandwidth() const {
    return speed_->readBandwidth();
}

ModelHub::ModelHub(const Options& options, QObject* parent) : QObject(parent) {
    const QString data = options.dataFolder.isEmpty()
                             ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                             : options.dataFolder;
    settings_ = AppInfo::settings(options.settingsFile, this);

    catalog_ = new CatalogModel(this);
    catalog_->setCachePath(QDir(data).filePath(QStringLiteral("catalog.json")));
    catalog_->setRefreshUrl(QUrl(QStringLiteral(HEARTH_CATALOG_URL)));
    networkLog_ = new NetworkLog(this);
    QNetworkAccessManager* network =
        options.network != nullptr ? options.network : networkLog_->manager();
    catalog_->setNetworkAccessManager(network);
    catalog_->load(options.builtInCatalog);
    downloads_ = new DownloadManager(network, this);
    huggingFace_ = new HuggingFace(new HfClient(network, this), downloads_, this);
    speed_ = new MachineSpeed(settings_, this);
    connect(speed_, &MachineSpeed::measured, this, [this] {
        catalog_->setReadBandwidth(speed_->readBandwidth());
        huggingFace_->files()->setMemory(systemMemory(), speed_->readBandwidth());
        emit readBandwidthChanged();
    });
    if (options.measureSpeed) {
        speed_->measure();
    }

    whenLanguageChanges(this, [this] { emit lastErrorChanged(); });
    library_ = new ModelLibrary(this);
    library_->setImportedPaths(settings_->value(kImportedKey).toStringList());
    connect(library_, &ModelLibrary::importedPathsChanged, this,
            [this] { settings_->setValue(kImportedKey, library_->importedPaths()); });
    connect(downloads_, &DownloadManager::downloadFinished, library_, &ModelLibrary::rescan);
    connect(&move_, &QFutureWatcher<MoveResult>::finished, this,
            [this] { onMoved(move_.property("target").toString()); });

    const QString folder =
        settings_->value(kFolderKey, QDir(data).filePath(QStringLiteral("models"))).toString();
    useFolder(folder);
}

ModelHub::~ModelHub() {
    move_.waitForFinished();
    // The network's users go before the network: children are deleted in the order they
    // were made, and the network log's manager (made before them) owns their replies, so a
    // download under way would drop a reply already deleted with it. Deleted here, the
    // downloads save their state (bytes, sidecar) and abort their replies first.
    delete std::exchange(huggingFace_, nullptr);
    delete std::exchange(downloads_, nullptr);
}

ModelHub* ModelHub::create(QQmlEngine*, QJSEngine*) {
    return new ModelHub();
}

int ModelHub::downloadsOf(const QString& catalogId) const {
    int files = 0;
    for (int row = 0; row < downloads_->count(); ++row) {
        const QModelIndex index = downloads_->index(row);
        files += downloads_->data(index, DownloadManager::CatalogIdRole).toString() == catalogId;
    }
    return files;
}

hearth::SamplingValues ModelHub::recommendedSampling(const QString& fileName) const {
    const CatalogEntry* entry = catalog_->catalog().findFile(fileName);
    return entry != nullptr ? entry->sampling : hearth::SamplingValues{};
}

bool ModelHub::download(const QString& catalogId, bool licenseAccepted) {
    const CatalogEntry* entry = catalog_->catalog().find(catalogId);
    if (entry == nullptr) {
        setLastError(message(QT_TR_NOOP("The model catalog has no model \"%1\"."), {catalogId}));
        return false;
    }
    if (!entry->runnable()) {
        setLastError(message(QT_TR_NOOP("%1 is coming soon: this version of Hearth cannot run "
                                        "%2 models yet."),
                             {entry->name, entry->architecture}));
        return false;
    }
    if (entry->licenseRequiresAcceptance && !licenseAccepted) {
        setLastError(
            tr("To download %1, first accept the %2.").arg(entry->name, entry->licenseName));
        return false;
    }
    // All parts of a split model must fit together, not just each on its own.
    if (const TrText problem = downloads_->spaceProblem(entry->name, entry->totalSize());
        !problem.isEmpty()) {
        setLastError(problem);
        return false;
    }
    QStringList queued;
    for (const CatalogFile& file : entry->files) {
        TrText error;
        const bool ok = downloads_->enqueue(
            {file.url, entry->id, file.size, file.sizeApproximate, file.sha256}, &error);
        if (!ok) {
            // Half a split model is of no use: take back the parts already queued.
            for (const QString& name : std::as_const(queued)) {
                downloads_->cancel(name);
            }
            setLastError(error);
            return false;
        }
        queued.append(file.fileName);
    }
    setLastError({});
    return true;
}

void ModelHub::setModelsFolder(const QString& pathOrUrl, bool moveExisting) {
    const QString target = absoluteLocalPath(pathOrUrl);
    if (moving_) {
        emit folderChangeFinished(false, tr("The models are still being moved."));
        return;
    }
    if (target == folder_) {
        emit folderChangeFinished(true, {});
        return;
    }
    if (!QDir().mkpath(target) || !QFileInfo(target).isWritable()) {
        const TrText problem = message(QT_TR_NOOP("Hearth cannot write to %1. Choose another "
                                                  "folder."),
                                       {QDir::toNativeSeparators(target)});
        setLastError(problem);
        emit folderChangeFinished(false, problem.toString());
        return;
    }
    if (!moveExisting) {
        useFolder(target);
        emit folderChangeFinished(true, {});
        return;
    }
    downloads_->releaseFolder(); // nothing may write into the old folder while it moves
    moving_ = true;
    move_.setProperty("target", target);
    move_.setFuture(QtConcurrent::run(&ModelHub::moveModels, folder_, target));
    emit movingFolderChanged();
}

ModelHub::MoveResult ModelHub::moveModels(const QString& from, const QString& to) {
    MoveResult result;
    QStringList skipped;
    // Models first, then unfinished downloads (.partial/): bytes and sidecars move together.
    for (const QString& sub : {QString(), QStringLiteral(".partial")}) {
        const QDir source(QDir(from).filePath(sub));
        const QDir target(QDir(to).filePath(sub));
        if (!source.exists()) {
            continue;
        }
        QDir().mkpath(target.path());
        const QStringList names = sub.isEmpty()
                                      ? source.entryList({QStringLiteral("*.gguf")}, QDir::Files)
                                      : source.entryList(QDir::Files | QDir::Hidden);
        for (const QString& name : names) {
            if (QFileInfo::exists(target.filePath(name)) ||
                !moveFile(source.filePath(name), target.filePath(name))) {
                skipped.append(name);
            }
        }
    }
    if (!skipped.isEmpty()) {
        result.ok = false;
        result.message =
            tr("Some files could not be moved and stayed in %1: %2")
                .arg(QDir::toNativeSeparators(from), skipped.join(QStringLiteral(", ")));
    }
    return result;
}

void ModelHub::onMoved(const QString& target) {
    const MoveResult result = move_.result();
    moving_ = false;
    useFolder(target);
    emit movingFolderChanged();
    setLastError(result.message);
    emit folderChangeFinished(result.ok, result.message);
}

void ModelHub::useFolder(const QString& folder) {
    folder_ = QDir::cleanPath(QDir(folder).absolutePath());
    QDir().mkpath(folder_);
    settings_->setValue(kFolderKey, folder_);
    downloads_->setModelsFolder(folder_);
    library_->setFolder(folder_);
    emit modelsFolderChanged();
}

void ModelHub::setLastError(const TrText& message) {
    if (!(message == lastError_)) {
        lastError_ = message;
        emit lastErrorChanged();
    }
}

TrText ModelHub::message(const char* source, QList<TrText> args) {
    return TrText(staticMetaObject.className(), source, std::move(args));
}
