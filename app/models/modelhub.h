// Everything about models in one QML singleton: the catalog, the download queue and the
// installed-model library, sharing one models folder (QStandardPaths::AppDataLocation/models
// by default, changeable by moving the files or by re-scanning another folder).
//
// Settings (QSettings): models/folder (path), models/imported (paths imported by reference).
#pragma once

#include "catalogmodel.h"
#include "downloadmanager.h"
#include "huggingface.h"
#include "modellibrary.h"
#include "networklog.h"
#include "trtext.h"

#include <QFutureWatcher>
#include <QObject>
#include <QtQml/qqmlregistration.h>

class QJSEngine;
class QQmlEngine;
class QSettings;

class ModelHub : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(CatalogModel* catalog READ catalog CONSTANT)
    Q_PROPERTY(DownloadManager* downloads READ downloads CONSTANT)
    Q_PROPERTY(ModelLibrary* library READ library CONSTANT)
    Q_PROPERTY(NetworkLog* networkLog READ networkLog CONSTANT)
    Q_PROPERTY(HuggingFace* huggingFace READ huggingFace CONSTANT)
    Q_PROPERTY(QString modelsFolder READ modelsFolder NOTIFY modelsFolderChanged)
    Q_PROPERTY(bool movingFolder READ movingFolder NOTIFY movingFolderChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    // This computer's memory read bandwidth in GB/s (0 until measured): the speed estimates.
    Q_PROPERTY(double readBandwidth READ readBandwidth NOTIFY readBandwidthChanged)

public:
    struct Options {
        QString dataFolder;   // empty: QStandardPaths::AppDataLocation
        QString settingsFile; // empty: AppInfo::settingsFile()
        QString builtInCatalog = CatalogModel::kBuiltInPath;
        // Empty: networkLog()'s manager, which records every request for the privacy page.
        QNetworkAccessManager* network = nullptr;
        // Measure the memory bandwidth (once per processor) to estimate each model's speed.
        bool measureSpeed = true;
    };

    explicit ModelHub(QObject* parent = nullptr);
    explicit ModelHub(const Options& options, QObject* parent = nullptr);
    ~ModelHub() override;
    static ModelHub* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

    CatalogModel* catalog() const { return catalog_; }
    DownloadManager* downloads() const { return downloads_; }
    ModelLibrary* library() const { return library_; }
    NetworkLog* networkLog() const { return networkLog_; }
    HuggingFace* huggingFace() const { return huggingFace_; }
    QString modelsFolder() const { return folder_; }
    bool movingFolder() const { return moving_; }
    QString lastError() const { return lastError_.toString(); }
    double readBandwidth() const;
    // The catalog's recommended sampling for a model file (none when the catalog does not
    // list it).
    hearth::SamplingValues recommendedSampling(const QString& fileName) const;

    // Queues every file of a catalog entry. Refused (false, lastError) for an unknown entry,
    // one the engine cannot run yet ("coming soon"), or one that does not fit on the disk.
    // `licenseAccepted`: the user accepted the terms of a licence that asks for it (Gemma's);
    // without that such a model is not downloaded.
    Q_INVOKABLE bool download(const QString& catalogId, bool licenseAccepted = false);
    // How many files of a catalog entry are in the download queue.
    Q_INVOKABLE int downloadsOf(const QString& catalogId) const;
    // Uses another models folder: `moveExisting` moves the models and unfinished downloads
    // there (on a worker thread); otherwise the new folder is only scanned. Accepts a path or
    // a file:// URL. Emits folderChangeFinished.
    Q_INVOKABLE void setModelsFolder(const QString& pathOrUrl, bool moveExisting);

signals:
    void modelsFolderChanged();
    void movingFolderChanged();
    void lastErrorChanged();
    void readBandwidthChanged();
    void folderChangeFinished(bool ok, const QString& message);

private:
    struct MoveResult {
        bool ok = true;
        QString message;
    };
    static MoveResult moveModels(const QString& from, const QString& to);
    void useFolder(const QString& folder);
    void onMoved(const QString& target);
    void setLastError(const TrText& message);
    static TrText message(const char* source, QList<TrText> args = {});

    QSettings* settings_ = nullptr;
    CatalogModel* catalog_ = nullptr;
    class MachineSpeed* speed_ = nullptr;
    DownloadManager* downloads_ = nullptr;
    ModelLibrary* library_ = nullptr;
    NetworkLog* networkLog_ = nullptr;
    HuggingFace* huggingFace_ = nullptr;
    QString folder_;
    TrText lastError_;
    QFutureWatcher<MoveResult> move_;
    bool moving_ = false; // until onMoved() has switched to the new folder
};
