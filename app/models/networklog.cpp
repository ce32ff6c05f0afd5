#include "networklog.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace {

class LoggingNetworkAccessManager : public QNetworkAccessManager {
public:
    LoggingNetworkAccessManager(NetworkLog* log) : QNetworkAccessManager(log), log_(log) {}

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request,
                                 QIODevice* data) override {
        static const char* const kMethods[] = {"", "HEAD", "GET", "PUT", "POST", "DELETE", ""};
        const QByteArray method =
            op == CustomOperation
                ? request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray()
                : QByteArray(kMethods[op]);
        log_->record(method, request.url());
        return QNetworkAccessManager::createRequest(op, request, data);
    }

private:
    NetworkLog* log_;
};

} // namespace

NetworkLog::NetworkLog(QObject* parent)
    : QAbstractListModel(parent), manager_(new LoggingNetworkAccessManager(this)) {}

int NetworkLog::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(entries_.size());
}

QVariant NetworkLog::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Entry& e = entries_[index.row()];
    switch (role) {
    case TimeRole:
        return e.time;
    case MethodRole:
        return QString::fromLatin1(e.method);
    case Qt::DisplayRole:
    case UrlRole:
        return e.url.toDisplayString();
    case HostRole:
        return e.url.host();
    case StatusRole:
        return e.status;
    default:
        return {};
    }
}

QHash<int, QByteArray> NetworkLog::roleNames() const {
    return {{TimeRole, "time"},
            {MethodRole, "method"},
            {UrlRole, "url"},
            {HostRole, "host"},
            {StatusRole, "status"}};
}

void NetworkLog::record(const QByteArray& method, const QUrl& url) {
    beginInsertRows({}, count(), count());
    entries_.append({QDateTime::currentDateTime(), method, url});
    endInsertRows();
    emit countChanged();
}

void NetworkLog::recordServed(const QString& method, const QUrl& url, int status,
                              const QDateTime& time) {
    beginInsertRows({}, count(), count());
    entries_.append({time.toLocalTime(), method.toLatin1(), url, status});
    endInsertRows();
    emit countChanged();
}
