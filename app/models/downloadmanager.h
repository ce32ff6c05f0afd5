// The download queue as a list for QML: one row per file (a split model is several rows with
// the same catalogId). Runs a few downloads at once, retries network failures with
// exponential backoff (giving up after a few seconds when there is no network at all, so the
// user hears about it and can import a file instead), and keeps the queue in the models
// folder's .partial/ sidecars so that it resumes after the app restarts; a download that had
// failed still says so then.
//
// Security: https only, the server's certificate always verified, redirects only to https,
// and a file reaches the models folder only after its SHA-256 matched (see DownloadJob).
#pragma once

#include "downloadjob.h"
#include "trtext.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

class DownloadManager : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use ModelHub.downloads")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int activeCount READ activeCount NOTIFY activeCountChanged)
    Q_PROPERTY(
        int maxConcurrent READ maxConcurrent WRITE setMaxConcurrent NOTIFY maxConcurrentChanged)
    Q_PROPERTY(QString modelsFolder READ modelsFolder NOTIFY modelsFolderChanged)

public:
    enum State { Queued, Downloading, Paused, Retrying, Verifying, Done, Failed };
    Q_ENUM(State)

    enum Role {
        FileNameRole = Qt::UserRole + 1,
        CatalogIdRole,
        StateRole,
        BytesDoneRole,
        BytesTotalRole, // -1 while unknown
        ProgressRole,   // 0..1, -1 while unknown
        SpeedRole,      // bytes per second
        EtaRole,        // seconds left, -1 while unknown
        ErrorRole,      // the last error, for people (in the language in use)
        AttemptRole,    // failed attempts in a row
        OfflineRole,    // the last failure was no network connection at all
    };
    Q_ENUM(Role)

    struct Request {
        QUrl url;
        QString catalogId;
        qint64 size = -1; // from the catalog; -1 unknown
        bool sizeApproximate = false;
        QByteArray sha256; // from the catalog; may be empty
    };

    explicit DownloadManager(QNetworkAccessManager* network = nullptr, QObject* parent = nullptr);
    ~DownloadManager() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Switches to a models folder: stops transfers, then takes up its unfinished downloads.
    void setModelsFolder(const QString& folder);
    // Stops every transfer (keeping partial files and whether each was paused) and lets go
    // of the folder, so that it can be moved; setModelsFolder() takes the queue up again.
    void releaseFolder();
    QString modelsFolder() const { return folder_; }

    void setSslConfiguration(const QSslConfiguration& configuration);
    void setFreeSpaceProvider(std::function<qint64(const QString&)> provider);
    void setTransferTimeout(int milliseconds);
    // Retry delays double from `initialMs` up to `maxMs`; after `maxAttempts` failures in a
    // row without progress the download is marked failed.
    void setRetryPolicy(int initialMs, int maxMs, int maxAttempts);
    int maxConcurrent() const { return maxConcurrent_; }
    void setMaxConcurrent(int count);

    // Empty when `bytes` more fit in the models folder (with the safety margin), else a
    // message for people naming `what`.
    TrText spaceProblem(const QString& what, qint64 bytes) const;
    // Queues a download; false with a message when it cannot be queued.
    bool enqueue(const Request& request, TrText* error = nullptr);

    Q_INVOKABLE void pause(const QString& fileName);
    Q_INVOKABLE void resume(const QString& fileName); // also retries a failed download
    // Retries every failed file of a catalog entry (the first-run card's Retry).
    Q_INVOKABLE void retryModel(const QString& catalogId);
    // Stops and deletes the partial file (the UI asks for confirmation first).
    Q_INVOKABLE void cancel(const QString& fileName);
    Q_INVOKABLE void pauseAll();
    Q_INVOKABLE void clearFinished();
    Q_INVOKABLE int indexOf(const QString& fileName) const;

    int count() const { return int(items_.size()); }
    int activeCount() const;
    State state(const QString& fileName) const;
    QString errorText(const QString& fileName) const;

signals:
    void countChanged();
    void activeCountChanged();
    void maxConcurrentChanged();
    void modelsFolderChanged();
    void downloadFinished(const QString& fileName, const QString& path);
    void downloadFailed(const QString& fileName, const QString& message);

private:
    struct Item {
        DownloadJob* job = nullptr;
        State state = Queued;
        int failures = 0;
        TrText error;
        bool offline = false;
    };

    void dropAll();
    // Stops an item's transfer and keeps its record as the app quits or lets the folder go.
    static void keep(const Item& item);
    static TrText message(const char* source, QList<TrText> args = {});
    void addJob(PartialDownload partial, State state);
    void schedule();
    void startItem(int row);
    void onJobFinished(DownloadJob* job, DownloadJob::Outcome outcome);
    void retryLater(DownloadJob* job);
    void setState(int row, State state, const TrText& error = {}, bool offline = false);
    void removeRow(int row);
    int rowOf(const DownloadJob* job) const;
    QNetworkAccessManager* network();

    QString folder_;
    QList<Item> items_;
    QPointer<QNetworkAccessManager> network_;
    DownloadSettings settings_;
    int maxConcurrent_ = 2;
    int retryInitialMs_ = 1000;
    int retryMaxMs_ = 60000;
    int retryMaxAttempts_ = 8;
    // Without any network a few quick attempts tell enough: a dropped connection or a
    // captive portal usually answers within seconds of the first failure.
    static constexpr int kOfflineAttempts = 2;
    int lastActiveCount_ = 0;
};
