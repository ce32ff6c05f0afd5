// Hugging Face search results as a list for QML: one row per repository that has GGUF files.
#pragma once

#include "hfapi.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

class HfSearchModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use ModelHub.huggingFace.results")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role { RepoRole = Qt::UserRole + 1, DownloadsRole, LikesRole, GatedRole };
    Q_ENUM(Role)

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(hits_.size()); }
    void setHits(const QList<HfModelHit>& hits);

signals:
    void countChanged();

private:
    QList<HfModelHit> hits_;
};
