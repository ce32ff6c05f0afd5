#include "conversationlistmodel.h"

ConversationListModel::ConversationListModel(QObject* parent) : QAbstractListModel(parent) {}

int ConversationListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = rows_[size_t(index.row())];
    switch (role) {
    case IdRole:
        return qint64(row.conversation.id);
    case Qt::DisplayRole:
    case TitleRole:
        return QString::fromStdString(row.conversation.title);
    case PinnedRole:
        return row.conversation.pinned;
    case SectionRole:
        return row.section;
    case UpdatedAtRole:
        return QDateTime::fromMSecsSinceEpoch(row.conversation.updated_at);
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const {
    return {{IdRole, "conversationId"},
            {TitleRole, "title"},
            {PinnedRole, "pinned"},
            {SectionRole, "section"},
            {UpdatedAtRole, "updatedAt"}};
}

void ConversationListModel::setConversations(std::vector<hearth::storage::Conversation> rows,
                                             const QDateTime& now) {
    const int old_count = count();
    beginResetModel();
    rows_.clear();
    rows_.reserve(rows.size());
    for (hearth::storage::Conversation& c : rows) {
        QString section = sectionFor(c.pinned, QDateTime::fromMSecsSinceEpoch(c.updated_at), now);
        rows_.push_back({std::move(c), std::move(section)});
    }
    endResetModel();
    if (count() != old_count) {
        emit countChanged();
    }
}

int ConversationListModel::indexOf(qint64 id) const {
    for (size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i].conversation.id == id) {
            return int(i);
        }
    }
    return -1;
}

QString ConversationListModel::title(qint64 id) const {
    const int row = indexOf(id);
    return row < 0 ? QString() : QString::fromStdString(rows_[size_t(row)].conversation.title);
}

QString ConversationListModel::sectionFor(bool pinned, const QDateTime& updated,
                                          const QDateTime& now) {
    if (pinned) {
        return tr("Pinned");
    }
    const qint64 days = updated.toLocalTime().date().daysTo(now.toLocalTime().date());
    if (days <= 0) {
        return tr("Today"); // also a clock set back: never "in the future"
    }
    if (days == 1) {
        return tr("Yesterday");
    }
    if (days <= 7) {
        return tr("Previous 7 days");
    }
    return tr("Older");
}
