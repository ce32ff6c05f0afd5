// The installed models as a list for QML: every .gguf in the models folder (a split model as
// one row) plus files the user imported by reference, with their metadata read through the
// engine's GGUF reader on a worker thread, and models Hearth cannot run flagged with why.
// Also imports a local .gguf (copied in, or referenced where it is) and deletes models.
#pragma once

#include "ggufinspector.h"

#include <QAbstractListModel>
#include <QFutureWatcher>
#include <QList>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class ModelLibrary : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use ModelHub.library")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString folder READ folder NOTIFY folderChanged)
    Q_PROPERTY(bool scanning READ scanning NOTIFY scanningChanged)
    Q_PROPERTY(bool importing READ importing NOTIFY importingChanged)
    Q_PROPERTY(qint64 diskUsage READ diskUsage NOTIFY diskUsageChanged)
    Q_PROPERTY(qint64 freeSpace READ freeSpace NOTIFY diskUsageChanged)

public:
    enum Role {
        PathRole = Qt::UserRole + 1,
        FileNameRole,
        NameRole,
        ArchitectureRole,
        ParametersRole,
        QuantRole,
        SizeRole,
        ContextLengthRole,
        HasChatTemplateRole,
        RunnableRole,
        ProblemRole,  // why Hearth cannot run it, for people
        ImportedRole, // referenced where it is, outside the models folder
        SplitCountRole,
        LicenseRole, // general.license, when the file names one
    };
    Q_ENUM(Role)

    explicit ModelLibrary(QObject* parent = nullptr);
    ~ModelLibrary() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setFolder(const QString& folder); // rescans
    QString folder() const { return folder_; }
    // Files imported by reference (kept by ModelHub in the settings).
    QStringList importedPaths() const { return imported_; }
    void setImportedPaths(const QStringList& paths); // rescans

    int count() const { return int(models_.size()); }
    bool scanning() const { return scanInFlight_; }
    bool importing() const { return !imports_.isEmpty(); }
    qint64 diskUsage() const { return diskUsage_; } // bytes of models and partial downloads
    qint64 freeSpace() const { return freeSpace_; }
    const QList<GgufInfo>& models() const { return models_; }

    Q_INVOKABLE void rescan();
    // Checks the file on a worker thread, then copies it into the models folder (`copy`) or
    // remembers where it is. Accepts a path or a file:// URL. Emits importFinished.
    Q_INVOKABLE void importFile(const QString& pathOrUrl, bool copy);
    // Deletes a model in the models folder (every part of a split model); for a model
    // imported by reference, forgets it and leaves the user's file alone.
    Q_INVOKABLE bool remove(const QString& path);
    Q_INVOKABLE int indexOf(const QString& path) const;
    // The models Hearth can run, in list order (for choosing one to load).
    Q_INVOKABLE QStringList runnablePaths() const;

signals:
    void countChanged();
    void folderChanged();
    void scanningChanged();
    void importingChanged();
    void diskUsageChanged();
    void importedPathsChanged();
    void scanFinished();
    void importFinished(bool ok, const QString& message);

private:
    struct ScanResult {
        QList<GgufInfo> models;
        qint64 diskUsage = 0;
        qint64 freeSpace = -1;
    };
    struct ImportResult {
        bool ok = false;
        QString message;
        QString referencedPath; // set when the file stays where it is
    };

    static ScanResult scanFiles(const QString& folder, const QStringList& imported);
    static ImportResult runImport(const QString& source, const QString& folder, bool copy);
    void onScanned();
    void onImported(QFutureWatcher<ImportResult>* watcher);
    bool isInFolder(const QString& path) const;

    QString folder_;
    QStringList imported_;
    QList<GgufInfo> models_;
    qint64 diskUsage_ = 0;
    qint64 freeSpace_ = -1;
    QFutureWatcher<ScanResult> scan_;
    bool scanInFlight_ = false; // until onScanned() has applied the result
    bool rescanPending_ = false;
    QList<QFutureWatcher<ImportResult>*> imports_;
};
