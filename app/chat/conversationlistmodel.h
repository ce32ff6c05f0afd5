// The sidebar's conversations as a list model: pinned ones first, then newest activity
// first, each with the section it is shown under ("Pinned", "Today", "Yesterday",
// "Previous 7 days", "Older", by the local calendar). Filled from ConversationStore rows by
// the chat controller; the rows are replaced as a whole (a few hundred at most, and a reset
// keeps the view simple), except renames and pins, which change one row.
#pragma once

#include "records.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QtQml/qqmlregistration.h>
#include <vector>

class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use ChatController.conversations")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        PinnedRole,
        SectionRole,
        UpdatedAtRole, // QDateTime
    };
    Q_ENUM(Role)

    explicit ConversationListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(rows_.size()); }

    // Replaces the rows (already in display order, as list_conversations returns them);
    // sections are computed relative to `now`.
    void setConversations(std::vector<hearth::storage::Conversation> rows,
                          const QDateTime& now = QDateTime::currentDateTime());
    Q_INVOKABLE int indexOf(qint64 id) const;
    Q_INVOKABLE QString title(qint64 id) const;
    qint64 idAt(int row) const;

    // The section of a conversation last active at `updated` (local time), seen at `now`.
    static QString sectionFor(bool pinned, const QDateTime& updated, const QDateTime& now);

signals:
    void countChanged();

private:
    // The untranslated section title: translated when read, so a language change shows.
    static const char* sectionSource(bool pinned, const QDateTime& updated, const QDateTime& now);

    struct Row {
        hearth::storage::Conversation conversation;
        const char* section;
    };
    std::vector<Row> rows_;
};
