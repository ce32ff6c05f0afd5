// The model browser's view of the catalog: filtered by a search text (name, family,
// publisher, description, tags), a family and a tag, and sorted (recommended first, by size
// or by name). A proxy over CatalogModel, so the rows keep every catalog role.
#pragma once

#include "catalogmodel.h"

#include <QSortFilterProxyModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class CatalogFilter : public QSortFilterProxyModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(CatalogModel* catalog READ catalog WRITE setCatalog NOTIFY catalogChanged)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY filterChanged)
    Q_PROPERTY(QString family READ family WRITE setFamily NOTIFY filterChanged) // "": all
    Q_PROPERTY(QString tag READ tag WRITE setTag NOTIFY filterChanged)          // "": all
    // "recommended" (recommended first, then by size), "size" (smallest first), "name".
    Q_PROPERTY(QString sortBy READ sortBy WRITE setSortBy NOTIFY filterChanged)
    Q_PROPERTY(QStringList families READ families NOTIFY catalogChanged)
    Q_PROPERTY(QStringList tags READ tags NOTIFY catalogChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit CatalogFilter(QObject* parent = nullptr);

    CatalogModel* catalog() const { return catalog_; }
    void setCatalog(CatalogModel* catalog);
    QString text() const { return text_; }
    void setText(const QString& text);
    QString family() const { return family_; }
    void setFamily(const QString& family);
    QString tag() const { return tag_; }
    void setTag(const QString& tag);
    QString sortBy() const { return sortBy_; }
    void setSortBy(const QString& sortBy);
    // Every family and tag in the catalog, sorted (for the filter menus).
    QStringList families() const { return values(CatalogModel::FamilyRole); }
    QStringList tags() const { return values(CatalogModel::TagsRole); }
    int count() const { return rowCount(); }

    // Every role of a (filtered) row by its QML name.
    Q_INVOKABLE QVariantMap get(int row) const;

signals:
    void catalogChanged();
    void filterChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QStringList values(int role) const;
    void refilter();

    CatalogModel* catalog_ = nullptr;
    QString text_;
    QString family_;
    QString tag_;
    QString sortBy_ = QStringLiteral("recommended");
};
