#include "hfsearchmodel.h"

int HfSearchModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant HfSearchModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const HfModelHit& hit = hits_[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case RepoRole:
        return hit.id;
    case DownloadsRole:
        return hit.downloads;
    case LikesRole:
        return hit.likes;
    case GatedRole:
        return hit.gated;
    default:
        return {};
    }
}

QHash<int, QByteArray> HfSearchModel::roleNames() const {
    return {{RepoRole, "repo"},
            {DownloadsRole, "downloads"},
            {LikesRole, "likes"},
            {GatedRole, "gated"}};
}

void HfSearchModel::setHits(const QList<HfModelHit>& hits) {
    beginResetModel();
    hits_ = hits;
    endResetModel();
    emit countChanged();
}
