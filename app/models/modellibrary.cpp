#include "modellibrary.h"

#include "catalog.h"
#include "localpath.h"
#include "partialdownload.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStorageInfo>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>
#include <filesystem>

namespace {

// A file name from elsewhere made safe for the models folder: unusual characters become '-'.
QString safeName(const QString& name) {
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    QString out = name;
    out.replace(unsafe, QStringLiteral("-"));
    while (out.startsWith(QLatin1Char('.'))) {
        out.remove(0, 1);
    }
    return out;
}

qint64 folderBytes(const QString& path) {
    qint64 total = 0;
    for (QDirIterator it(path, QDir::Files | QDir::Hidden); it.hasNext();) {
        total += it.nextFileInfo().size();
    }
    return total;
}

} // namespace

ModelLibrary::ModelLibrary(QObject* parent) : QAbstractListModel(parent) {
    connect(&scan_, &QFutureWatcher<ScanResult>::finished, this, &ModelLibrary::onScanned);
    whenLanguageChanges(this, [this] {
        if (rowCount() > 0) {
            emit dataChanged(index(0), index(rowCount() - 1), {ProblemRole});
        }
    });
}

ModelLibrary::~ModelLibrary() {
    // Workers only touch their own copies of the inputs; waiting keeps shutdown orderly.
    scan_.waitForFinished();
    for (QFutureWatcher<ImportResult>* watcher : std::as_const(imports_)) {
        watcher->waitForFinished();
    }
}

int ModelLibrary::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant ModelLibrary::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const GgufInfo& m = models_[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return m.name;
    case PathRole:
        return m.path;
    case FileNameRole:
        return m.fileName;
    case ArchitectureRole:
        return m.architecture;
    case ParametersRole:
        return double(m.parameters); // QML numbers are doubles
    case QuantRole:
        return m.quant;
    case SizeRole:
        return m.sizeBytes;
    case ContextLengthRole:
        return m.contextLength;
    case HasChatTemplateRole:
        return m.hasChatTemplate;
    case RunnableRole:
        return m.runnable;
    case ProblemRole:
        return m.problem.toString();
    case ImportedRole:
        return !isInFolder(m.path);
    case SplitCountRole:
        return m.splitCount;
    case LicenseRole:
        return m.license;
    default:
        return {};
    }
}

QHash<int, QByteArray> ModelLibrary::roleNames() const {
    return {{PathRole, "path"},
            {FileNameRole, "fileName"},
            {NameRole, "name"},
            {ArchitectureRole, "architecture"},
            {ParametersRole, "parameters"},
            {QuantRole, "quant"},
            {SizeRole, "size"},
            {ContextLengthRole, "contextLength"},
            {HasChatTemplateRole, "hasChatTemplate"},
            {RunnableRole, "runnable"},
            {ProblemRole, "problem"},
            {ImportedRole, "imported"},
            {SplitCountRole, "splitCount"},
            {LicenseRole, "license"}};
}

void ModelLibrary::setFolder(const QString& folder) {
    const QString path = QDir::cleanPath(QDir(folder).absolutePath());
    if (path != folder_) {
        folder_ = path;
        emit folderChanged();
        rescan();
    }
}

void ModelLibrary::setImportedPaths(const QStringList& paths) {
    if (paths != imported_) {
        imported_ = paths;
        emit importedPathsChanged();
        rescan();
    }
}

void ModelLibrary::rescan() {
    if (scanInFlight_) {
        rescanPending_ = true; // the running scan may have missed the change
        return;
    }
    scanInFlight_ = true;
    scan_.setFuture(QtConcurrent::run(&ModelLibrary::scanFiles, folder_, imported_));
    emit scanningChanged();
}

ModelLibrary::ScanResult ModelLibrary::scanFiles(const QString& folder,
                                                 const QStringList& imported) {
    ScanResult result;
    QStringList paths;
    if (!folder.isEmpty()) {
        const QFileInfoList files =
            QDir(folder).entryInfoList({QStringLiteral("*.gguf")}, QDir::Files, QDir::Name);
        for (const QFileInfo& file : files) {
            result.diskUsage += file.size();
            // A split model is one row, listed under its first part present.
            const SplitParts parts = splitParts(file.filePath());
            const auto first = std::find_if(parts.paths.begin(), parts.paths.end(),
                                            [](const QString& p) { return QFileInfo::exists(p); });
            if (first != parts.paths.end() && *first == file.filePath()) {
                paths.append(file.filePath());
            }
        }
        result.diskUsage += folderBytes(partialFolder(folder));
        const QStorageInfo volume(folder);
        result.freeSpace = volume.isValid() ? volume.bytesAvailable() : -1;
    }
    for (const QString& path : imported) {
        if (!paths.contains(path)) {
            paths.append(path);
        }
    }
    for (const QString& path : std::as_const(paths)) {
        if (QFileInfo(path).isFile()) {
            result.models.append(inspectGguf(path));
        } else {
            GgufInfo missing;
            missing.path = path;
            missing.fileName = QFileInfo(path).fileName();
            missing.name = QFileInfo(path).completeBaseName();
            missing.problem = TrText(staticMetaObject.className(),
                                     QT_TR_NOOP("The file is no longer there. Was it moved or "
                                                "deleted?"));
            result.models.append(missing);
        }
    }
    return result;
}

