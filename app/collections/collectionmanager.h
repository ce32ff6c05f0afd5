// The user's document collections, for QML (ChatController.collections): a list model of
// the folders the user added, each with its indexing state and progress, and the actions
// of the Collections settings (add, rename, remove, index again, cancel). It owns the
// indexing thread (IndexWorker) and a QFileSystemWatcher over each collection's folders:
// a change queues a pass a moment later, and a pass every few minutes catches what the
// watcher misses (file contents changing in place, folders beyond the watch limit, network
// file systems). Passes only re-read what changed (FolderIndexer).
//
// Collections are kept in QSettings (array "collections": uuid, name, folder); the index is
// a cache beside the conversation database. Which collections a conversation searches is
// the conversation's (ChatController stores it); `enabled` is the open conversation's set.
// Retrieval runs on the GUI thread through its own read connection (well under 50 ms).
#pragma once

#include "folderindexer.h"
#include "indexdatabase.h"
#include "retriever.h"

#include <QAbstractListModel>
#include <QFileSystemWatcher>
#include <QHash>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>
#include <memory>

class QSettings;
class QThread;
namespace hearth::collections {
class IndexWorker;
}

class CollectionManager : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use ChatController.collections")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool indexing READ indexing NOTIFY indexingChanged)
    // The uuids the open conversation searches (of the next one while none is open).
    Q_PROPERTY(QStringList enabled READ enabled NOTIFY enabledChanged)

public:
    enum Role {
        UuidRole = Qt::UserRole + 1,
        NameRole,
        FolderRole,
        StateRole,       // State
        FilesDoneRole,   // of the pass running
        FilesTotalRole,  // of the pass running
        PagesDoneRole,   // pages read in the pass running
        SecondsLeftRole, // of the pass running; -1 not known yet
        FilesRole,       // indexed files (after the last pass)
        PagesRole,
        FailedFilesRole, // files that could not be read
        ErrorRole,       // why the last pass failed (the folder is gone, ...)
        EnabledRole,     // the open conversation searches it
    };
    Q_ENUM(Role)
    enum class State { Idle, Queued, Indexing, Failed };
    Q_ENUM(State)

    CollectionManager(QSettings* settings, QObject* parent = nullptr);
    ~CollectionManager() override;

    // Where the index lives; starts the watchers and a first pass over every collection.
    // `extractor` reads documents (tests pass their own).
    void start(const QString& indexPath, hearth::collections::Extractor extractor);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(rows_.size()); }
    bool indexing() const;
    QStringList enabled() const { return enabled_; }

    // `folder`: a path or a file:// URL. `name` empty: the folder's name. Returns the new
    // collection's uuid, or "" when the folder does not exist.
    Q_INVOKABLE QString add(const QString& folder, const QString& name = {});
    Q_INVOKABLE void rename(const QString& uuid, const QString& name);
    Q_INVOKABLE void remove(const QString& uuid);
    Q_INVOKABLE void reindex(const QString& uuid);
    Q_INVOKABLE void cancel(const QString& uuid);
    // Turns searching a collection on or off for the open conversation.
    Q_INVOKABLE void setEnabled(const QString& uuid, bool on);
    Q_INVOKABLE QString folderPath(const QUrl& url) const;

    // For ChatController: the open conversation's set (no enabledChanged-triggered write).
    void showEnabled(const QStringList& uuids);
    QStringList namesOf(const QStringList& uuids) const;
    hearth::Result<QList<hearth::collections::Passage>>
    retrieve(const QString& question, const QStringList& uuids, int tokenBudget);
    // How often a pass runs without a change seen (tests shorten it).
    void setRescanInterval(int ms) { rescan_.setInterval(ms); }

signals:
    void countChanged();
    void indexingChanged();
    void enabledChanged();
    // The user changed the open conversation's set (ChatController stores it).
    void enabledEdited(const QStringList& uuids);
    // A pass ended (tests wait for it).
    void passFinished(const QString& uuid, const hearth::collections::IndexSummary& summary);

private:
    struct Row {
        QString uuid;
        QString name;
        QString folder;
        State state = State::Idle;
        hearth::collections::IndexProgress progress;
        hearth::collections::IndexTotals totals;
        QString error;
        quint64 job = 0;    // the pass queued or running, 0 none
        bool again = false; // a change arrived during the pass: run another
    };
    int rowOf(const QString& uuid) const;
    void changed(int row, const QList<int>& roles = {});
    void save();
    void queue(int row);
    void watch(const Row& row);
    void onDirectoryChanged(const QString& path);
    void onProgress(quint64 job, const hearth::collections::IndexProgress& progress);
    void onFinished(quint64 job, const QString& uuid,
                    const hearth::collections::IndexSummary& summary);
    void onFailed(quint64 job, const QString& uuid, const QString& error);
    void refreshTotals(int row);
    hearth::collections::IndexDatabase* readIndex();

    QSettings* settings_ = nullptr;
    QList<Row> rows_;
    QStringList enabled_;
    QString indexPath_;
    QThread* thread_ = nullptr;
    hearth::collections::IndexWorker* worker_ = nullptr;
    std::unique_ptr<hearth::collections::IndexDatabase> reader_;
    QFileSystemWatcher watcher_;
    QSet<QString> changedCollections_;
    QTimer settle_; // a burst of changes makes one pass
    QTimer rescan_;
    quint64 nextJob_ = 1;
};
