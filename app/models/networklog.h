// Every network request the app made this session, for the privacy page: when, what
// (download, catalog refresh) and where to. Requests are recorded by the network access
// manager that downloads and the catalog share (NetworkLog::manager()), as they are made,
// so the log cannot miss one. Nothing else in Hearth talks to the network (QML's own access
// is refused: see offlinenetwork.h). Requests that other programs made to the local API server
// (app/server), when it is on, are listed too, with the status answered (never their content).
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

class QNetworkAccessManager;

class NetworkLog : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use ModelHub.networkLog")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role { TimeRole = Qt::UserRole + 1, MethodRole, UrlRole, HostRole, StatusRole };
    Q_ENUM(Role)

    explicit NetworkLog(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(entries_.size()); }

    // The manager to make requests with; each one it starts is added to the log.
    QNetworkAccessManager* manager() const { return manager_; }
    void record(const QByteArray& method, const QUrl& url);
    // A request the local API server answered: its address on this computer and the HTTP
    // status (StatusRole; 0 for the app's own requests).
    void recordServed(const QString& method, const QUrl& url, int status, const QDateTime& time);

signals:
    void countChanged();

private:
    struct Entry {
        QDateTime time;
        QByteArray method;
        QUrl url;
        int status = 0;
    };
    QList<Entry> entries_;
    QNetworkAccessManager* manager_ = nullptr;
};