void ModelLibrary::onScanned() {
    ScanResult result = scan_.result();
    const int before = count();
    beginResetModel();
    models_ = std::move(result.models);
    endResetModel();
    if (count() != before) {
        emit countChanged();
    }
    if (result.diskUsage != diskUsage_ || result.freeSpace != freeSpace_) {
        diskUsage_ = result.diskUsage;
        freeSpace_ = result.freeSpace;
        emit diskUsageChanged();
    }
    scanInFlight_ = false;
    if (rescanPending_) {
        rescanPending_ = false;
        rescan();
        return;
    }
    emit scanningChanged();
    emit scanFinished();
}

void ModelLibrary::importFile(const QString& pathOrUrl, bool copy) {
    const QString path = absoluteLocalPath(pathOrUrl);
    auto* watcher = new QFutureWatcher<ImportResult>(this);
    connect(watcher, &QFutureWatcher<ImportResult>::finished, this,
            [this, watcher] { onImported(watcher); });
    imports_.append(watcher);
    emit importingChanged();
    watcher->setFuture(QtConcurrent::run(&ModelLibrary::runImport, path, folder_, copy));
}

ModelLibrary::ImportResult ModelLibrary::runImport(const QString& source, const QString& folder,
                                                   bool copy) {
    const QFileInfo info(source);
    if (!info.isFile()) {
        return {false, tr("There is no file at %1.").arg(QDir::toNativeSeparators(source)), {}};
    }
    if (info.suffix().compare(QLatin1String("gguf"), Qt::CaseInsensitive) != 0) {
        return {false, tr("Only .gguf model files can be imported."), {}};
    }
    const GgufInfo gguf = inspectGguf(source);
    if (!gguf.valid) {
        return {false,
                tr("%1 cannot be imported: %2").arg(info.fileName(), gguf.problem.toString()),
                {}};
    }
    if (!copy) {
        return {true, tr("%1 was added; it stays where it is.").arg(gguf.name),
                info.absoluteFilePath()};
    }
    if (folder.isEmpty() || !QDir().mkpath(partialFolder(folder))) {
        return {false, tr("The models folder cannot be written to."), {}};
    }
    const QStringList parts = splitParts(source).paths;
    for (const QString& part : parts) {
        if (QFileInfo::exists(QDir(folder).filePath(safeName(QFileInfo(part).fileName())))) {
            return {false,
                    tr("%1 is already in the models folder.").arg(QFileInfo(part).fileName()),
                    {}};
        }
    }
    // Copied under a temporary name, then renamed: the library never sees half a file.
    for (const QString& part : parts) {
        const QString name = safeName(QFileInfo(part).fileName());
        const QString temporary =
            QDir(partialFolder(folder)).filePath(name + QStringLiteral(".import"));
        QFile::remove(temporary);
        std::error_code error;
        if (!QFile::copy(part, temporary)) {
            error = std::make_error_code(std::errc::io_error);
        } else {
            std::filesystem::rename(QFile::encodeName(temporary).toStdString(),
                                    QFile::encodeName(QDir(folder).filePath(name)).toStdString(),
                                    error);
        }
        if (error) {
            QFile::remove(temporary);
            return {false,
                    tr("Could not copy %1 into the models folder. Is there enough free space?")
                        .arg(QFileInfo(part).fileName()),
                    {}};
        }
    }
    return {true, tr("%1 was copied into the models folder.").arg(gguf.name), {}};
}

void ModelLibrary::onImported(QFutureWatcher<ImportResult>* watcher) {
    const ImportResult result = watcher->result();
    imports_.removeOne(watcher);
    watcher->deleteLater();
    if (result.ok && !result.referencedPath.isEmpty() && !isInFolder(result.referencedPath) &&
        !imported_.contains(result.referencedPath)) {
        imported_.append(result.referencedPath);
        emit importedPathsChanged();
    }
    emit importingChanged();
    if (result.ok) {
        rescan();
    }
    emit importFinished(result.ok, result.message);
}

bool ModelLibrary::remove(const QString& path) {
    if (imported_.contains(path)) {
        imported_.removeAll(path);
        emit importedPathsChanged();
        rescan();
        return true;
    }
    if (!isInFolder(path) || !QFileInfo(path).isFile()) {
        return false;
    }
    bool removed = true;
    for (const QString& part : splitParts(path).paths) {
        if (QFileInfo::exists(part)) {
            removed = QFile::remove(part) && removed;
        }
    }
    rescan();
    return removed;
}

QStringList ModelLibrary::runnablePaths() const {
    QStringList paths;
    for (const GgufInfo& info : models_) {
        if (info.runnable) {
            paths << info.path;
        }
    }
    return paths;
}

int ModelLibrary::indexOf(const QString& path) const {
    for (int row = 0; row < count(); ++row) {
        if (models_[row].path == path) {
            return row;
        }
    }
    return -1;
}

bool ModelLibrary::isInFolder(const QString& path) const {
    return !folder_.isEmpty() && QDir::cleanPath(QFileInfo(path).absolutePath()) == folder_;
}
