#include "catalogfilter.h"

#include <QCollator>

CatalogFilter::CatalogFilter(QObject* parent) : QSortFilterProxyModel(parent) {
    connect(this, &QAbstractItemModel::rowsInserted, this, &CatalogFilter::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &CatalogFilter::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &CatalogFilter::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &CatalogFilter::countChanged);
}

void CatalogFilter::setCatalog(CatalogModel* catalog) {
    if (catalog == catalog_) {
        return;
    }
    if (catalog_ != nullptr) {
        catalog_->disconnect(this);
    }
    catalog_ = catalog;
    setSourceModel(catalog);
    if (catalog != nullptr) {
        connect(catalog, &CatalogModel::catalogChanged, this, &CatalogFilter::catalogChanged);
    }
    sort(0);
    emit catalogChanged();
}

void CatalogFilter::setText(const QString& text) {
    if (text != text_) {
        text_ = text;
        refilter();
    }
}

void CatalogFilter::setFamily(const QString& family) {
    if (family != family_) {
        family_ = family;
        refilter();
    }
}

void CatalogFilter::setTag(const QString& tag) {
    if (tag != tag_) {
        tag_ = tag;
        refilter();
    }
}

void CatalogFilter::setSortBy(const QString& sortBy) {
    if (sortBy != sortBy_) {
        sortBy_ = sortBy;
        invalidate();
        sort(0);
        emit filterChanged();
    }
}

void CatalogFilter::refilter() {
    invalidateRowsFilter();
    emit filterChanged();
}

QVariantMap CatalogFilter::get(int row) const {
    const QModelIndex source = mapToSource(index(row, 0));
    return catalog_ != nullptr && source.isValid() ? catalog_->get(source.row()) : QVariantMap();
}

bool CatalogFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    auto value = [&](int role) { return i.data(role); };
    if (!family_.isEmpty() && value(CatalogModel::FamilyRole).toString() != family_) {
        return false;
    }
    const QStringList tags = value(CatalogModel::TagsRole).toStringList();
    if (!tag_.isEmpty() && !tags.contains(tag_)) {
        return false;
    }
    // Every word of the search must appear somewhere in the entry.
    const QString haystack = QStringList{value(CatalogModel::NameRole).toString(),
                                         value(CatalogModel::FamilyRole).toString(),
                                         value(CatalogModel::PublisherRole).toString(),
                                         value(CatalogModel::DescriptionRole).toString(),
                                         value(CatalogModel::QuantRole).toString(),
                                         tags.join(QLatin1Char(' '))}
                                 .join(QLatin1Char(' '));
    const QStringList words = text_.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return std::all_of(words.begin(), words.end(), [&](const QString& word) {
        return haystack.contains(word, Qt::CaseInsensitive);
    });
}

bool CatalogFilter::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    auto size = [](const QModelIndex& i) { return i.data(CatalogModel::SizeRole).toLongLong(); };
    if (sortBy_ == QLatin1String("name")) {
        static const QCollator collator = [] {
            QCollator c;
            c.setNumericMode(true); // "Qwen3 1.7B" before "Qwen3 14B"
            c.setCaseSensitivity(Qt::CaseInsensitive);
            return c;
        }();
        return collator.compare(left.data(CatalogModel::NameRole).toString(),
                                right.data(CatalogModel::NameRole).toString()) < 0;
    }
    if (sortBy_ == QLatin1String("recommended")) {
        // Recommended, then what runs here, then coming soon; each by size.
        auto rank = [](const QModelIndex& i) {
            return i.data(CatalogModel::RecommendedRole).toBool()  ? 0
                   : i.data(CatalogModel::ComingSoonRole).toBool() ? 2
                                                                   : 1;
        };
        if (rank(left) != rank(right)) {
            return rank(left) < rank(right);
        }
    }
    return size(left) < size(right);
}

QStringList CatalogFilter::values(int role) const {
    QStringList all;
    if (catalog_ != nullptr) {
        for (int row = 0; row < catalog_->rowCount(); ++row) {
            const QVariant v = catalog_->data(catalog_->index(row), role);
            all << (v.typeId() == QMetaType::QStringList ? v.toStringList()
                                                         : QStringList{v.toString()});
        }
    }
    all.removeAll(QString());
    all.removeDuplicates();
    all.sort(Qt::CaseInsensitive);
    return all;
}
