// DownloadManager as the list model QML shows: one row per file in the queue.
#include "downloadmanager.h"

#include <algorithm>

int DownloadManager::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant DownloadManager::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Item& item = items_[index.row()];
    const PartialDownload& p = item.job->partial();
    const bool sized = p.expectedSize > 0;
    const double speed = item.state == Downloading ? item.job->bytesPerSecond() : 0;
    switch (role) {
    case Qt::DisplayRole:
    case FileNameRole:
        return p.fileName;
    case CatalogIdRole:
        return p.catalogId;
    case StateRole:
        return int(item.state);
    case BytesDoneRole:
        return p.bytesDone;
    case BytesTotalRole:
        return p.expectedSize >= 0 ? p.expectedSize : qint64(-1);
    case ProgressRole:
        return sized ? std::min(1.0, double(p.bytesDone) / double(p.expectedSize)) : -1.0;
    case SpeedRole:
        return speed;
    case EtaRole:
        return sized && speed > 0 ? qint64(double(p.expectedSize - p.bytesDone) / speed)
                                  : qint64(-1);
    case ErrorRole:
        return item.error.toString();
    case AttemptRole:
        return item.failures;
    case OfflineRole:
        return item.offline;
    default:
        return {};
    }
}

QHash<int, QByteArray> DownloadManager::roleNames() const {
    return {{FileNameRole, "fileName"},     {CatalogIdRole, "catalogId"},
            {StateRole, "state"},           {BytesDoneRole, "bytesDone"},
            {BytesTotalRole, "bytesTotal"}, {ProgressRole, "progress"},
            {SpeedRole, "speed"},           {EtaRole, "eta"},
            {ErrorRole, "error"},           {AttemptRole, "attempts"},
            {OfflineRole, "offline"}};
}
